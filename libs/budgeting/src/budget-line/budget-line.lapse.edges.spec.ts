import type { BudgetLineCommand, BudgetLineEvent, Correction } from './budget-line.events';
import { lapseReference } from './budget-line.lapse';
import { citationOf, describeDeadline } from './carry-over-deadline';
import {
  admin,
  allocated,
  approved,
  carriedId,
  carriedIn,
  carriedKey,
  carriedOpened,
  dated,
  disbursed,
  given,
  officer,
  opened,
  propose,
  proposed,
  registeredAs,
} from './testing/budget-line.fixture';

/**
 * The lapse, the retention, the return and the deadline at their edges: each field a
 * refusal names, each boundary day on its right side (the survivors of the mutation run
 * over budget-line.lapse.ts, carry-over-deadline.ts and deadline-extension.decide.ts).
 */
const funded = [dated(carriedOpened, '2024-03-19'), dated(carriedIn(500_000n), '2024-03-19')];
const carried = [
  ...funded,
  dated(proposed('e1', 100_000n, { budgetLineId: carriedId }), '2024-06-01'),
  dated(approved('e1', 100_000n), '2024-06-02'),
];
const afterLapse = [
  ...carried,
  dated(
    {
      type: 'ExpenditureLapsed',
      data: {
        budgetLineId: carriedId,
        expenditureId: 'e1',
        amount: 100_000n,
        deadline: '2024-12-31',
      },
    },
    '2025-01-01',
  ),
  dated(
    {
      type: 'CarryOverLapsed',
      data: { budgetLineId: carriedId, amount: 500_000n, deadline: '2024-12-31' },
    },
    '2025-01-01',
  ),
] satisfies BudgetLineEvent[];
const decision = { number: '15/QĐ-UBND', issuedOn: '2024-12-20', issuer: 'UBND huyện Ba Tơ' };
const retain = (
  change: Partial<Extract<BudgetLineCommand, { type: 'RetainCommitments' }>['data']> = {},
): BudgetLineCommand => ({
  type: 'RetainCommitments',
  actor: admin,
  on: '2024-12-20',
  data: { decision, expenditureIds: ['e1'], until: '2025-03-31', ...change },
});
const lapseRef = lapseReference(carriedId, '2024-12-31');
const late = (on: string, correction?: Correction): BudgetLineCommand => ({
  ...propose('e2', 50_000n, {}, officer, on),
  recordedOn: '2025-02-10',
  ...(correction ? { correction } : {}),
});
const ofLapse: Correction = {
  corrects: lapseRef,
  reason: 'Chứng từ nhập muộn',
  approvedBy: 'ke-toan-truong',
};

