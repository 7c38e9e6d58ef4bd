import type { RecordedEvent } from '@app/event-store';
import type { Projection } from '../projection';
import { DeclaredLookup, DocTable, pageReads, UndeclaredReadError } from './declared-lookup';

const event = (position: bigint, type: string, lineId = 'L1'): RecordedEvent =>
  ({ position, type, data: { lineId }, metadata: {} }) as unknown as RecordedEvent;

const projection: Projection = {
  name: 'probe',
  version: 1,
  collections: { lines: [] },
  handles: new Set(['Handled']),
  reads: (e) => [{ collection: 'lines', id: e.data.lineId as string }],
  evolve: () => [],
};

describe('the lookup a projection evolves with', () => {
  it('serves the documents reads() named, and refuses any other', () => {
    const handled = event(1n, 'Handled');
    const reads = pageReads(projection, [handled, event(2n, 'Ignored')]);
    expect(reads).toEqual([[{ collection: 'lines', id: 'L1' }], undefined]);

    const stored = new DocTable<{ id: string }>();
    stored.set('lines', 'L1', { id: 'L1' });
    stored.set('lines', 'L2', { id: 'L2' });
    const guard = new DeclaredLookup(projection, (c, id) => stored.get(c, id) ?? null);
    const lookup = guard.aim(handled, reads[0]!);
    expect(lookup('lines', 'L1')).toEqual({ id: 'L1' });
    expect(() => lookup('lines', 'L2')).toThrow(UndeclaredReadError);
    expect(() => lookup('lines', 'L2')).toThrow('projection probe looked up lines/L2');
    expect(() => lookup('other', 'L1')).toThrow(UndeclaredReadError);

    // Aimed at the next event, it serves that event's documents only.
    const next = event(3n, 'Handled', 'L2');
    const lookupNext = guard.aim(next, pageReads(projection, [next])[0]!);
    expect(lookupNext('lines', 'L2')).toEqual({ id: 'L2' });
    expect(() => lookupNext('lines', 'L1')).toThrow('for event Handled at position 3');
  });
});

describe('a table of documents by collection and id', () => {
  it('counts, overwrites and trims the oldest of each collection first', () => {
    const table = new DocTable<number>();
    for (let i = 0; i < 6; i++) table.set('a', `a${i}`, i);
    for (let i = 0; i < 2; i++) table.set('b', `b${i}`, i);
    table.set('a', 'a0', 10); // most recent again
    table.replace('a', 'a1', 11); // keeps its place
    expect(table.size).toBe(8);
    expect(table.get('a', 'a0')).toBe(10);
    expect(table.has('b', 'a0')).toBe(false);
    table.trim(4);
    expect(table.size).toBeLessThanOrEqual(4);
    // The oldest of `a` went first; `a0` was written last.
    expect(table.has('a', 'a1')).toBe(false);
    expect(table.get('a', 'a0')).toBe(10);
    expect([...table.values()]).toContain(10);
    table.clear();
    expect(table.size).toBe(0);
  });
});
