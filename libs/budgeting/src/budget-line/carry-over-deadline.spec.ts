import type { BudgetLineCommand, BudgetLineEvent } from './budget-line.events';
import { available } from './budget-line.state';
import { citationOf } from './carry-over-deadline';
import {
  admin,
  approve,
  approver,
  authority,
  carriedId,
  carriedIn,
  carriedKey,
  carriedOpened,
  dated,
  given,
  officer,
  propose,
  registeredAs,
} from './testing/budget-line.fixture';

/**
 * Deadlines are facts with a legal basis (issue 16, item 1): the carry-over decision
 * states the deadline (or the default is recorded as such), and a later decision may
 * extend it, for the lines it names.
 */
describe('the deadline of carried-over money', () => {
  const carryIn = (deadline?: string | null, on = '2024-03-19'): BudgetLineCommand => ({
    type: 'CarryIn',
    actor: admin,
    on,
    data: {
      key: carriedKey,
      amount: 254_771_300n,
      decision: '699/QĐ-UBND',
      transferId: 'c699',
      fromLine: null,
      ...(deadline === undefined ? {} : { deadline }),
    },
  });
  const nq111 = citationOf('111/2024/QH15', '2024-01-18');
  const extend = (
    deadline: string,
    on: string,
    coversLapsed = false,
    decision = nq111,
  ): BudgetLineCommand => ({
    type: 'ExtendCarryOverDeadline',
    actor: admin,
    on,
    recordedOn: on,
    data: { decision, decisionDocument: registeredAs(decision), deadline, coversLapsed },
  });
  const lapsedEvent = (amount: bigint): BudgetLineEvent => ({
    type: 'CarryOverLapsed',
    data: { budgetLineId: carriedId, amount, deadline: '2024-12-31' },
  });
  const funded = [dated(carriedOpened, '2024-03-19'), dated(carriedIn(254_771_300n), '2024-03-19')];

  describe('recorded by the carry-over', () => {
    it('records the deadline 699/QĐ-UBND states, with its basis', () => {
      const state = given([])
        .when(carryIn('2025-06-30'))
        .thenMatches([
          { type: 'BudgetLineOpened' },
          {
            type: 'FundsCarriedIn',
            data: { deadline: '2025-06-30', deadlineBasis: 'decision' },
          },
        ]);
      expect(state.carryOverDeadline).toBe('2025-06-30');
      expect(state.deadlineBasis).toBe('decision');
    });

    it('records 31/12 of the receiving year as the default when the decision states none', () => {
      const state = given([])
        .when(carryIn())
        .thenMatches([
          { type: 'BudgetLineOpened' },
          { type: 'FundsCarriedIn', data: { deadline: '2024-12-31', deadlineBasis: 'default' } },
        ]);
      expect(state.deadlineBasis).toBe('default');
    });

    it('folds an event recorded before 0.9.0 (no basis) as the default', () => {
      // The fixture's event is as 0.8.0 wrote it: deadline, no deadlineBasis.
      expect(given(funded).state.deadlineBasis).toBe('default');
      expect(given(funded).state.carryOverDeadline).toBe('2024-12-31');
    });

    it('refuses a deadline before the carry-over itself', () => {
      given([])
        .when(carryIn('2024-03-01'))
        .thenThrows('TRANSFER.DEADLINE_BEFORE_CARRY_OVER', { field: 'deadline' });
    });

    it('refuses money under another deadline on a line that has one', () => {
      given(funded)
        .when({
          ...carryIn('2025-06-30'),
          data: { ...carryIn('2025-06-30').data, transferId: 'c2' },
        } as BudgetLineCommand)
        .thenThrows('BUDGET.CARRY_OVER_DEADLINE_CONFLICT', { current: '2024-12-31' });
    });

    it('judges spending on the line by its own deadline, not 31/12', () => {
      const own = [
        dated(carriedOpened, '2024-03-19'),
        dated(
          {
            ...carriedIn(1_000_000n),
            data: {
              ...(carriedIn(1_000_000n).data as object),
              deadline: '2024-09-30',
              deadlineBasis: 'decision',
            },
          } as BudgetLineEvent,
          '2024-03-19',
        ),
      ];
      given(own, carriedId)
        .when(propose('e1', 100_000n, {}, officer, '2024-10-01'))
        .thenThrows('BUDGET.CARRY_OVER_EXPIRED');
    });
  });

  describe('extended by a decision', () => {
    it('moves the deadline of a line still in time', () => {
      const state = given(funded, carriedId)
        .when(extend('2025-12-31', '2024-06-01'))
        .then([
          {
            type: 'CarryOverDeadlineExtended',
            data: {
              budgetLineId: carriedId,
              decision: { number: '111/2024/QH15', issuedOn: '2024-01-18', issuer: 'QH15' },
              previousDeadline: '2024-12-31',
              deadline: '2025-12-31',
              restoredAmount: 0n,
            },
          },
        ]);
      expect(state.carryOverDeadline).toBe('2025-12-31');
      expect(state.deadlineExtensions).toEqual(['111/2024/QH15']);
      // Spending in 2025 is now within the deadline (and the adjustment period).
      given(
        [
          ...funded,
          dated(
            {
              type: 'CarryOverDeadlineExtended',
              data: {
                budgetLineId: carriedId,
                decision: nq111,
                previousDeadline: '2024-12-31',
                deadline: '2025-12-31',
                restoredAmount: 0n,
              },
            },
            '2024-06-01',
          ),
        ],
        carriedId,
      )
        .when(propose('e1', 100_000n, {}, officer, '2025-01-15'))
        .thenMatches([{ type: 'ExpenditureProposed' }]);
    });

    it('refuses a deadline that is not later than the current one', () => {
      given(funded, carriedId)
        .when(extend('2024-12-31', '2024-06-01'))
        .thenThrows('BUDGET.DEADLINE_NOT_LATER', { current: '2024-12-31' });
    });

    it('refuses a decision issued after the extension takes effect', () => {
      given(funded, carriedId)
        .when(extend('2025-12-31', '2024-06-01', false, citationOf('5/QĐ-UBND', '2024-07-01')))
        .thenThrows('DOCUMENT.ISSUED_AFTER', { field: 'decision' });
    });

    it('refuses a line with no carried-over money', () => {
      given([], carriedId)
        .when(extend('2025-12-31', '2024-06-01'))
        .thenThrows('BUDGET.LINE_NOT_FOUND');
    });

    it('is the finance office’s: an approver may not extend', () => {
      given(funded, carriedId)
        .when({ ...extend('2025-12-31', '2024-06-01'), actor: approver })
        .thenThrows('AUTH.ROLE_FORBIDDEN');
    });

    it('after the deadline, refuses a decision that does not cover lapsed money', () => {
      const error = given([...funded, dated(lapsedEvent(254_771_300n), '2025-01-01')], carriedId)
        .when(extend('2025-12-31', '2025-02-01'))
        .thenThrows('BUDGET.CARRY_OVER_ALREADY_LAPSED', { deadline: '2024-12-31' });
      expect(error.messages.vi).toContain('31/12/2024');
    });

    it('after the lapse, revives the lapsed money when the decision covers it (as 111/2024/QH15 did)', () => {
      const lapsed = [...funded, dated(lapsedEvent(254_771_300n), '2025-01-01')];
      expect(available(given(lapsed, carriedId).state.balances)).toBe(0n);
      const state = given(lapsed, carriedId)
        .when(extend('2025-12-31', '2025-02-01', true))
        .thenMatches([
          {
            type: 'CarryOverDeadlineExtended',
            data: { restoredAmount: 254_771_300n, deadline: '2025-12-31' },
          },
        ]);
      expect(available(state.balances)).toBe(254_771_300n);
      expect(state.balances.cancelled).toBe(0n);
      expect(state.lapsed).toBe(false);
    });

    it('gives the revived money from the extension’s date, never before it', () => {
      const revived = [
        ...funded,
        dated(lapsedEvent(254_771_300n), '2025-01-01'),
        dated(
          {
            type: 'CarryOverDeadlineExtended',
            data: {
              budgetLineId: carriedId,
              decision: nq111,
              previousDeadline: '2024-12-31',
              deadline: '2025-12-31',
              restoredAmount: 254_771_300n,
            },
          },
          '2025-02-01',
        ),
        dated(
          {
            type: 'ExpenditureProposed',
            data: {
              budgetLineId: carriedId,
              expenditureId: 'e1',
              amount: 100_000n,
              category: 'training',
              description: 'Tập huấn',
              payee: 'X',
              activity: null,
              voucher: null,
              personDays: null,
              jointTeam: false,
              proposedBy: officer.userId,
              correction: null,
            },
          },
          '2025-01-20',
        ),
      ];
      // Between the lapse and the extension the money did not exist.
      given(revived, carriedId)
        .when(approve('e1', approver, { ...authority, validTo: '2025-12-31' }, '2025-01-25'))
        .thenThrows('BUDGET.LINE_OVERDRAWN_ON_DATE');
      given(revived, carriedId)
        .when(approve('e1', approver, { ...authority, validTo: '2025-12-31' }, '2025-02-01'))
        .thenMatches([{ type: 'ExpenditureApproved' }]);
    });
  });
});
