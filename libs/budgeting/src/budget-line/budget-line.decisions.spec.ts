import type { BudgetLineCommand, BudgetLineEvent } from './budget-line.events';
import { available } from './budget-line.state';
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
  disburse,
  disbursed,
  districtAccountant,
  given,
  officer,
  opened,
  otherAccountant,
  propose,
  proposed,
  reject,
  rejected,
  reverse,
  perDiemTrip,
} from './testing/budget-line.fixture';

/** Decisions on a proposed expenditure: who may take them, on what, and when. */
describe('decisions on an expenditure', () => {
  const funded = [opened, allocated(1_000_000n)];
  const pending = [...funded, proposed('e1', 600_000n)];

  describe('when it was proposed', () => {
    it('rejects it, naming who rejected it, in which capacity and why', () => {
      const state = given(pending)
        .when(reject('e1'))
        .then([rejected('e1')]);
      expect(state.expenditures.get('e1')?.status).toBe('rejected');
      expect(available(state.balances)).toBe(1_000_000n);
    });

    it('refuses an approver rejecting what they proposed themselves', () => {
      given([...funded, proposed('e1', 1n, { proposedBy: approver.userId })])
        .when(reject('e1'))
        .thenThrows('AUTH.SEGREGATION_OF_DUTIES');
    });

    it('refuses a rejection by anyone but an approver', () => {
      for (const actor of [officer, accountant, admin]) {
        given(pending).when(reject('e1', actor)).thenThrows('AUTH.ROLE_FORBIDDEN');
      }
    });

    it('refuses a rejection outside the delegation: part, unit, dates, or none', () => {
      for (const auth of [
        null,
        { ...authority, programParts: ['DA6'] },
        { ...authority, units: ['YTE'] },
        { ...authority, validFrom: '2024-05-13' },
      ]) {
        given(pending)
          .when(reject('e1', approver, auth))
          .thenThrows('AUTH.OUTSIDE_DELEGATION');
      }
      given(pending)
        .when(reject('e1', approver, { ...authority, units: ['LDTBXH'] }))
        .then([rejected('e1')]);
    });

    it('refuses paying or reversing it before it is approved', () => {
      given(pending).when(disburse('e1')).thenThrows('EXPENDITURE.INVALID_STATE');
      given(pending).when(reverse('e1')).thenThrows('EXPENDITURE.INVALID_STATE');
    });

    it('approves it on the last đồng the line holds, but not one đồng more', () => {
      const exact = [...funded, proposed('e1', 1_000_000n)];
      const state = given(exact)
        .when(approve('e1'))
        .then([approved('e1', 1_000_000n)]);
      expect(available(state.balances)).toBe(0n);
      const error = given([...funded, proposed('e1', 1_000_001n)])
        .when(approve('e1'))
        .thenThrows('BUDGET.LINE_OVERDRAWN', { needed: '1000001', available: '1000000' });
      expect(error.messages.vi).toContain('1.000.001');
    });

    it("cites the per-diem norm row it checked, in force on the trip's dates", () => {
      const trip = [
        ...funded,
        proposed('e1', 1_000_000n, {
          category: 'travel_allowance',
          personDays: 5,
          normClaim: perDiemTrip(1_000_000n, 1, 5),
        }),
      ];
      given(trip)
        .when(approve('e1'))
        .thenMatches([
          {
            type: 'ExpenditureApproved',
            data: {
              normApplied: '40/2017/TT-BTC',
              norms: {
                period: { from: '2024-05-06', to: '2024-05-10' },
                applied: [{ normId: 'tt40-2017.per-diem', rateAmount: 200_000n, quantity: 5 }],
              },
            },
          },
        ]);
    });

    it("refuses approving a trip above the norm in force on the trip's dates", () => {
      const trip = [
        ...funded,
        proposed('e1', 1_000_001n, {
          category: 'travel_allowance',
          personDays: 5,
          normClaim: perDiemTrip(1_000_001n, 1, 5),
        }),
      ];
      given(trip).when(approve('e1')).thenThrows('BUDGET.EXCEEDS_SPENDING_NORM');
    });
  });

  describe('when it was rejected', () => {
    const history = [...pending, rejected('e1')];

    it('refuses approving, rejecting, paying or reversing it', () => {
      for (const command of [approve('e1'), reject('e1'), disburse('e1'), reverse('e1')]) {
        given(history).when(command).thenThrows('EXPENDITURE.INVALID_STATE');
      }
    });

    it('frees its voucher for another expenditure of the line', () => {
      given([...funded, proposed('e1', 1n, { voucher: 'HĐ-1' }), rejected('e1')])
        .when(propose('e2', 1n, { voucher: 'HĐ-1' }))
        .thenMatches([{ type: 'ExpenditureProposed', data: { voucher: 'HĐ-1' } }]);
    });
  });

  describe('when it was approved', () => {
    const history = [...pending, approved('e1', 600_000n)];

    it('is paid by an accountant of the unit, for the approved amount, on the Treasury date', () => {
      const state = given(history)
        .when(disburse('e1'))
        .then([disbursed('e1', 600_000n)]);
      expect(state.balances).toMatchObject({ committed: 600_000n, disbursed: 600_000n });
      expect(state.expenditures.get('e1')).toMatchObject({
        status: 'disbursed',
        disbursed: 600_000n,
      });
    });

    it('is paid by a district-wide accountant too', () => {
      given(history)
        .when(disburse('e1', districtAccountant))
        .then([disbursed('e1', 600_000n)]);
    });

    it('refuses a payment by an accountant of another unit', () => {
      given(history).when(disburse('e1', otherAccountant)).thenThrows('AUTH.UNIT_FORBIDDEN');
    });

    it('refuses a payment by anyone but an accountant', () => {
      for (const actor of [officer, approver, admin]) {
        given(history).when(disburse('e1', actor)).thenThrows('AUTH.ROLE_FORBIDDEN');
      }
    });

    it('refuses approving or rejecting it again', () => {
      given(history).when(approve('e1')).thenThrows('EXPENDITURE.INVALID_STATE');
      const error = given(history).when(reject('e1')).thenThrows('EXPENDITURE.INVALID_STATE');
      expect(error.messages.en).toContain('approved');
    });

    it('is reversed before payment, giving the commitment back', () => {
      const state = given(history)
        .when(reverse('e1'))
        .thenMatches([
          {
            type: 'ExpenditureReversed',
            data: { expenditureId: 'e1', committedAmount: 600_000n, disbursedAmount: 0n },
          },
        ]);
      expect(available(state.balances)).toBe(1_000_000n);
      expect(state.expenditures.get('e1')?.status).toBe('reversed');
    });

    it('refuses a reversal by an accountant of another unit, or by anyone but an accountant', () => {
      given(history).when(reverse('e1', otherAccountant)).thenThrows('AUTH.UNIT_FORBIDDEN');
      for (const actor of [officer, approver, admin]) {
        given(history).when(reverse('e1', actor)).thenThrows('AUTH.ROLE_FORBIDDEN');
      }
    });
  });

  describe('when it was paid and then reversed', () => {
    const history: BudgetLineEvent[] = [
      ...pending,
      approved('e1', 600_000n),
      disbursed('e1', 600_000n),
      {
        type: 'ExpenditureReversed',
        data: {
          budgetLineId: pending[0]!.data.budgetLineId,
          expenditureId: 'e1',
          committedAmount: 600_000n,
          disbursedAmount: 600_000n,
          reason: 'Kho bạc từ chối',
        },
      },
    ];

    it('refuses paying, reversing or deciding on it again', () => {
      for (const command of [disburse('e1'), reverse('e1'), approve('e1'), reject('e1')]) {
        given(history).when(command).thenThrows('EXPENDITURE.INVALID_STATE');
      }
    });
  });

  describe('when the expenditure or its line does not exist', () => {
    it('refuses every decision on an unknown expenditure as not found', () => {
      for (const command of [approve('x'), reject('x'), disburse('x'), reverse('x')]) {
        const error = given(funded).when(command).thenThrows('EXPENDITURE.NOT_FOUND');
        expect(error.kind).toBe('not_found');
      }
    });

    it('refuses every decision on a line that holds no money yet', () => {
      for (const command of [approve('e1'), reject('e1'), disburse('e1'), reverse('e1')]) {
        given([]).when(command).thenThrows('BUDGET.LINE_NOT_FOUND');
      }
    });
  });

  describe('when the money was carried over from 2023 (deadline 31/12/2024)', () => {
    const carried = [
      carriedOpened,
      carriedIn(500_000n),
      proposed('e1', 100_000n, { budgetLineId: carriedId }),
    ];
    const approveOn = (on: string): BudgetLineCommand => approve('e1', approver, authority, on);
    const lapsed: BudgetLineEvent = {
      type: 'CarryOverLapsed',
      data: { budgetLineId: carriedId, amount: 500_000n, deadline: '2024-12-31' },
    };

    it('approves on the deadline itself', () => {
      given(carried, carriedId)
        .when(approveOn('2024-12-31'))
        .thenMatches([{ type: 'ExpenditureApproved', data: { legalBasis: ['30/QĐ-UBND'] } }]);
    });

    it('refuses an approval after the deadline, naming it in Vietnamese form', () => {
      const wide = { ...authority, validTo: null };
      const error = given(carried, carriedId)
        .when(approve('e1', approver, wide, '2025-01-01'))
        .thenThrows('BUDGET.CARRY_OVER_EXPIRED');
      expect(error.messages.vi).toContain('31/12/2024');
    });

    it('takes approving or proposing on an earlier date, once it lapsed, only as a correction', () => {
      given([...carried, lapsed], carriedId)
        .when(approveOn('2024-12-30'))
        .thenThrows('BUDGET.LATE_ENTRY_NEEDS_CORRECTION');
      given([...carried, lapsed], carriedId)
        .when(propose('e2', 1n, {}, officer, '2024-12-30'))
        .thenThrows('BUDGET.LATE_ENTRY_NEEDS_CORRECTION');
    });

    it('refuses to pay after the deadline what was approved in time, lapse recorded or not', () => {
      given([...carried, approved('e1', 100_000n)], carriedId)
        .when(disburse('e1', accountant, '2025-01-05'))
        .thenThrows('BUDGET.CARRY_OVER_EXPIRED');
      given([...carried, approved('e1', 100_000n), lapsed], carriedId)
        .when(disburse('e1', accountant, '2025-01-05'))
        .thenThrows('BUDGET.CARRY_OVER_EXPIRED');
    });

    it('still pays, dated by the deadline, what was approved in time', () => {
      given([...carried, approved('e1', 100_000n)], carriedId)
        .when(disburse('e1', accountant, '2024-12-31'))
        .thenMatches([{ type: 'ExpenditureDisbursed', data: { amount: 100_000n } }]);
    });
  });
});
