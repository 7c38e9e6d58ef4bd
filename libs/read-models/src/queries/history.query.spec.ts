import type { BudgetLineEvent } from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import type { Doc } from '../document-store.port';
import { evolveDocs } from '../runner/states';
import type { StoredEvent } from '../projections/event-fields';
import { HISTORY, HISTORY_TIPS, historyProjection } from '../projections/history.projection';
import { amountsToWire, ZERO_AMOUNTS } from '../projections/line-deltas';
import { queryHistory } from './history.query';
import type { ReadModels } from './read-models';

const LINE = '2024.DA1.TDA1.central.2024.LDTBXH';
let position = 0n;

function stored(
  type: StoredEvent<BudgetLineEvent>['type'],
  data: object,
  on: string,
): RecordedEvent {
  position += 1n;
  return {
    id: `e${position}`,
    streamId: `budget-line-${LINE}`,
    revision: position,
    position,
    type,
    schemaVersion: 1,
    data: { budgetLineId: LINE, ...data },
    metadata: {
      actor: 'u',
      correlationId: 'c',
      causationId: null,
      effectiveDate: on,
      recordedAt: `${on}T03:00:00.000Z`,
    },
    previousHash: null,
    hash: 'h',
  };
}

/** Folds the events through the projection as a runner would, keeping the last doc of each id. */
function project(events: readonly RecordedEvent[]): Map<string, Map<string, Doc>> {
  const collections = new Map<string, Map<string, Doc>>([
    [HISTORY, new Map()],
    [HISTORY_TIPS, new Map()],
  ]);
  for (const event of events) {
    const lookup = (collection: string, id: string): Doc | null =>
      collections.get(collection)?.get(id) ?? null;
    for (const write of evolveDocs(historyProjection, lookup, event)) {
      if (write.op === 'put') collections.get(write.collection)?.set(write.doc.id, write.doc);
    }
  }
  return collections;
}

/** Serves the history collection in stored order (the events above are in date order). */
function modelsOf(entries: readonly Doc[]): ReadModels {
  return { find: async () => entries } as unknown as ReadModels;
}

const events = [
  stored('FundsAllocated', { amount: '500000000', decision: '1/QĐ-UBND' }, '2024-02-01'),
  stored('ExpenditureApproved', { expenditureId: 'x1', amount: '120000000' }, '2024-03-01'),
  stored('ExpenditureDisbursed', { expenditureId: 'x1', amount: '120000000' }, '2024-03-10'),
];

describe('history entries (v6: nonzero columns stored, every column answered)', () => {
  it('given a payment, the stored entry holds only the columns it moves and left nonzero', () => {
    const entries = [...project(events).get(HISTORY)!.values()];
    const paid = entries.at(-1)!;
    expect(paid.deltas).toEqual({ disbursed: '120000000' });
    expect(paid.balanceAfter).toEqual({
      allocated: '500000000',
      committed: '120000000',
      disbursed: '120000000',
    });
    expect(project(events).get(HISTORY_TIPS)!.get(LINE)).toEqual({
      id: LINE,
      allocated: '500000000',
      committed: '120000000',
      disbursed: '120000000',
    });
  });

  it('when the history is asked for, each entry answers every column of its balances', async () => {
    const entries = [...project(events).get(HISTORY)!.values()];
    const answer = await queryHistory(modelsOf(entries), LINE, {});
    const full = amountsToWire({
      ...ZERO_AMOUNTS,
      allocated: 500_000_000n,
      committed: 120_000_000n,
      disbursed: 120_000_000n,
    });
    expect(answer.entries.at(-1)).toMatchObject({ balance: full, balanceAsRecorded: full });
    expect(answer.entries[0]).toMatchObject({
      balanceAsRecorded: amountsToWire({ ...ZERO_AMOUNTS, allocated: 500_000_000n }),
    });
    expect(Object.keys(answer.entries[0]!.balanceAsRecorded as object)).toHaveLength(15);
    expect(answer.entries[0]).not.toHaveProperty('deltas');
  });

  it('an entry stored by v5 (every column, zeros included) answers the same', async () => {
    const entries = [...project(events).get(HISTORY)!.values()];
    const asV5 = entries.map((e) => ({
      ...e,
      deltas: amountsToWire({
        ...ZERO_AMOUNTS,
        ...Object.fromEntries(
          Object.entries(e.deltas as Record<string, string>).map(([k, v]) => [k, BigInt(v)]),
        ),
      }),
      balanceAfter: amountsToWire({
        ...ZERO_AMOUNTS,
        ...Object.fromEntries(
          Object.entries(e.balanceAfter as Record<string, string>).map(([k, v]) => [k, BigInt(v)]),
        ),
      }),
    }));
    const v6 = await queryHistory(modelsOf(entries), LINE, {});
    const v5 = await queryHistory(modelsOf(asV5), LINE, {});
    expect(v5).toEqual(v6);
  });
});
