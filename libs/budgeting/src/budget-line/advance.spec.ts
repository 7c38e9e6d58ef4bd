import type { BudgetLineCommand } from './budget-line.commands';
import type { BudgetLineEvent } from './budget-line.events';
import { available } from './budget-line.state';
import { openAdvances } from './advance.state';
import {
  accountant,
  allocated,
  approved,
  dated,
  disburse,
  given,
  lineId,
  officer,
  opened,
  otherAccountant,
  proposed,
  reverse,
} from './testing/budget-line.fixture';

const ADV = 'adv-1';
/** An advance of 10.000.000 đồng on a line of 50.000.000, paid on 20/5/2024. */
const paidAdvance: BudgetLineEvent[] = [
  opened,
  allocated(50_000_000n),
  dated(proposed(ADV, 10_000_000n, { kind: 'advance' }), '2024-05-10'),
  dated(approved(ADV, 10_000_000n), '2024-05-12'),
  dated(
    {
      type: 'ExpenditureDisbursed',
      data: {
        budgetLineId: lineId,
        expenditureId: ADV,
        amount: 10_000_000n,
        voucher: 'UNC-TU-01',
        paidOn: '2024-05-20',
        advance: true,
      },
    },
    '2024-05-20',
  ),
];

const settle = (
  amount: bigint,
  on = '2024-06-10',
  vouchers = [{ number: 'HD-0001', date: '2024-06-05' }],
  actor = accountant,
): BudgetLineCommand => ({
  type: 'SettleAdvance',
  actor,
  on,
  recordedOn: '2024-06-30',
  data: { expenditureId: ADV, amount, vouchers },
});
const recover = (amount: bigint, on = '2024-06-20', actor = accountant): BudgetLineCommand => ({
  type: 'RecoverAdvance',
  actor,
  on,
  recordedOn: on > '2024-06-30' ? on : '2024-06-30',
  data: { expenditureId: ADV, amount, receipt: 'GNT-07' },
});
const settled = (amount: bigint, openAfter: bigint, number = 'HD-0001'): BudgetLineEvent =>
  dated(
    {
      type: 'AdvanceSettled',
      data: {
        budgetLineId: lineId,
        expenditureId: ADV,
        amount,
        vouchers: [{ number, date: '2024-06-05' }],
        settledOn: '2024-06-10',
        settledBy: accountant.userId,
        openAfter,
      },
    },
    '2024-06-10',
  );

