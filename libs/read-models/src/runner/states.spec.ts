import type { RecordedEvent } from '@app/event-store';
import type { Doc } from '../document-store.port';
import { lookupState, type Projection, type StateCodec } from '../projection';
import { evolveDocs, held, heldAfter, toStoreWrite } from './states';

interface Counter {
  count: bigint;
}

let encoded = 0;
const COUNTER: StateCodec<Counter> = {
  decode: (doc) => ({ count: BigInt(doc.count as string) }),
  encode: (state, id) => {
    encoded++;
    return { id, count: state.count.toString() };
  },
};

const event = { type: 'Counted', data: { id: 'c1' } } as unknown as RecordedEvent;

/** Counts events per id in a typed value, changed in place. */
const counting: Projection = {
  name: 'counting',
  version: 1,
  collections: { counters: [] },
  handles: new Set(['Counted']),
  codecs: { counters: COUNTER },
  reads: () => [{ collection: 'counters', id: 'c1' }],
  evolve(lookup) {
    const counter = lookupState<Counter>(lookup, 'counters', 'c1') ?? { count: 0n };
    counter.count += 1n;
    return [{ op: 'state', collection: 'counters', id: 'c1', state: counter }];
  },
};

describe('typed replay state', () => {
  it('is decoded once when loaded, evolved in place, and encoded only when committed', () => {
    encoded = 0;
    const value = held(counting, 'counters', { id: 'c1', count: '41' }) as Counter;
    expect(value).toEqual({ count: 41n });
    const lookup = (): Doc | null => value as unknown as Doc;
    const writes = [1, 2, 3].flatMap(() => counting.evolve(lookup, event));
    expect(value.count).toBe(44n);
    expect(encoded).toBe(0);
    // What the runner holds after the write is the value itself, not a document.
    expect(heldAfter(counting, writes.at(-1)!)).toBe(value);
    expect(toStoreWrite(counting, writes.at(-1)!)).toEqual({
      op: 'put',
      collection: 'counters',
      doc: { id: 'c1', count: '44' },
    });
    expect(encoded).toBe(1);
  });

  it('leaves documents of collections without a codec as they are', () => {
    const doc = { id: 'x', n: 1 };
    expect(held(counting, 'other', doc)).toBe(doc);
    const put = { op: 'put', collection: 'other', doc } as const;
    expect(toStoreWrite(counting, put)).toBe(put);
    expect(heldAfter(counting, { op: 'delete', collection: 'counters', id: 'c1' })).toBeNull();
  });

  it('refuses a typed value for a collection without a codec', () => {
    expect(() =>
      toStoreWrite(counting, { op: 'state', collection: 'other', id: 'x', state: {} }),
    ).toThrow('projection counting wrote a typed value to other, which has no codec');
  });

  it('folds outside a runner on documents (evolveDocs)', () => {
    const stored = new Map<string, Doc>([['c1', { id: 'c1', count: '9' }]]);
    const writes = evolveDocs(counting, (_, id) => stored.get(id) ?? null, event);
    expect(writes).toEqual([{ op: 'put', collection: 'counters', doc: { id: 'c1', count: '10' } }]);
    // The stored document itself is not changed: only the decoded value was.
    expect(stored.get('c1')).toEqual({ id: 'c1', count: '9' });
  });
});
