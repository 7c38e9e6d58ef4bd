import { MAX_LINE_AMOUNT } from '../shared/money';
import type { BudgetLineCommand, BudgetLineEvent } from './budget-line.events';
import { availableFrom, fundsInEffect } from './budget-line.state';
import {
  accountant,
  admin,
  allocated,
  approve,
  approved,
  approver,
  authority,
  dated,
  disburse,
  given,
  key,
  lineId,
  officer,
  opened,
  propose,
  proposed,
  registered,
  perDiemTrip,
} from './testing/budget-line.fixture';

/**
 * The edges of the line's rules: each date window on its first and last day, each sum at
 * its limit, the timeline of money in effect as back-dated entries arrive. Written against
 * the mutants StrykerJS left alive (README, "Mutation testing"): every spec here fails when
 * the comparison it pins is moved by one.
 */
describe('a budget line at the edges of its rules', () => {
  const allocate = (amount: bigint, on = '2024-03-25'): BudgetLineCommand => ({
    type: 'AllocateFunds',
    actor: admin,
    on,
    data: {
      key,
      amount,
      decision: '30/QĐ-UBND',
      legalBasis: ['30/QĐ-UBND'],
      decisionDocument: { ...registered.decisionDocument, issuedOn: '2022-12-01' },
      unitRegistration: registered.unitRegistration,
    },
  });

  describe('the window an allocation of 2024 may take effect in: 01/01/2023 – 31/12/2024', () => {
    it('takes it on the first and the last day', () => {
      given([])
        .when(allocate(1n, '2023-01-01'))
        .thenMatches([{}, { type: 'FundsAllocated' }]);
      given([])
        .when(allocate(1n, '2024-12-31'))
        .thenMatches([{}, { type: 'FundsAllocated' }]);
    });

    it('refuses it the day before and the day after, naming the field and the window', () => {
      const window = { field: 'effectiveDate', from: '2023-01-01', to: '2024-12-31' };
      given([]).when(allocate(1n, '2022-12-31')).thenThrows('BUDGET.OUTSIDE_FISCAL_YEAR', window);
      given([]).when(allocate(1n, '2025-01-01')).thenThrows('BUDGET.OUTSIDE_FISCAL_YEAR', window);
    });
  });

  describe('the window spending of 2024 may take effect in: 01/01/2024 – 31/01/2025', () => {
    const early = [dated(opened, '2023-12-20'), dated(allocated(1_000_000n), '2023-12-20')];
    const approvedEarly = [
      ...early,
      dated(proposed('e1', 100_000n), '2024-01-01'),
      dated(approved('e1', 100_000n), '2024-01-01'),
    ];

    it('takes a proposal and an approval on 01/01 and a payment on 31/01 of the next year', () => {
      given(early)
        .when(propose('e1', 100_000n, {}, officer, '2024-01-01'))
        .thenMatches([{ type: 'ExpenditureProposed' }]);
      given([...early, dated(proposed('e1', 100_000n), '2024-01-01')])
        .when(approve('e1', approver, authority, '2024-01-01'))
        .thenMatches([{ type: 'ExpenditureApproved' }]);
      given(approvedEarly)
        .when(disburse('e1', accountant, '2025-01-31'))
        .thenMatches([{ type: 'ExpenditureDisbursed', data: { paidOn: '2025-01-31' } }]);
    });

    it('refuses a proposal on 31/12 of the year before and a payment on 01/02, naming the field', () => {
      const window = { from: '2024-01-01', to: '2025-01-31' };
      given(early)
        .when(propose('e1', 100_000n, {}, officer, '2023-12-31'))
        .thenThrows('BUDGET.OUTSIDE_FISCAL_YEAR', { ...window, field: 'effectiveDate' });
      given(approvedEarly)
        .when(disburse('e1', accountant, '2025-02-01'))
        .thenThrows('BUDGET.OUTSIDE_FISCAL_YEAR', { ...window, field: 'paidOn' });
    });

    it('names effectiveDate when an approval falls outside it', () => {
      given([...early, dated(proposed('e1', 100_000n), '2024-01-01')])
        .when(approve('e1', approver, { ...authority, validTo: '2025-12-31' }, '2025-02-01'))
        .thenThrows('BUDGET.OUTSIDE_FISCAL_YEAR', { field: 'effectiveDate' });
    });
  });

  describe('dates that are not dates', () => {
    const history = [opened, allocated(1_000_000n), proposed('e1', 1n), approved('e1', 1n)];

    it('names effectiveDate for a command dated 30/02', () => {
      given(history)
        .when(propose('e2', 1n, {}, officer, '2024-02-30'))
        .thenThrows('VALIDATION.DATE', { field: 'effectiveDate' });
    });

    it('names paidOn for a payment paid on 30/02', () => {
      const payment = disburse('e1');
      const bad = { ...payment, data: { ...payment.data, paidOn: '2024-02-30' } };
      given(history)
        .when(bad as BudgetLineCommand)
        .thenThrows('VALIDATION.DATE', { field: 'paidOn' });
    });
  });

  describe('the most a line may hold, counting every kind of money that came in', () => {
    const came = (type: 'FundsCarriedIn' | 'FundsTransferredIn', amount: bigint) =>
      ({
        type,
        data: {
          budgetLineId: lineId,
          amount,
          decision: '699/QĐ-UBND',
          transferId: `t-${type}`,
          fromLine: 'x',
          deadline: '2024-12-31',
        },
      }) as BudgetLineEvent;

    it('allocates up to the last đồng of the limit', () => {
      given([])
        .when(allocate(MAX_LINE_AMOUNT))
        .thenMatches([{}, { type: 'FundsAllocated', data: { amount: MAX_LINE_AMOUNT } }]);
    });

    it('counts carried-in and transferred-in money against the limit', () => {
      for (const type of ['FundsCarriedIn', 'FundsTransferredIn'] as const) {
        given([opened, allocated(1n), came(type, MAX_LINE_AMOUNT - 1n)])
          .when(allocate(1n))
          .thenThrows('BUDGET.LINE_LIMIT_EXCEEDED');
      }
    });
  });

  describe('the timeline of money in effect, as entries arrive out of date order', () => {
    const funded = [dated(opened, '2024-03-25'), dated(allocated(1_000n), '2024-03-25')];
    const transferredIn = (amount: bigint, transferId: string): BudgetLineEvent => ({
      type: 'FundsTransferredIn',
      data: { budgetLineId: lineId, amount, decision: '121/QĐ-UBND', transferId, fromLine: 'x' },
    });

    it('keeps one entry per date, in date order, whatever order they were recorded in', () => {
      const state = given([
        ...funded,
        dated(transferredIn(50n, 't1'), '2024-02-01'),
        dated(allocated(30n), '2024-03-25'),
        dated(transferredIn(7n, 't2'), '2024-01-15'),
      ]).state;
      expect(state.timeline).toEqual([
        { on: '2024-01-15', funds: 7n, committed: 0n },
        { on: '2024-02-01', funds: 50n, committed: 0n },
        { on: '2024-03-25', funds: 1_030n, committed: 0n },
      ]);
      expect(fundsInEffect(state, '2024-02-15')).toBe(57n);
    });

    it('adds commitments made on a date to that date, apart from the money', () => {
      const state = given([
        ...funded,
        dated(proposed('e1', 100n), '2024-05-10'),
        dated(approved('e1', 100n), '2024-05-12'),
        dated(proposed('e2', 40n), '2024-05-10'),
        dated(approved('e2', 40n), '2024-05-12'),
      ]).state;
      expect(state.timeline).toEqual([
        { on: '2024-03-25', funds: 1_000n, committed: 0n },
        { on: '2024-05-12', funds: 0n, committed: 140n },
      ]);
    });

    it('records nothing on the timeline for an event that moves no money', () => {
      const state = given([
        ...funded,
        dated(proposed('e1', 100n), '2024-05-10'),
        dated({ type: 'TransferOutReversed', data: reversal('ghost', 5n) }, '2024-06-01'),
      ]).state;
      expect(state.timeline).toEqual([{ on: '2024-03-25', funds: 1_000n, committed: 0n }]);
    });

    it('gives back a reversed commitment no earlier than the approval, whatever the reversal says', () => {
      const state = given([
        ...funded,
        dated(proposed('e1', 100n), '2024-05-10'),
        dated(approved('e1', 100n), '2024-05-12'),
        dated(reversed('e1', 100n), '2024-05-01'),
      ]).state;
      expect(state.timeline).toEqual([
        { on: '2024-03-25', funds: 1_000n, committed: 0n },
        { on: '2024-05-12', funds: 0n, committed: 0n },
      ]);
    });

    it('gives back the reversal on its own date when it is later than the approval', () => {
      const state = given([
        ...funded,
        dated(proposed('e1', 100n), '2024-05-10'),
        dated(approved('e1', 100n), '2024-05-12'),
        dated(reversed('e1', 100n), '2024-06-01'),
      ]).state;
      expect(state.timeline.at(-1)).toEqual({ on: '2024-06-01', funds: 0n, committed: -100n });
    });

    it('puts money back in effect when a transfer out is reversed, not in the commitments', () => {
      const state = given([
        ...funded,
        dated(
          {
            type: 'FundsTransferredOut',
            data: {
              budgetLineId: lineId,
              amount: 400n,
              decision: '120/QĐ-UBND',
              transferId: 't-out',
              toLine: 'x',
            },
          },
          '2024-04-01',
        ),
        dated({ type: 'TransferOutReversed', data: reversal('t-out', 400n) }, '2024-04-10'),
      ]).state;
      expect(fundsInEffect(state, '2024-04-10')).toBe(1_000n);
      expect(availableFrom(state, '2024-04-10')).toEqual({ amount: 1_000n, on: '2024-04-10' });
    });
  });

  describe('the first date an entry would overdraw', () => {
    it('names the earliest of the days the line would hold least', () => {
      const transferredIn = (amount: bigint, transferId: string): BudgetLineEvent => ({
        type: 'FundsTransferredIn',
        data: { budgetLineId: lineId, amount, decision: '121/QĐ-UBND', transferId, fromLine: 'x' },
      });
      const history = [
        dated(opened, '2024-03-25'),
        dated(allocated(100n), '2024-03-25'),
        dated(proposed('e1', 60n), '2024-04-20'),
        dated(approved('e1', 60n), '2024-05-01'),
        dated(transferredIn(10n, 't1'), '2024-05-10'),
        dated(proposed('e2', 10n), '2024-05-20'),
        dated(approved('e2', 10n), '2024-06-01'),
        dated(transferredIn(100n, 't2'), '2024-06-15'),
        dated(proposed('e3', 50n), '2024-04-01'),
      ];
      // 40 đồng left on 01/05, 50 on 10/05, 40 again on 01/06, 140 now: 01/05 comes first.
      given(history)
        .when(approve('e3', approver, authority, '2024-04-01'))
        .thenThrows('BUDGET.LINE_OVERDRAWN_ON_DATE', { date: '2024-05-01', available: '40' });
    });
  });

  describe('money cancelled is gone, but the line lives on', () => {
    it('takes a proposal after part of its money was cancelled', () => {
      const cancelled: BudgetLineEvent = {
        type: 'FundsCancelled',
        data: { budgetLineId: lineId, amount: 100n, decision: '150/QĐ-UBND', reason: 'Thu hồi' },
      };
      given([opened, allocated(1_000n), cancelled])
        .when(propose('e1', 900n))
        .thenMatches([{ type: 'ExpenditureProposed' }]);
    });
  });

  describe('who proposed', () => {
    it('records the person behind the account, so that they may not approve it from another', () => {
      given([opened, allocated(1_000n)])
        .when(propose('e1', 1n, {}, { ...officer, personId: 'nguoi-01' }))
        .thenMatches([{ data: { proposedByPerson: 'nguoi-01' } }]);
    });
  });

  describe('vouchers and joint travel', () => {
    const funded = [opened, allocated(1_000_000n)];

    it('takes two expenditures with different vouchers, and a voucher freed by a reversal', () => {
      given([...funded, proposed('e1', 1n, { voucher: 'HD-01' })])
        .when(propose('e2', 1n, { voucher: 'HD-02' }))
        .thenMatches([{ data: { voucher: 'HD-02' } }]);
      given([
        ...funded,
        proposed('e1', 1n, { voucher: 'HD-01' }),
        approved('e1', 1n),
        reversed('e1', 1n),
      ])
        .when(propose('e2', 1n, { voucher: 'HD-01' }))
        .thenMatches([{ data: { voucher: 'HD-01' } }]);
    });

    it('lets a unit that is not the lead agency pay its own travel and its joint-team training', () => {
      for (const extra of [
        {
          category: 'travel_allowance' as const,
          jointTeam: false,
          normClaim: perDiemTrip(1n, 1, 1),
        },
        { category: 'training' as const, jointTeam: true },
      ]) {
        given(funded)
          .when(propose('e1', 1n, { ...extra, leadAgency: 'VHTT' }))
          .thenMatches([{ type: 'ExpenditureProposed' }]);
      }
    });
  });
});

function reversal(transferId: string, amount: bigint) {
  return {
    budgetLineId: lineId,
    amount,
    transferId,
    column: 'transferredOut' as const,
    reason: 'Hủy điều chuyển',
  };
}

function reversed(id: string, committedAmount: bigint): BudgetLineEvent {
  return {
    type: 'ExpenditureReversed',
    data: {
      budgetLineId: lineId,
      expenditureId: id,
      committedAmount,
      disbursedAmount: 0n,
      reason: 'Kho bạc từ chối',
    },
  };
}
