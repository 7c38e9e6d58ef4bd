import type { BudgetLineCommand, BudgetLineEvent } from './budget-line.events';
import { available, availableFrom, fundsInEffect } from './budget-line.state';
import {
  accountant,
  admin,
  allocated,
  approve,
  approved,
  approver,
  authority,
  carriedId,
  carriedIn,
  carriedOpened,
  dated,
  disburse,
  disbursed,
  given,
  key,
  lineId,
  officer,
  opened,
  propose,
  proposed,
  registered,
  reverse,
  cancellationDecision,
} from './testing/budget-line.fixture';

/**
 * Time-consistent money (issue 16, item 2): every decision is judged on its own effective
 * date against the money in effect then, and against what was committed after it.
 * 30/QĐ-UBND allocated the line's money on 25/03/2024.
 */
describe('money in time on a budget line', () => {
  const funded = [dated(opened, '2024-03-25'), dated(allocated(1_000_000n), '2024-03-25')];
  const recorded = (command: BudgetLineCommand, recordedOn: string): BudgetLineCommand => ({
    ...command,
    recordedOn,
  });
  const transferredIn = (amount: bigint, transferId = 't-in'): BudgetLineEvent => ({
    type: 'FundsTransferredIn',
    data: { budgetLineId: lineId, amount, decision: '121/QĐ-UBND', transferId, fromLine: 'x' },
  });
  const debit = (on: string, amount: bigint, kind: 'carry_over' | 'reallocation') =>
    ({
      type: 'TransferOut',
      actor: admin,
      on,
      data: { kind, amount, decision: '120/QĐ-UBND', transferId: 't-out', toLine: 'elsewhere' },
    }) as BudgetLineCommand;

  describe('nothing used before it took effect', () => {
    it('refuses a proposal dated 10/01/2024 against money allocated on 25/03/2024', () => {
      const error = given(funded)
        .when(propose('e1', 100_000n, {}, officer, '2024-01-10'))
        .thenThrows('BUDGET.FUNDS_NOT_YET_EFFECTIVE', {
          field: 'effectiveDate',
          on: '2024-01-10',
          inEffect: '0',
          needed: '100000',
        });
      expect(error.messages.vi).toContain('10/1/2024');
    });

    it('takes the proposal on the day the allocation took effect', () => {
      given(funded)
        .when(propose('e1', 100_000n, {}, officer, '2024-03-25'))
        .thenMatches([{ type: 'ExpenditureProposed', data: { amount: 100_000n } }]);
    });

    it('refuses an approval dated before the money it would commit took effect', () => {
      const history = [...funded, dated(proposed('e1', 100_000n), '2024-02-01')];
      given(history)
        .when(approve('e1', approver, authority, '2024-03-01'))
        .thenThrows('BUDGET.LINE_OVERDRAWN_ON_DATE', {
          on: '2024-03-01',
          date: '2024-03-01',
          available: '0',
        });
      given(history)
        .when(approve('e1', approver, authority, '2024-03-25'))
        .thenMatches([{ type: 'ExpenditureApproved', data: { amount: 100_000n } }]);
    });

    it('does not let a transfer-in dated later fund an approval dated before it', () => {
      const history = [
        ...funded,
        dated(proposed('e0', 900_000n), '2024-04-01'),
        dated(approved('e0', 900_000n), '2024-04-01'),
        dated(transferredIn(500_000n), '2024-07-01'),
        dated(proposed('e1', 300_000n), '2024-06-10'),
      ];
      given(history)
        .when(approve('e1', approver, authority, '2024-06-15'))
        .thenThrows('BUDGET.LINE_OVERDRAWN_ON_DATE', { available: '100000', date: '2024-06-15' });
      given(history)
        .when(approve('e1', approver, authority, '2024-07-02'))
        .thenMatches([{ type: 'ExpenditureApproved', data: { amount: 300_000n } }]);
    });

    it('does not move money off the line before it arrived, nor cancel it', () => {
      const history = [...funded, dated(transferredIn(500_000n), '2024-07-01')];
      given(history)
        .when(debit('2024-06-30', 1_200_000n, 'reallocation'))
        .thenThrows('BUDGET.LINE_OVERDRAWN_ON_DATE');
      given(history)
        .when(debit('2024-07-01', 1_200_000n, 'carry_over'))
        .thenMatches([{ type: 'FundsCarriedOut', data: { amount: 1_200_000n } }]);
      given(history)
        .when({
          type: 'CancelFunds',
          actor: admin,
          on: '2024-06-30',
          data: {
            amount: 1_100_000n,
            decision: '130/QĐ-UBND',
            reason: 'Không thực hiện',
            ...cancellationDecision('130/QĐ-UBND'),
          },
        })
        .thenThrows('BUDGET.LINE_OVERDRAWN_ON_DATE');
    });
  });

  describe('a late entry may not overdraw what was spent after its date', () => {
    // 800.000 đồng committed on 01/06, 500.000 more in on 01/08; approvals entered later, dated 01/05.
    const history = [
      ...funded,
      dated(proposed('e1', 800_000n), '2024-05-20'),
      dated(approved('e1', 800_000n), '2024-06-01'),
      dated(transferredIn(500_000n), '2024-08-01'),
      dated(proposed('e2', 300_000n, { voucher: null }), '2024-04-30'),
      dated(proposed('e3', 200_000n), '2024-04-30'),
    ];

    it('refuses the late approval that would leave the line negative on 01/06', () => {
      const error = given(history)
        .when(approve('e2', approver, authority, '2024-05-01'))
        .thenThrows('BUDGET.LINE_OVERDRAWN_ON_DATE', {
          on: '2024-05-01',
          date: '2024-06-01',
          available: '200000',
          needed: '300000',
        });
      expect(error.messages.vi).toContain('1/6/2024');
    });

    it('accepts the late approval that fits every day from its date on', () => {
      const state = given(history)
        .when(approve('e3', approver, authority, '2024-05-01'))
        .thenMatches([{ type: 'ExpenditureApproved', data: { amount: 200_000n } }]);
      expect(available(state.balances)).toBe(500_000n);
    });

    it('folds one dated entry per day: in effect and uncommitted on each date', () => {
      const state = given(history).state;
      expect(state.timeline.map((c) => c.on)).toEqual(['2024-03-25', '2024-06-01', '2024-08-01']);
      expect(fundsInEffect(state, '2024-03-24')).toBe(0n);
      expect(fundsInEffect(state, '2024-12-31')).toBe(1_500_000n);
      expect(available(state.balances)).toBe(700_000n);
      expect(availableFrom(state, '2024-05-01')).toEqual({ amount: 200_000n, on: '2024-06-01' });
      expect(availableFrom(state, '2024-03-01')).toEqual({ amount: 0n, on: '2024-03-01' });
    });
  });

  describe('dates run in order: proposal ≤ approval ≤ payment', () => {
    const history = [...funded, dated(proposed('e1', 100_000n), '2024-05-10')];

    it('refuses an approval dated before its proposal, read from the line itself', () => {
      given(history)
        .when(approve('e1', approver, authority, '2024-05-09'))
        .thenThrows('DATE.BEFORE_DECIDED_ITEM', { notBefore: '2024-05-10' });
    });

    it('refuses a payment dated before its approval, and pays on or after it', () => {
      const approvedOn = [...history, dated(approved('e1', 100_000n), '2024-05-12')];
      given(approvedOn)
        .when(disburse('e1', accountant, '2024-05-11'))
        .thenThrows('DATE.BEFORE_DECIDED_ITEM', { notBefore: '2024-05-12' });
      given(approvedOn)
        .when(disburse('e1', accountant, '2024-05-12'))
        .thenMatches([{ type: 'ExpenditureDisbursed', data: { paidOn: '2024-05-12' } }]);
    });

    it('refuses a payment years after the fiscal year and its adjustment period', () => {
      const approvedOn = [...history, dated(approved('e1', 100_000n), '2024-05-12')];
      given(approvedOn)
        .when(disburse('e1', accountant, '2027-03-01'))
        .thenThrows('BUDGET.OUTSIDE_FISCAL_YEAR', { field: 'paidOn', to: '2025-01-31' });
    });
  });

  describe('nothing dated in the future of the day recorded', () => {
    const history = [
      ...funded,
      dated(proposed('e1', 100_000n), '2024-05-10'),
      dated(proposed('e2', 100_000n), '2024-05-10'),
      dated(approved('e2', 100_000n), '2024-05-12'),
    ];

    it('refuses a proposal, an approval and a payment dated after the day recorded', () => {
      given(funded)
        .when(recorded(propose('e9', 1n, {}, officer, '2024-05-11'), '2024-05-10'))
        .thenThrows('DATE.IN_FUTURE', { effectiveDate: '2024-05-11', recordedOn: '2024-05-10' });
      given(history)
        .when(recorded(approve('e1', approver, authority, '2024-05-20'), '2024-05-19'))
        .thenThrows('DATE.IN_FUTURE');
      given(history)
        .when(recorded(disburse('e2', accountant, '2024-05-20'), '2024-05-19'))
        .thenThrows('DATE.IN_FUTURE');
    });

    it('takes them dated on the day recorded, or earlier', () => {
      given(history)
        .when(recorded(disburse('e2', accountant, '2024-05-19'), '2024-05-19'))
        .thenMatches([{ type: 'ExpenditureDisbursed' }]);
    });

    it('lets an allocation decided in December take effect on 1 January', () => {
      given([])
        .when(
          recorded(
            {
              type: 'AllocateFunds',
              actor: admin,
              on: '2024-01-01',
              data: {
                key,
                amount: 1_000_000n,
                decision: '30/QĐ-UBND',
                legalBasis: [],
                ...registered,
                decisionDocument: { ...registered.decisionDocument, issuedOn: '2023-12-20' },
              },
            },
            '2023-12-20',
          ),
        )
        .thenMatches([{ type: 'BudgetLineOpened' }, { type: 'FundsAllocated' }]);
    });
  });

  describe('carried-over money after its deadline (31/12/2024), judged on dates', () => {
    const carried = [
      dated(carriedOpened, '2024-03-19'),
      dated(carriedIn(500_000n), '2024-03-19'),
      dated(proposed('e1', 100_000n, { budgetLineId: carriedId }), '2024-06-01'),
      dated(approved('e1', 100_000n), '2024-06-02'),
      dated(disbursed('e1', 100_000n, carriedId), '2024-06-03'),
    ];
    const lapsed = dated(
      {
        type: 'CarryOverLapsed',
        data: { budgetLineId: carriedId, amount: 400_000n, deadline: '2024-12-31' },
      },
      '2025-01-01',
    );

    it('returns a payment reversed after the lapse to "lapsed", never "available"', () => {
      const state = given([...carried, lapsed], carriedId)
        .when(reverse('e1', accountant, '2025-02-01'))
        .thenMatches([
          {
            type: 'ExpenditureReversed',
            data: { committedAmount: 100_000n, disbursedAmount: 100_000n },
          },
          { type: 'CarryOverLapsed', data: { amount: 100_000n, deadline: '2024-12-31' } },
        ]);
      expect(available(state.balances)).toBe(0n);
      expect(state.balances.cancelled).toBe(500_000n);
    });

    it('returns a reversal before the lapse to the line, for the lapse to take later', () => {
      const state = given(carried, carriedId)
        .when(reverse('e1', accountant, '2024-11-01'))
        .thenMatches([{ type: 'ExpenditureReversed' }]);
      expect(available(state.balances)).toBe(500_000n);
    });

    it('refuses a back-dated approval after the deadline whether or not the lapse ran', () => {
      const wide = { ...authority, validTo: null };
      const history = [
        ...carried,
        dated(proposed('e2', 100_000n, { budgetLineId: carriedId }), '2024-12-01'),
      ];
      for (const h of [history, [...history, lapsed]]) {
        given(h, carriedId)
          .when(recorded(approve('e2', approver, wide, '2025-01-02'), '2025-01-05'))
          .thenThrows('BUDGET.CARRY_OVER_EXPIRED');
      }
    });
  });
});
