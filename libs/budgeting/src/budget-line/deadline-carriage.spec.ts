import { budgetLineId } from './budget-line-key';
import type { BudgetLineCommand, BudgetLineEvent, CarriedDeadline } from './budget-line.events';
import { initialBudgetLineState } from './budget-line.state';
import { citationOf } from './carry-over-deadline';
import { deadlineOnArrival } from './deadline-carriage';
import {
  admin,
  carriedId,
  carriedIn,
  carriedKey,
  carriedOpened,
  dated,
  given,
  key,
  lineId,
  officer,
  propose,
} from './testing/budget-line.fixture';

/** Another line of the same 2023 money, which only a reallocation reaches. */
const reachedKey = { ...carriedKey, programPart: 'DA6.TDA2' };
const reachedId = budgetLineId(reachedKey);

const by699: CarriedDeadline = {
  deadline: '2024-09-30',
  deadlineBasis: 'decision',
  decision: '699/QĐ-UBND',
  extensions: [],
};

/** 699/QĐ-UBND carried 2023 money in, stating 30/9/2024 as its deadline. */
const carriedBy699 = [
  dated(carriedOpened, '2024-03-19'),
  dated(
    {
      ...carriedIn(250_000n),
      data: {
        ...(carriedIn(250_000n).data as object),
        deadline: '2024-09-30',
        deadlineBasis: 'decision',
      },
    } as BudgetLineEvent,
    '2024-03-19',
  ),
];

const transferOut = (
  on: string,
  kind: 'reallocation' | 'carry_over' = 'reallocation',
): BudgetLineCommand => ({
  type: 'TransferOut',
  actor: admin,
  on,
  data: { kind, amount: 100_000n, decision: '120/QĐ-UBND', transferId: 't1', toLine: reachedId },
});

const transferIn = (
  carriedDeadline: CarriedDeadline | null,
  to = reachedKey,
  transferId = 't1',
): BudgetLineCommand => ({
  type: 'TransferIn',
  actor: admin,
  on: '2024-08-01',
  data: {
    key: to,
    amount: 100_000n,
    decision: '120/QĐ-UBND',
    transferId,
    fromLine: carriedId,
    carriedDeadline,
  },
});

const reachedOpened: BudgetLineEvent = {
  type: 'BudgetLineOpened',
  data: { budgetLineId: reachedId, ...reachedKey },
};
const credited = (carried: CarriedDeadline | undefined): BudgetLineEvent => ({
  type: 'FundsTransferredIn',
  data: {
    budgetLineId: reachedId,
    amount: 100_000n,
    decision: '120/QĐ-UBND',
    transferId: 't1',
    fromLine: carriedId,
    ...(carried ? { carriedDeadline: carried } : {}),
  },
});

/**
 * Money keeps the deadline it carries (State Budget Law 83/2015/QH13 Art. 64): carried-over
 * money a reallocation moves to another line is spent there only up to the deadline its
 * carry-over decision set, and lapses there at it.
 */