describe('the lapse rules at their edges', () => {
  describe('a retention', () => {
    it('names the field of each part of its decision that is wrong', () => {
      const cases = [
        [{ ...decision, number: 'giữ lại' }, 'VALIDATION.DOCUMENT_NUMBER', 'decision.number'],
        [{ ...decision, issuedOn: '2024-13-01' }, 'VALIDATION.DATE', 'decision.issuedOn'],
        [{ ...decision, issuer: '' }, 'VALIDATION.REQUIRED', 'decision.issuer'],
      ] as const;
      for (const [d, code, field] of cases) {
        given(carried, carriedId)
          .when(retain({ decision: d }))
          .thenThrows(code, { field });
      }
      given(carried, carriedId)
        .when(retain({ until: '2025-02-30' }))
        .thenThrows('VALIDATION.DATE', { field: 'until' });
    });

    it('needs at least one expenditure', () => {
      given(carried, carriedId)
        .when(retain({ expenditureIds: [] }))
        .thenThrows('VALIDATION.REQUIRED', { field: 'expenditureIds' });
    });

    it('refuses an expenditure that does not exist or was paid, naming it', () => {
      const none = given(carried, carriedId)
        .when(retain({ expenditureIds: ['e9'] }))
        .thenThrows('BUDGET.EXPENDITURE_NOT_RETAINABLE');
      expect(none.messages.vi).toContain('không có / none');
      given([...carried, dated(disbursed('e1', 100_000n, carriedId), '2024-06-10')], carriedId)
        .when(retain())
        .thenThrows('BUDGET.EXPENDITURE_NOT_RETAINABLE');
    });

    it('reinstating a lapsed approval gives the decision as the correction’s reason', () => {
      given(afterLapse, carriedId)
        .when({ ...retain(), on: '2025-01-05' })
        .thenMatches([
          {
            type: 'LapseCorrected',
            data: { reason: 'Giữ lại theo 15/QĐ-UBND / kept by 15/QĐ-UBND' },
          },
          { type: 'CommitmentRetained' },
        ]);
    });
  });

  describe('a late entry', () => {
    it('is one when dated on the deadline itself', () => {
      given(afterLapse, carriedId)
        .when(late('2024-12-31'))
        .thenThrows('BUDGET.LATE_ENTRY_NEEDS_CORRECTION');
    });

    it('cites the lapse even with spaces around the reference', () => {
      given(afterLapse, carriedId)
        .when(late('2024-12-20', { ...ofLapse, corrects: `  ${lapseRef} ` }))
        .thenMatches([{ type: 'LapseCorrected' }, { type: 'ExpenditureProposed' }]);
    });

    it('names the correction’s empty reason or approver', () => {
      given(afterLapse, carriedId)
        .when(late('2024-12-20', { ...ofLapse, reason: '' }))
        .thenThrows('VALIDATION.REQUIRED', { field: 'correction.reason' });
      given(afterLapse, carriedId)
        .when(late('2024-12-20', { ...ofLapse, approvedBy: '' }))
        .thenThrows('VALIDATION.REQUIRED', { field: 'correction.approvedBy' });
    });
  });

  describe('a return to the higher level', () => {
    const returnFunds = (
      change: Partial<Extract<BudgetLineCommand, { type: 'ReturnFunds' }>['data']>,
    ): BudgetLineCommand => ({
      type: 'ReturnFunds',
      actor: admin,
      on: '2025-02-01',
      data: {
        amount: 500_000n,
        source: 'lapsed',
        toLevel: 'central',
        decision: { number: '40/QĐ-UBND', issuedOn: '2025-02-01', issuer: 'UBND huyện Ba Tơ' },
        reason: 'Hoàn trả ngân sách trung ương',
        ...change,
      },
    });

    it('returns all the lapsed money, to the đồng', () => {
      given(afterLapse, carriedId)
        .when(returnFunds({}))
        .thenMatches([{ type: 'FundsReturned', data: { amount: 500_000n } }]);
    });

    it('names the field of a wrong level, source or an empty reason', () => {
      given(afterLapse, carriedId)
        .when(returnFunds({ toLevel: 'tỉnh' as 'central' }))
        .thenThrows('VALIDATION.NOT_ALLOWED', { field: 'toLevel' });
      given(afterLapse, carriedId)
        .when(returnFunds({ source: 'khác' as 'lapsed' }))
        .thenThrows('VALIDATION.NOT_ALLOWED', { field: 'source' });
      given(afterLapse, carriedId)
        .when(returnFunds({ reason: '' }))
        .thenThrows('VALIDATION.REQUIRED', { field: 'reason' });
    });
  });
});

