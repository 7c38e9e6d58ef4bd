import type { Actor } from '../shared/actor';
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
  carriedKey,
  given,
  key,
  lineId,
  officer,
  opened,
  otherOfficer,
  propose,
  proposed,
  registered,
  perDiemTrip,
  cancellationDecision,
} from './testing/budget-line.fixture';

describe('budget line', () => {
  describe('when nothing has been allocated', () => {
    it('opens the line on its first allocation, under the decision', () => {
      given([])
        .when({
          type: 'AllocateFunds',
          actor: admin,
          on: '2024-03-25',
          data: {
            key,
            amount: 1_470_000_000n,
            decision: '30/QĐ-UBND',
            legalBasis: ['30/QĐ-UBND'],
            ...registered,
          },
        })
        .then([opened, allocated(1_470_000_000n)]);
    });

    it('refuses a zero allocation and an expenditure', () => {
      given([])
        .when({
          type: 'AllocateFunds',
          actor: admin,
          on: '2024-03-25',
          data: { key, amount: 0n, decision: 'x', legalBasis: [], ...registered },
        })
        .thenThrows('VALIDATION.AMOUNT_NOT_POSITIVE');
      given([]).when(propose('e1', 1n)).thenThrows('BUDGET.LINE_NOT_FOUND');
    });

    it('refuses an approver allocating', () => {
      given([])
        .when({
          type: 'AllocateFunds',
          actor: approver,
          on: '2024-03-25',
          data: { key, amount: 5n, decision: 'x', legalBasis: [], ...registered },
        })
        .thenThrows('AUTH.ROLE_FORBIDDEN');
    });
  });

  describe('when the line holds 1.000.000 đồng', () => {
    const history = [opened, allocated(1_000_000n)];

    it('records a proposal by an officer of the unit, without committing', () => {
      const state = given(history)
        .when(propose('e1', 600_000n))
        .thenMatches([{ type: 'ExpenditureProposed' }]);
      expect(available(state.balances)).toBe(1_000_000n);
    });

    it('refuses a proposal from another unit', () => {
      given(history)
        .when(propose('e1', 1n, {}, otherOfficer))
        .thenThrows('AUTH.UNIT_FORBIDDEN');
    });

    it('commits the funds on approval, recording the capacity', () => {
      given([...history, proposed('e1', 600_000n)])
        .when(approve('e1'))
        .then([approved('e1', 600_000n)]);
    });

    it('cites the decisions that funded the line when the approver names no basis', () => {
      const [event] = given([...history, proposed('e1', 1n)])
        .when({
          ...approve('e1'),
          data: { expenditureId: 'e1', authority, legalBasis: [] },
        } as BudgetLineCommand)
        .events();
      expect(event).toMatchObject({ data: { legalBasis: ['30/QĐ-UBND'] } });
    });

    it('refuses an approval that would overdraw the line', () => {
      given([
        ...history,
        proposed('e1', 600_000n),
        approved('e1', 600_000n),
        proposed('e2', 400_001n),
      ])
        .when(approve('e2'))
        .thenThrows('BUDGET.LINE_OVERDRAWN');
    });

    it('takes the last đồng exactly', () => {
      const state = given([
        ...history,
        proposed('e1', 600_000n),
        approved('e1', 600_000n),
        proposed('e2', 400_000n),
        approved('e2', 400_000n),
      ]).state;
      expect(available(state.balances)).toBe(0n);
    });

    it('refuses an approver approving what they proposed', () => {
      given([...history, proposed('e1', 1n, { proposedBy: approver.userId })])
        .when(approve('e1'))
        .thenThrows('AUTH.SEGREGATION_OF_DUTIES');
    });

    it('refuses an approval outside the delegation: part, dates, or none', () => {
      const h = [...history, proposed('e1', 1n)];
      given(h)
        .when(approve('e1', approver, { ...authority, programParts: ['DA6'] }))
        .thenThrows('AUTH.OUTSIDE_DELEGATION');
      given(h)
        .when(approve('e1', approver, authority, '2025-01-02'))
        .thenThrows('AUTH.OUTSIDE_DELEGATION');
      given(h)
        .when(approve('e1', approver, null))
        .thenThrows('AUTH.OUTSIDE_DELEGATION');
    });

    it('refuses an admin approving or an officer approving', () => {
      const h = [...history, proposed('e1', 1n)];
      given(h).when(approve('e1', admin)).thenThrows('AUTH.ROLE_FORBIDDEN');
      given(h).when(approve('e1', officer)).thenThrows('AUTH.ROLE_FORBIDDEN');
    });

    it('refuses approving twice', () => {
      given([...history, proposed('e1', 1n), approved('e1', 1n)])
        .when(approve('e1'))
        .thenThrows('EXPENDITURE.INVALID_STATE');
    });

    it('rejects a proposal with a reason, committing nothing', () => {
      given([...history, proposed('e1', 1n)])
        .when({
          type: 'RejectExpenditure',
          actor: approver,
          on: '2024-05-12',
          data: { expenditureId: 'e1', authority, reason: 'Thiếu hồ sơ' },
        })
        .thenMatches([{ type: 'ExpenditureRejected' }]);
    });

    it('disburses an approved expenditure through the Treasury, and reverses it with a compensating entry', () => {
      const h = [...history, proposed('e1', 600_000n), approved('e1', 600_000n)];
      const paid = given(h)
        .when({
          type: 'DisburseExpenditure',
          actor: accountant,
          on: '2024-05-20',
          data: { expenditureId: 'e1', voucher: 'UNC-0012', paidOn: '2024-05-20' },
        })
        .events();
      const afterPay = given([...h, ...paid]).state;
      expect(afterPay.balances).toMatchObject({ committed: 600_000n, disbursed: 600_000n });
      const reversed = given([...h, ...paid])
        .when({
          type: 'ReverseExpenditure',
          actor: accountant,
          on: '2024-06-01',
          data: { expenditureId: 'e1', reason: 'Kho bạc từ chối' },
        })
        .events();
      expect(reversed).toEqual([
        expect.objectContaining({
          type: 'ExpenditureReversed',
          data: expect.objectContaining({ committedAmount: 600_000n, disbursedAmount: 600_000n }),
        }),
      ]);
      const after = given([...h, ...paid, ...reversed]).state;
      expect(after.balances).toMatchObject({ committed: 0n, disbursed: 0n });
      expect(available(after.balances)).toBe(1_000_000n);
    });

    it('refuses disbursing what was not approved, and a disbursement by an officer', () => {
      const h = [...history, proposed('e1', 1n)];
      const pay = (actor: Actor): BudgetLineCommand => ({
        type: 'DisburseExpenditure',
        actor,
        on: '2024-05-20',
        data: { expenditureId: 'e1', voucher: 'v', paidOn: '2024-05-20' },
      });
      given(h).when(pay(accountant)).thenThrows('EXPENDITURE.INVALID_STATE');
      given([...h, approved('e1', 1n)])
        .when(pay(officer))
        .thenThrows('AUTH.ROLE_FORBIDDEN');
    });

    it('refuses a voucher used twice on the line (no double funding)', () => {
      given([...history, proposed('e1', 1n, { voucher: 'HD-001' })])
        .when(propose('e2', 1n, { voucher: 'HD-001' }))
        .thenThrows('BUDGET.DOUBLE_FUNDING');
    });

    it('refuses study tours and joint-team travel paid by a unit other than the lead agency', () => {
      given(history)
        .when(propose('e1', 1n, { category: 'study_tour', leadAgency: 'OTHER' }))
        .thenThrows('BUDGET.LEAD_AGENCY_PAYS_JOINT_TEAMS');
      given(history)
        .when(
          propose('e1', 1n, {
            category: 'travel_allowance',
            jointTeam: true,
            leadAgency: 'OTHER',
            normClaim: perDiemTrip(1n, 1, 1),
          }),
        )
        .thenThrows('BUDGET.LEAD_AGENCY_PAYS_JOINT_TEAMS');
      expect(
        given(history)
          .when(propose('e1', 1n, { category: 'study_tour' }))
          .events(),
      ).toHaveLength(1);
    });

    it('refuses travel allowances above the per-diem norm in force, citing it', () => {
      given(history)
        .when(
          propose('e1', 1_000_001n, {
            category: 'travel_allowance',
            normClaim: perDiemTrip(1_000_001n, 1, 5),
          }),
        )
        .thenThrows('BUDGET.EXCEEDS_SPENDING_NORM');
      expect(
        given(history)
          .when(
            propose('e1', 1_000_000n, {
              category: 'travel_allowance',
              normClaim: perDiemTrip(1_000_000n, 1, 5),
            }),
          )
          .events(),
      ).toHaveLength(1);
    });

    it('moves money out for a transfer once, however often the step is retried', () => {
      const out: BudgetLineCommand = {
        type: 'TransferOut',
        actor: admin,
        on: '2024-09-01',
        data: {
          kind: 'reallocation',
          amount: 300_000n,
          decision: '120/QĐ-UBND',
          transferId: 't1',
          toLine: 'x',
        },
      };
      const events = given(history).when(out).events();
      expect(events).toEqual([expect.objectContaining({ type: 'FundsTransferredOut' })]);
      given([...history, ...events])
        .when(out)
        .then([]);
      given(history)
        .when({ ...out, data: { ...out.data, amount: 1_000_001n } })
        .thenThrows('BUDGET.LINE_OVERDRAWN');
    });

    it('refuses cancelling more than is available', () => {
      given(history)
        .when({
          type: 'CancelFunds',
          actor: admin,
          on: '2024-12-31',
          data: {
            amount: 1_000_001n,
            decision: '9/QĐ-UBND',
            reason: 'r',
            ...cancellationDecision('9/QĐ-UBND'),
          },
        })
        .thenThrows('BUDGET.LINE_OVERDRAWN');
    });
  });

  describe('when the fiscal year is closed', () => {
    it('takes only corrections that cite what they correct', () => {
      const h = [opened, allocated(10n)];
      given(h)
        .when({ ...propose('e1', 1n), fiscalYearClosed: true })
        .thenThrows('BUDGET.FISCAL_YEAR_CLOSED');
      const correction = { corrects: 'e0', reason: 'Ghi thiếu' };
      given(h)
        .when({ ...propose('e1', 1n), fiscalYearClosed: true, correction })
        .thenMatches([{ type: 'ExpenditureProposed', data: { correction } }]);
    });

    it('is so for a line its close has sealed, even to a command that read the year open', () => {
      const sealed = { type: 'BudgetLineSealed', data: { budgetLineId: lineId, fiscalYear: 2024 } };
      const h = [opened, allocated(10n), sealed] as BudgetLineEvent[];
      given(h).when(propose('e1', 1n)).thenThrows('BUDGET.FISCAL_YEAR_CLOSED');
      const correction = { corrects: 'e0', reason: 'Ghi thiếu' };
      given(h)
        .when({ ...propose('e1', 1n), correction })
        .thenMatches([{ type: 'ExpenditureProposed', data: { correction } }]);
      const unsealed = {
        type: 'BudgetLineUnsealed',
        data: { budgetLineId: lineId, fiscalYear: 2024 },
      };
      given([...h, unsealed] as BudgetLineEvent[])
        .when(propose('e1', 1n))
        .thenMatches([{ type: 'ExpenditureProposed' }]);
    });
  });

  describe('when money was carried over from 2023 by Decision 699/QĐ-UBND', () => {
    const carryIn: BudgetLineCommand = {
      type: 'CarryIn',
      actor: admin,
      on: '2024-03-19',
      data: {
        key: carriedKey,
        amount: 500n,
        decision: '699/QĐ-UBND',
        transferId: 'c699',
        fromLine: null,
      },
    };
    const history = given([], carriedId).when(carryIn).events();

    it('sets the deadline to 31/12 of the year it was carried into', () => {
      expect(history.at(-1)).toMatchObject({
        type: 'FundsCarriedIn',
        data: { deadline: '2024-12-31' },
      });
    });

    it('refuses carrying current-year money in', () => {
      given([], lineId)
        .when({ ...carryIn, data: { ...carryIn.data, key } })
        .thenThrows('BUDGET.NOT_A_CARRY_OVER_LINE');
    });

    it('refuses spending after the deadline', () => {
      given(history, carriedId)
        .when(propose('e1', 1n, {}, officer, '2025-01-02'))
        .thenThrows('BUDGET.CARRY_OVER_EXPIRED');
    });

    it('lapses what is left once the deadline has passed, and only once', () => {
      const lapse = (today: string): BudgetLineCommand => ({
        type: 'LapseCarryOver',
        actor: admin,
        on: today,
        data: { today },
      });
      given(history, carriedId).when(lapse('2024-12-31')).then([]);
      const lapsed = given(history, carriedId).when(lapse('2025-01-01')).events();
      expect(lapsed).toEqual([
        expect.objectContaining({
          type: 'CarryOverLapsed',
          data: expect.objectContaining({ amount: 500n }),
        }),
      ]);
      given([...history, ...lapsed], carriedId)
        .when(lapse('2025-03-01'))
        .then([]);
      expect(available(given([...history, ...lapsed]).state.balances)).toBe(0n);
    });
  });
});
