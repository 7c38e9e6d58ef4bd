import type { BudgetLineEvent } from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import type { Doc } from '../document-store.port';
import type { StoredEvent } from './event-fields';
import { historyProjection, HISTORY } from './history.projection';
import { addDeltas, amountsToWire, lineDeltas, ZERO_AMOUNTS } from './line-deltas';

const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
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
    data: { budgetLineId: LINE, expenditureId: 'adv', ...data },
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

const paid = stored(
  'ExpenditureDisbursed',
  { amount: '10000000', voucher: 'UNC-1', paidOn: '2024-05-20', advance: true },
  '2024-05-20',
);
const settled = stored(
  'AdvanceSettled',
  {
    amount: '7000000',
    vouchers: [{ number: 'HD-1', date: '2024-06-05' }],
    settledOn: '2024-06-10',
    settledBy: 'kt',
    openAfter: '3000000',
  },
  '2024-06-10',
);
const recovered = (returnsTo: 'line' | 'budget') =>
  stored(
    'AdvanceRecovered',
    {
      amount: '3000000',
      receipt: 'GNT-1',
      recoveredOn: '2024-06-20',
      recoveredBy: 'kt',
      returnsTo,
      openAfter: '0',
    },
    '2024-06-20',
  );
const approved = { ...ZERO_AMOUNTS, allocated: 50_000_000n, committed: 10_000_000n };

describe('advances in the read models', () => {
  it('opens the advance with its payment, counted in disbursed and apart', () => {
    const after = addDeltas(approved, lineDeltas(paid) ?? {});
    expect(amountsToWire(after)).toMatchObject({
      disbursed: '10000000',
      advanced: '10000000',
      advancesOpen: '10000000',
      available: '40000000',
    });
  });

  it('an ordinary payment opens no advance', () => {
    const payment = stored(
      'ExpenditureDisbursed',
      { amount: '5', voucher: 'V', paidOn: '2024-05-20' },
      '2024-05-20',
    );
    expect(lineDeltas(payment)).toEqual({ disbursed: 5n });
  });

  it('settles part and recovers the rest back to the line: settled + recovered + open = advanced', () => {
    let a = addDeltas(approved, lineDeltas(paid) ?? {});
    a = addDeltas(a, lineDeltas(settled) ?? {});
    expect(amountsToWire(a)).toMatchObject({ advancesOpen: '3000000', disbursed: '10000000' });
    a = addDeltas(a, lineDeltas(recovered('line')) ?? {});
    expect(amountsToWire(a)).toMatchObject({
      advanced: '10000000',
      advanceSettled: '7000000',
      advanceRecovered: '3000000',
      advancesOpen: '0',
      disbursed: '7000000',
      committed: '7000000',
      available: '43000000',
    });
  });

  it('recovered after the adjustment period, the money leaves the line', () => {
    const a = addDeltas(
      addDeltas(approved, lineDeltas(paid) ?? {}),
      lineDeltas(recovered('budget')) ?? {},
    );
    expect(amountsToWire(a)).toMatchObject({
      cancelled: '3000000',
      available: '40000000',
      advancesOpen: '7000000',
    });
  });

  it('writes the settlement to the line history with its vouchers and what stays open', () => {
    const writes = historyProjection.evolve(() => null, settled);
    const entry = writes.find((w) => w.op === 'put' && w.collection === HISTORY);
    const doc = (entry as { doc: Doc } | undefined)?.doc;
    expect(doc).toMatchObject({
      type: 'AdvanceSettled',
      amount: '7000000',
      advance: true,
      vouchers: [{ number: 'HD-1', date: '2024-06-05' }],
      openAfter: '3000000',
    });
  });
});
