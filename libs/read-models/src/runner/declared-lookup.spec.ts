import type { RecordedEvent } from '@app/event-store';
import type { Projection } from '../projection';
import { declaredLookup, docKey, pageReads, UndeclaredReadError } from './declared-lookup';

const event = (position: bigint, type: string): RecordedEvent =>
  ({ position, type, data: { lineId: 'L1' }, metadata: {} }) as unknown as RecordedEvent;

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
    expect(reads.refs).toEqual([{ collection: 'lines', id: 'L1' }]);
    expect([...reads.byEvent.keys()]).toEqual([handled]);

    const stored = new Map([[docKey('lines', 'L1'), { id: 'L1' }]]);
    const lookup = declaredLookup(
      projection,
      handled,
      reads.byEvent.get(handled),
      (key) => stored.get(key) ?? null,
    );
    expect(lookup('lines', 'L1')).toEqual({ id: 'L1' });
    expect(() => lookup('lines', 'L2')).toThrow(UndeclaredReadError);
    expect(() => lookup('lines', 'L2')).toThrow('projection probe looked up lines/L2');
  });
});