describe('the deadline of carried-over money moved by a reallocation', () => {
  describe('on the line it leaves', () => {
    it('records the deadline the money carries, with its basis and decision', () => {
      given(carriedBy699, carriedId)
        .when(transferOut('2024-08-01'))
        .thenMatches([{ type: 'FundsTransferredOut', data: { carriedDeadline: by699 } }]);
    });

    it('records the extensions too', () => {
      const extended: BudgetLineEvent = {
        type: 'CarryOverDeadlineExtended',
        data: {
          budgetLineId: carriedId,
          decision: citationOf('111/2024/QH15', '2024-01-18'),
          previousDeadline: '2024-09-30',
          deadline: '2024-11-30',
          restoredAmount: 0n,
        },
      };
      given([...carriedBy699, dated(extended, '2024-06-01')], carriedId)
        .when(transferOut('2024-10-15'))
        .thenMatches([
          {
            type: 'FundsTransferredOut',
            data: {
              carriedDeadline: { ...by699, deadline: '2024-11-30', extensions: ['111/2024/QH15'] },
            },
          },
        ]);
    });

    it('refuses moving it after its deadline, as it refuses spending it', () => {
      given(carriedBy699, carriedId)
        .when(transferOut('2024-10-01'))
        .thenThrows('BUDGET.CARRY_OVER_EXPIRED');
    });

    it('leaves a carry-over out of the line to the deadline its own decision states', () => {
      const state = given(carriedBy699, carriedId)
        .when(transferOut('2025-03-19', 'carry_over'))
        .thenMatches([{ type: 'FundsCarriedOut' }]);
      expect(state.balances.carriedOut).toBe(100_000n);
    });

    it('records no deadline for the year’s own money', () => {
      const current = [
        dated({ type: 'BudgetLineOpened', data: { budgetLineId: lineId, ...key } }, '2024-03-25'),
        dated(
          {
            type: 'FundsAllocated',
            data: {
              budgetLineId: lineId,
              amount: 500_000n,
              decision: '30/QĐ-UBND',
              legalBasis: [],
            },
          },
          '2024-03-25',
        ),
      ];
      const [event] = given(current).when(transferOut('2024-10-01')).events();
      expect(event?.data).not.toHaveProperty('carriedDeadline');
    });
  });

  describe('on the line it reaches', () => {
    it('gives a line without a deadline the one the money carries', () => {
      const state = given([], reachedId)
        .when(transferIn(by699))
        .thenMatches([
          { type: 'BudgetLineOpened' },
          { type: 'FundsTransferredIn', data: { carriedDeadline: by699 } },
        ]);
      expect(state.carryOverDeadline).toBe('2024-09-30');
      expect(state.deadlineBasis).toBe('decision');
      expect(state.deadlineDecision).toBe('699/QĐ-UBND');
    });

    const reached = [dated(reachedOpened, '2024-08-01'), dated(credited(by699), '2024-08-01')];

    it('spends the money up to the deadline, not after', () => {
      given(reached, reachedId)
        .when(propose('e1', 40_000n, {}, officer, '2024-09-30'))
        .thenMatches([{ type: 'ExpenditureProposed' }]);
      given(reached, reachedId)
        .when(propose('e1', 40_000n, {}, officer, '2024-10-01'))
        .thenThrows('BUDGET.CARRY_OVER_EXPIRED');
    });

    it('lapses the money at the deadline', () => {
      given(reached, reachedId)
        .when({
          type: 'LapseCarryOver',
          actor: admin,
          on: '2024-10-01',
          data: { today: '2024-10-02' },
        })
        .thenMatches([
          { type: 'CarryOverLapsed', data: { amount: 100_000n, deadline: '2024-09-30' } },
        ]);
    });

    it('takes more money under the same deadline, keeping its own source', () => {
      const own = { ...by699, decision: '700/QĐ-UBND' };
      const state = given(
        [dated(reachedOpened, '2024-08-01'), dated(credited(own), '2024-08-01')],
        reachedId,
      )
        .when(transferIn(by699, reachedKey, 't2'))
        .thenMatches([{ type: 'FundsTransferredIn' }]);
      expect(state.deadlineDecision).toBe('700/QĐ-UBND');
      expect(state.balances.transferredIn).toBe(200_000n);
    });

    it('refuses money under another deadline, as a carry-over', () => {
      given(reached, reachedId)
        .when(transferIn({ ...by699, deadline: '2024-12-31' }, reachedKey, 't2'))
        .thenThrows('BUDGET.CARRY_OVER_DEADLINE_CONFLICT', {
          current: '2024-09-30',
          stated: '2024-12-31',
        });
    });

    it('refuses it once the line’s own money has lapsed', () => {
      const lapsed: BudgetLineEvent = {
        type: 'CarryOverLapsed',
        data: { budgetLineId: reachedId, amount: 100_000n, deadline: '2024-09-30' },
      };
      given([...reached, dated(lapsed, '2024-10-01')], reachedId)
        .when(transferIn(by699, reachedKey, 't2'))
        .thenThrows('BUDGET.CARRY_OVER_EXPIRED');
    });

    it('releases it on a line of the year’s own money (a permitting decision moved it), by the rule', () => {
      const state = given([], lineId)
        .when(transferIn(by699, key))
        .thenMatches([{ type: 'BudgetLineOpened' }, { type: 'FundsTransferredIn' }]);
      expect(state.carryOverDeadline).toBeNull();
      expect(() =>
        deadlineOnArrival(by699, key, initialBudgetLineState, lineId, {
          intoCurrentYear: 'refused',
        }),
      ).toThrow(expect.objectContaining({ code: 'BUDGET.CARRIED_DEADLINE_INTO_CURRENT_YEAR' }));
    });

    it('folds a reallocation recorded before deadlines moved with money as it was: no deadline', () => {
      const old = given(
        [dated(reachedOpened, '2024-08-01'), dated(credited(undefined), '2024-08-01')],
        reachedId,
      );
      expect(old.state.carryOverDeadline).toBeNull();
    });
  });
});
