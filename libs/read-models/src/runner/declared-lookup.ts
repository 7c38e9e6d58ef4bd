import type { RecordedEvent } from '@app/event-store';
import type { Doc } from '../document-store.port';
import type { DocLookup, DocRef, Projection } from '../projection';

/**
 * Values by collection, then id: the runners' page caches and pending writes. Two levels
 * rather than one map keyed by `collection + id`, so that a lookup builds no key string
 * (a rebuild looks documents up millions of times; a fresh concatenation is flattened and
 * hashed at every use, an event's id string only once).
 */
export class DocTable<V> {
  private readonly byCollection = new Map<string, Map<string, V>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(collection: string, id: string): V | undefined {
    return this.byCollection.get(collection)?.get(id);
  }

  has(collection: string, id: string): boolean {
    return this.byCollection.get(collection)?.has(id) ?? false;
  }

  /** Sets the value as the collection's most recent (oldest first is the trim order). */
  set(collection: string, id: string, value: V): void {
    let ids = this.byCollection.get(collection);
    if (!ids) this.byCollection.set(collection, (ids = new Map<string, V>()));
    if (ids.delete(id)) this.count--;
    ids.set(id, value);
    this.count++;
  }

  /** Sets the value in place: a key already there keeps its place in the trim order. */
  replace(collection: string, id: string, value: V): void {
    let ids = this.byCollection.get(collection);
    if (!ids) this.byCollection.set(collection, (ids = new Map<string, V>()));
    const size = ids.size;
    ids.set(id, value);
    this.count += ids.size - size;
  }

  clear(): void {
    this.byCollection.clear();
    this.count = 0;
  }

  *values(): IterableIterator<V> {
    for (const ids of this.byCollection.values()) yield* ids.values();
  }

  /** Drops the oldest entries of each collection, in proportion to its size, down to `max`. */
  trim(max: number): void {
    const excess = this.count - max;
    if (excess <= 0) return;
    const total = this.count;
    for (const ids of this.byCollection.values()) {
      let drop = Math.ceil((excess * ids.size) / total);
      for (const id of ids.keys()) {
        if (drop-- <= 0) break;
        ids.delete(id);
        this.count--;
      }
    }
  }
}

/**
 * A projection read a document its `reads` did not name for the event. What such a
 * lookup would see depends on which documents the runner happened to have in memory
 * (the page, the cache), so a live projection and a rebuild could write different
 * documents from the same log. Refused loudly instead: the projection is wrong.
 */
export class UndeclaredReadError extends Error {
  constructor(projection: string, event: RecordedEvent, collection: string, id: string) {
    super(
      `projection ${projection} looked up ${collection}/${id} for event ${event.type} at ` +
        `position ${event.position} without naming it in reads()`,
    );
    this.name = 'UndeclaredReadError';
  }
}

/**
 * What a page of events will read: each event's `reads` (asked once, for the preload and
 * for the lookup guard alike), by the event's index in the page; undefined where the
 * projection does not handle the event.
 */
export function pageReads(
  projection: Projection,
  events: readonly RecordedEvent[],
): (readonly DocRef[] | undefined)[] {
  const reads: (readonly DocRef[] | undefined)[] = new Array<readonly DocRef[] | undefined>(
    events.length,
  );
  const { handles } = projection;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (handles.has(event.type)) reads[i] = projection.reads(event);
  }
  return reads;
}

/**
 * The lookup handed to `evolve`: for the event it is aimed at, the documents that event's
 * `reads` named, as the runner's `find` gives them, and nothing else. One per page, aimed
 * at each event in turn: a lookup is valid only during the evolve it was handed to.
 */
export class DeclaredLookup {
  private event: RecordedEvent | null = null;
  private declared: readonly DocRef[] = [];
  readonly lookup: DocLookup;

  constructor(
    private readonly projection: Projection,
    find: (collection: string, id: string) => Doc | null,
  ) {
    this.lookup = (collection, id) => {
      // A handful of refs an event: a scan beats building a set.
      for (const ref of this.declared) {
        if (ref.id === id && ref.collection === collection) return find(collection, id);
      }
      throw new UndeclaredReadError(this.projection.name, this.event!, collection, id);
    };
  }

  aim(event: RecordedEvent, declared: readonly DocRef[]): DocLookup {
    this.event = event;
    this.declared = declared;
    return this.lookup;
  }
}
