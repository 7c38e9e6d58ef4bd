import type { RecordedEvent } from '@app/event-store';
import type { Doc, Write } from './document-store.port';

export interface DocRef {
  readonly collection: string;
  readonly id: string;
}

/**
 * What a projection may read while it evolves: the documents it named for this event (for
 * a collection with a codec, the typed value: read it with `lookupState`).
 */
export type DocLookup = (collection: string, id: string) => Doc | null;

/**
 * How a projection keeps the documents of one collection as typed values between events
 * (amounts as bigints rather than decimal strings parsed and formatted at every event).
 * The runner decodes such a document once, when it loads it; evolve reads the value
 * (`lookupState`), may change it in place, and returns a `StateWrite` of it; the runner
 * encodes the value when it commits — once per commit, however many events changed it.
 * Live projection and rebuilds run the same evolve: only how long a value lives between
 * its decode and its encode differs (a page, or a rebuild's commit).
 */
export interface StateCodec<S extends object> {
  decode(doc: Doc): S;
  /** A fresh document sharing nothing mutable with the value (which evolves on). */
  encode(state: S, id: string): Doc;
}

/**
 * The document `id` of a collection with a codec now holds this value. Evolve returns one
 * for every value it changed in place, in the same call: a value changed and not written
 * would differ between the runner's memory and the store.
 */
export interface StateWrite {
  readonly op: 'state';
  readonly collection: string;
  readonly id: string;
  readonly state: object;
}

/** What evolve returns: documents to put or delete, and typed values to encode at commit. */
export type ProjectionWrite = Write | StateWrite;

/** The typed value of a document of a collection with a codec, as evolve's lookup hands it. */
export function lookupState<S extends object>(
  lookup: DocLookup,
  collection: string,
  id: string,
): S | null {
  return lookup(collection, id) as unknown as S | null;
}

/**
 * A projection: a pure function from (the documents an event touches, the event) to
 * writes, plus what it handles. The runner loads the named documents, batches the writes
 * and commits them with the checkpoint, so the same code serves live projection,
 * rebuilds and replays.
 */
export interface Projection {
  readonly name: string;
  /** Bump when evolve changes: read models built by another version are rebuilt. */
  readonly version: number;
  /** Logical collections it owns, with their indexes. */
  readonly collections: Readonly<Record<string, readonly (readonly string[])[]>>;
  readonly handles: ReadonlySet<string>;
  /** The documents evolve needs to see for this event. */
  reads(event: RecordedEvent): readonly DocRef[];
  evolve(lookup: DocLookup, event: RecordedEvent): readonly ProjectionWrite[];
  /**
   * Optional: collections whose documents evolve keeps as typed values (StateCodec).
   * Without a codec, evolve sees and writes documents.
   */
  readonly codecs?: Readonly<Record<string, StateCodec<object>>>;
}