describe('the deadline at its edges', () => {
  const nq111 = citationOf('111/2024/QH15', '2024-01-18');
  const extend = (deadline: string, on: string, d = nq111): BudgetLineCommand => ({
    type: 'ExtendCarryOverDeadline',
    actor: admin,
    on,
    recordedOn: on,
    data: { decision: d, decisionDocument: registeredAs(d), deadline, coversLapsed: false },
  });

  it('is extended by a decision issued the same day', () => {
    given(funded, carriedId)
      .when(extend('2025-12-31', '2024-06-01', citationOf('5/QĐ-UBND', '2024-06-01')))
      .thenMatches([{ type: 'CarryOverDeadlineExtended' }]);
  });

  it('is extended on its own last day without a decision covering lapsed money', () => {
    given(funded, carriedId)
      .when(extend('2025-12-31', '2024-12-31'))
      .thenMatches([
        { type: 'CarryOverDeadlineExtended', data: { previousDeadline: '2024-12-31' } },
      ]);
  });

  it('names the deadline field of a date that is not one', () => {
    given(funded, carriedId)
      .when(extend('2025-02-30', '2024-06-01'))
      .thenThrows('VALIDATION.DATE', { field: 'deadline' });
  });

  it('cannot be extended on a line of current-year money, which has none', () => {
    const error = given([opened, allocated(1_000n)])
      .when(extend('2025-12-31', '2024-06-01'))
      .thenThrows('BUDGET.NO_CARRY_OVER_DEADLINE');
    expect(error.messages.en).toContain('2024.DA7.TDA1.central.2024.LDTBXH');
  });

  it('may be the carry-over’s own date, and names its field when it is no date', () => {
    const carryIn = (deadline: string): BudgetLineCommand => ({
      type: 'CarryIn',
      actor: admin,
      on: '2024-03-19',
      data: {
        key: carriedKey,
        amount: 1n,
        decision: '699/QĐ-UBND',
        transferId: 'c',
        fromLine: null,
        deadline,
      },
    });
    given([], carriedId)
      .when(carryIn('2024-03-19'))
      .thenMatches([
        { type: 'BudgetLineOpened' },
        { type: 'FundsCarriedIn', data: { deadline: '2024-03-19' } },
      ]);
    given([], carriedId)
      .when(carryIn('2024-02-30'))
      .thenThrows('VALIDATION.DATE', { field: 'deadline' });
  });

  it('cites a decision by number and date, naming each field, the issuer given or read from the number', () => {
    expect(citationOf('111/2024/QH15', '2024-01-18', '  Quốc hội  ')).toEqual({
      number: '111/2024/QH15',
      issuedOn: '2024-01-18',
      issuer: 'Quốc hội',
    });
    expect(citationOf('111/2024/QH15', '2024-01-18', '  ').issuer).toBe('QH15');
    // Documents of the law go back to 2/9/1945.
    expect(citationOf('1/SL', '1945-09-02').issuedOn).toBe('1945-09-02');
    expect(() => citationOf('giữ lại', '2024-01-18')).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field: 'decision' }) }),
    );
    expect(() => citationOf('111/2024/QH15', '1945-09-01')).toThrow(
      expect.objectContaining({ details: { field: 'decisionIssuedOn' } }),
    );
  });

  it('reads for people with its basis, in both languages', () => {
    const line = { carryOverDeadline: '2025-06-30', deadlineBasis: null, deadlineExtensions: [] };
    expect(describeDeadline({ ...line, carryOverDeadline: null }, 'vi')).toBe('');
    expect(describeDeadline(line, 'vi')).toBe('30/6/2025 (mặc định 31/12)');
    expect(describeDeadline(line, 'en')).toBe('2025-06-30 (default 31/12)');
    const byDecision = { ...line, deadlineBasis: 'decision' as const };
    expect(describeDeadline(byDecision, 'vi')).toBe('30/6/2025 (theo quyết định)');
    expect(describeDeadline(byDecision, 'en')).toBe('2025-06-30 (by decision)');
    const extended = { ...byDecision, deadlineExtensions: ['111/2024/QH15', '5/QĐ-UBND'] };
    expect(describeDeadline(extended, 'vi')).toBe('30/6/2025 (gia hạn: 111/2024/QH15, 5/QĐ-UBND)');
    expect(describeDeadline(extended, 'en')).toBe(
      '2025-06-30 (extended: 111/2024/QH15, 5/QĐ-UBND)',
    );
  });
});
