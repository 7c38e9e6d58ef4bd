import type { BudgetLineEvent } from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import { lineEventOf, str, type StoredEvent } from './event-fields';
import { lineDeltas } from './line-deltas';

/** A stored line event, its data written as the codec writes it (money as decimal strings). */
function stored(event: StoredEvent<BudgetLineEvent>['type'], data: object): RecordedEvent {
  return {
    id: 'e1',
    streamId: 'budget-line-l1',
    revision: 0n,
    position: 1n,
    type: event,
    schemaVersion: 1,
    data: data as RecordedEvent['data'],
    metadata: {
      actor: 'u',
      correlationId: 'c',
      causationId: null,
      effectiveDate: '2024-05-10',
      recordedAt: '2024-05-10T00:00:00.000Z',
    },
    previousHash: null,
    hash: 'h',
  };
}

/*
 * Projections read stored events through the domain's unions (event-fields.ts). The
 * `@ts-expect-error` lines are the proof that matters: `npm run typecheck` fails if a name
 * the domain does not declare ever type-checks (an unused directive is an error).
 */
describe('stored events read by the domain’s names', () => {
  const reversed = stored('ExpenditureReversed', {
    budgetLineId: 'l1',
    expenditureId: 'x1',
    committedAmount: '600',
    disbursedAmount: '250',
    reason: 'Kho bạc từ chối',
  });

  it('narrows a line event by its type, its money as stored', () => {
    const event = lineEventOf(reversed);
    if (event.type !== 'ExpenditureReversed') throw new Error('not narrowed');
    expect(event.data.committedAmount).toBe('600');
    // @ts-expect-error: ExpenditureReversed has no `amount`, only committed and disbursed amounts.
    expect(event.data.amount).toBeUndefined();
    expect(lineDeltas(reversed)).toEqual({ committed: -600n, disbursed: -250n });
  });

  it('reads a field only by a name some line event declares, and refuses a missing one', () => {
    expect(str<BudgetLineEvent>(reversed, 'expenditureId')).toBe('x1');
    // @ts-expect-error: no line event has a `lineId` (it is `budgetLineId`).
    expect(() => str<BudgetLineEvent>(reversed, 'lineId')).toThrow(TypeError);
  });

  it('moves no money for an event of another stream', () => {
    expect(lineDeltas(stored('BudgetLineOpened', {}))).toBeNull();
    expect(lineDeltas({ ...reversed, type: 'PlanSubmitted' })).toBeNull();
  });
});
