import type { RecordedEvent } from '@app/event-store';
import type { Doc, Write } from './document-store.port';

export interface DocRef {
  readonly collection: string;
  readonly id: string;
}

/** What a projection may read while it evolves: the documents it named for this event. */
export type DocLookup = (collection: string, id: string) => Doc | null;

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
  evolve(lookup: DocLookup, event: RecordedEvent): readonly Write[];
}
