import type { RecordedEvent } from '@app/event-store';
import type { Doc } from '../document-store.port';
import type { DocLookup, Projection } from '../projection';

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
 * The lookup handed to `evolve`: the documents `reads(event)` named, as the runner's
 * `find` gives them (keyed `collection\0id`), and nothing else.
 */
export function declaredLookup(
  projection: Projection,
  event: RecordedEvent,
  find: (key: string) => Doc | null,
): DocLookup {
  const declared = new Set(projection.reads(event).map((r) => `${r.collection}\u0000${r.id}`));
  return (collection, id) => {
    const key = `${collection}\u0000${id}`;
    if (!declared.has(key)) throw new UndeclaredReadError(projection.name, event, collection, id);
    return find(key);
  };
}
