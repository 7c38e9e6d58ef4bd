import { isDeepStrictEqual } from 'node:util';
import type { Doc, DocumentStore } from '../document-store.port';
import { physical, type Generation } from './generations';

export interface Difference {
  readonly collection: string;
  readonly id: string;
  readonly kind: 'missing_in_rebuild' | 'only_in_rebuild' | 'different';
  readonly current?: Doc;
  readonly rebuilt?: Doc;
}

const PAGE = 500;

async function* pages(docs: DocumentStore, collection: string): AsyncGenerator<Doc> {
  let after: string | null = null;
  for (;;) {
    const page = await docs.scan(collection, after, PAGE);
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < PAGE) return;
    after = last.id;
  }
}

/**
 * Walks both generations of every collection in id order side by side (a merge, so
 * memory stays flat) and lists each document that differs, up to `limit` of them.
 */
export async function compareGenerations(
  docs: DocumentStore,
  current: Generation,
  rebuilt: Generation,
  limit = 100,
): Promise<{
  readonly equal: boolean;
  readonly differences: Difference[];
  readonly total: number;
}> {
  const differences: Difference[] = [];
  let total = 0;
  const note = (d: Difference): void => {
    total++;
    if (differences.length < limit) differences.push(d);
  };
  for (const collection of Object.keys(current.projection.collections)) {
    const a = pages(docs, physical(collection, current.tag));
    const b = pages(docs, physical(collection, rebuilt.tag));
    let x = await a.next();
    let y = await b.next();
    while (!x.done || !y.done) {
      if (!y.done && (x.done || y.value.id < x.value.id)) {
        note({ collection, id: y.value.id, kind: 'only_in_rebuild', rebuilt: y.value });
        y = await b.next();
      } else if (!x.done && (y.done || x.value.id < y.value.id)) {
        note({ collection, id: x.value.id, kind: 'missing_in_rebuild', current: x.value });
        x = await a.next();
      } else if (!x.done && !y.done) {
        if (!isDeepStrictEqual(x.value, y.value))
          note({
            collection,
            id: x.value.id,
            kind: 'different',
            current: x.value,
            rebuilt: y.value,
          });
        x = await a.next();
        y = await b.next();
      }
    }
  }
  return { equal: total === 0, differences, total };
}
