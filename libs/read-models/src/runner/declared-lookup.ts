import type { RecordedEvent } from '@app/event-store';
import type { Doc } from '../document-store.port';
import type { DocLookup, DocRef, Projection } from '../projection';

/** How the runners key a document in their page caches. */
export function docKey(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
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
 * What a page of events will read: each handled event's `reads` (asked once, for the
 * preload and for the lookup guard alike), and the ids per collection.
 */
export function pageReads(
  projection: Projection,
  events: readonly RecordedEvent[],
): { readonly byEvent: Map<RecordedEvent, Set<string>>; readonly refs: DocRef[] } {
  const byEvent = new Map<RecordedEvent, Set<string>>();
  const refs: DocRef[] = [];
  for (const event of events) {
    if (!projection.handles.has(event.type)) continue;
    const declared = new Set<string>();
    for (const ref of projection.reads(event)) {
      declared.add(docKey(ref.collection, ref.id));
      refs.push(ref);
    }
    byEvent.set(event, declared);
  }
  return { byEvent, refs };
}

/**
 * The lookup handed to `evolve`: the documents `reads(event)` named (`declared`, keyed
 * by docKey), as the runner's `find` gives them, and nothing else.
 */
export function declaredLookup(
  projection: Projection,
  event: RecordedEvent,
  declared: ReadonlySet<string> | undefined,
  find: (key: string) => Doc | null,
): DocLookup {
  return (collection, id) => {
    const key = docKey(collection, id);
    if (!declared?.has(key)) throw new UndeclaredReadError(projection.name, event, collection, id);
    return find(key);
  };
}