describe('advances (tạm ứng)', () => {
  describe('when an advance is proposed', () => {
    it('records its kind; an ordinary payment carries none', () => {
      given([opened, allocated(50_000_000n)])
        .when({
          type: 'ProposeExpenditure',
          actor: officer,
          on: '2024-05-10',
          data: {
            expenditureId: ADV,
            amount: 10_000_000n,
            category: 'training',
            description: 'Tạm ứng tập huấn',
            payee: 'Nguyễn Văn A',
            activity: null,
            voucher: null,
            personDays: null,
            jointTeam: false,
            leadAgency: 'LDTBXH',
            kind: 'advance',
          },
        })
        .thenMatches([{ type: 'ExpenditureProposed', data: { kind: 'advance' } }]);
    });

    it('marks its payment as an advance and shows it open, counted in disbursed', () => {
      const history = paidAdvance.slice(0, 4);
      const state = given(history)
        .when(disburse(ADV))
        .thenMatches([{ type: 'ExpenditureDisbursed', data: { advance: true } }]);
      expect(state.balances.disbursed).toBe(10_000_000n);
      expect(state.balances.advanced).toBe(10_000_000n);
      expect(openAdvances(state.balances)).toBe(10_000_000n);
    });

    it('refuses settling it before it is paid', () => {
      given(paidAdvance.slice(0, 4)).when(settle(1n)).thenThrows('ADVANCE.NOT_PAID');
    });
  });

  describe('when a paid advance is settled by vouchers', () => {
    it('settles part of it, leaving the rest open and the line unchanged', () => {
      const state = given(paidAdvance)
        .when(settle(7_000_000n))
        .thenMatches([
          { type: 'AdvanceSettled', data: { amount: 7_000_000n, openAfter: 3_000_000n } },
        ]);
      expect(openAdvances(state.balances)).toBe(3_000_000n);
      expect(state.balances.disbursed).toBe(10_000_000n);
      expect(available(state.balances)).toBe(40_000_000n);
    });

    it('settles all of it in two steps, and no more', () => {
      const state = given([...paidAdvance, settled(7_000_000n, 3_000_000n)])
        .when(settle(3_000_000n, '2024-06-12', [{ number: 'HD-0002', date: '2024-06-11' }]))
        .thenMatches([{ type: 'AdvanceSettled', data: { openAfter: 0n } }]);
      expect(openAdvances(state.balances)).toBe(0n);
    });

    it('refuses settling more than is open', () => {
      given([...paidAdvance, settled(7_000_000n, 3_000_000n)])
        .when(settle(3_000_001n, '2024-06-12', [{ number: 'HD-0002', date: '2024-06-11' }]))
        .thenThrows('ADVANCE.EXCEEDS_OPEN');
    });

    it('refuses a voucher that already settled this advance, however it is typed', () => {
      given([...paidAdvance, settled(1_000_000n, 9_000_000n)])
        .when(settle(1_000_000n, '2024-06-12', [{ number: 'hd 0001', date: '2024-06-11' }]))
        .thenThrows('ADVANCE.VOUCHER_REPEATED');
    });

    it('refuses the same voucher twice in one settlement, and none at all', () => {
      const twice = [
        { number: 'HD-9', date: '2024-06-01' },
        { number: 'HD-9', date: '2024-06-02' },
      ];
      given(paidAdvance)
        .when(settle(1n, '2024-06-10', twice))
        .thenThrows('ADVANCE.VOUCHER_REPEATED');
      given(paidAdvance)
        .when(settle(1n, '2024-06-10', []))
        .thenThrows('ADVANCE.VOUCHERS_REQUIRED');
    });

    it('refuses a voucher dated after the settlement', () => {
      given(paidAdvance)
        .when(settle(1n, '2024-06-10', [{ number: 'HD-1', date: '2024-06-11' }]))
        .thenThrows('ADVANCE.VOUCHER_AFTER_SETTLEMENT');
    });

    it('refuses a settlement dated before the payment, or after the day recorded', () => {
      given(paidAdvance)
        .when(settle(1n, '2024-05-19', [{ number: 'HD-1', date: '2024-05-18' }]))
        .thenThrows('DATE.BEFORE_DECIDED_ITEM');
      given(paidAdvance)
        .when(settle(1n, '2024-07-01', [{ number: 'HD-1', date: '2024-06-01' }]))
        .thenThrows('DATE.IN_FUTURE');
    });

    it("refuses an officer, and another unit's accountant", () => {
      given(paidAdvance)
        .when(settle(1n, undefined, undefined, officer))
        .thenThrows('AUTH.ROLE_FORBIDDEN');
      given(paidAdvance)
        .when(settle(1n, undefined, undefined, otherAccountant))
        .thenThrows('AUTH.UNIT_FORBIDDEN');
    });

    it('refuses settling an ordinary payment', () => {
      given([
        opened,
        allocated(50_000_000n),
        proposed('p1', 1_000_000n),
        approved('p1', 1_000_000n),
      ])
        .when({
          type: 'SettleAdvance',
          actor: accountant,
          on: '2024-06-10',
          data: {
            expenditureId: 'p1',
            amount: 1n,
            vouchers: [{ number: 'HD-1', date: '2024-06-01' }],
          },
        })
        .thenThrows('ADVANCE.NOT_AN_ADVANCE');
    });
  });

  describe('when the rest of an advance is recovered', () => {
    const partly = [...paidAdvance, settled(7_000_000n, 3_000_000n)];

    it("returns the money to the line's available within the year", () => {
      const state = given(partly)
        .when(recover(3_000_000n))
        .thenMatches([{ type: 'AdvanceRecovered', data: { returnsTo: 'line', openAfter: 0n } }]);
      expect(openAdvances(state.balances)).toBe(0n);
      expect(state.balances.disbursed).toBe(7_000_000n);
      expect(available(state.balances)).toBe(43_000_000n);
      const b = state.balances;
      expect(b.advanceSettled + b.advanceRecovered + openAdvances(b)).toBe(b.advanced);
    });

    it('after the adjustment period the money goes to the budget, not back to the line', () => {
      const state = given(partly)
        .when(recover(3_000_000n, '2025-02-03'))
        .thenMatches([{ type: 'AdvanceRecovered', data: { returnsTo: 'budget' } }]);
      expect(available(state.balances)).toBe(40_000_000n);
      expect(state.balances.cancelled).toBe(3_000_000n);
    });

    it('refuses recovering more than is open', () => {
      given(partly).when(recover(3_000_001n)).thenThrows('ADVANCE.EXCEEDS_OPEN');
    });

    it('refuses a reversal once the advance is partly settled', () => {
      given(partly).when(reverse(ADV)).thenThrows('ADVANCE.ALREADY_SETTLED');
    });

    it('reverses an advance nothing was settled of, and its open advance with it', () => {
      const state = given(paidAdvance)
        .when(reverse(ADV))
        .thenMatches([{ type: 'ExpenditureReversed', data: { advance: true } }]);
      expect(state.balances.advanced).toBe(0n);
      expect(openAdvances(state.balances)).toBe(0n);
    });
  });
});
