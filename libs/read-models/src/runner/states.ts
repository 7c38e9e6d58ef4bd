import type { Doc, Write } from '../document-store.port';
import type { DocLookup, Projection, ProjectionWrite, StateCodec } from '../projection';
import type { RecordedEvent } from '@app/event-store';

/**
 * What the runners keep in memory for a document: the document, or for a collection with
 * a codec its typed value (see StateCodec); null for a document that does not exist.
 */
export type Held = Doc | object | null;

function codecOf(projection: Projection, collection: string): StateCodec<object> | undefined {
  return projection.codecs?.[collection];
}

/** A document as loaded from the store, as the runner holds it: decoded once, here. */
export function held(projection: Projection, collection: string, doc: Doc | null): Held {
  if (doc === null) return null;
  const codec = codecOf(projection, collection);
  return codec ? codec.decode(doc) : doc;
}

/** What the runner holds for a document after this write. */
export function heldAfter(projection: Projection, write: ProjectionWrite): Held {
  if (write.op === 'state') return write.state;
  if (write.op === 'delete') return null;
  return held(projection, write.collection, write.doc);
}

export function idOf(write: ProjectionWrite): string {
  return write.op === 'put' ? write.doc.id : write.id;
}

/** The store's write: a typed value is encoded now (at commit), in its codec's document. */
export function toStoreWrite(projection: Projection, write: ProjectionWrite): Write {
  if (write.op !== 'state') return write;
  const codec = codecOf(projection, write.collection);
  if (!codec) {
    throw new Error(
      `projection ${projection.name} wrote a typed value to ${write.collection}, which has no codec`,
    );
  }
  return { op: 'put', collection: write.collection, doc: codec.encode(write.state, write.id) };
}

/**
 * Evolve outside a runner (tests, folds): the lookup serves documents, which are decoded
 * for the collections with a codec, and the writes come back as documents.
 */
export function evolveDocs(
  projection: Projection,
  lookup: DocLookup,
  event: RecordedEvent,
): Write[] {
  const decoding: DocLookup = (collection, id) =>
    held(projection, collection, lookup(collection, id)) as Doc | null;
  return projection.evolve(decoding, event).map((w) => toStoreWrite(projection, w));
}
