import type { Actor } from '../shared/actor';
import { MAX_LINE_AMOUNT } from '../shared/money';
import type { DecisionFacts, UnitFacts } from './allocation-basis.rules';
import type { BudgetLineKey } from './budget-line-key';
import type { BudgetLineCommand, BudgetLineEvent } from './budget-line.events';
import { given, key, lineId, registered } from './testing/budget-line.fixture';

const financeOffice: Actor = { userId: 'u-tckh', name: 'Phòng TC-KH', role: 'admin', unit: null };
const decision: DecisionFacts = registered.decisionDocument;
const unit: UnitFacts = { code: 'LDTBXH', validFrom: '2021-01-01', validTo: '2025-06-30' };

const allocate = (
  amount: bigint,
  change: {
    decisionDocument?: DecisionFacts | null;
    unitRegistration?: UnitFacts | null;
    key?: BudgetLineKey;
    on?: string;
    actor?: Actor;
  } = {},
): BudgetLineCommand => ({
  type: 'AllocateFunds',
  actor: change.actor ?? financeOffice,
  on: change.on ?? '2024-03-25',
  data: {
    key: change.key ?? key,
    amount,
    decision: '30/QĐ-UBND',
    legalBasis: ['30/QĐ-UBND'],
    decisionDocument: change.decisionDocument === undefined ? decision : change.decisionDocument,
    unitRegistration: change.unitRegistration === undefined ? unit : change.unitRegistration,
  },
});

const openedAndAllocated = [{ type: 'BudgetLineOpened' }, { type: 'FundsAllocated' }] as const;

/** Both messages name what was refused (a decision's number, a unit's code). */
function expectNamed(error: { messages: { vi: string; en: string } }, name: string): void {
  expect(error.messages.vi).toContain(name);
  expect(error.messages.en).toContain(name);
}

describe('allocating funds to a line', () => {
  describe('when nothing is on the line', () => {
    it('allocates under a registered decision of the People’s Committee, to a registered unit', () => {
      given([]).when(allocate(1_000_000n)).thenMatches(openedAndAllocated);
    });

    it('refuses the year’s estimate on a line of carried-over money: it would hold money of no deadline', () => {
      // A line whose source year precedes its fiscal year holds carried-over money, spent to
      // its deadline; an allocation there would open one without any deadline at all.
      const carried = { ...key, sourceYear: 2023 };
      const error = given([], `2024.DA7.TDA1.central.2023.LDTBXH`)
        .when(allocate(1_000_000n, { key: carried }))
        .thenThrows('BUDGET.ALLOCATION_TO_CARRIED_OVER_LINE');
      expectNamed(error, '2024.DA7.TDA1.central.2023.LDTBXH');
    });

    it('refuses an officer, even of the unit', () => {
      const officer: Actor = { userId: 'u-o', name: 'Cán bộ', role: 'officer', unit: 'LDTBXH' };
      given([])
        .when(allocate(1n, { actor: officer }))
        .thenThrows('AUTH.ROLE_FORBIDDEN');
    });

    it('refuses a decision registered nowhere, naming it in both languages', () => {
      const error = given([])
        .when(allocate(1n, { decisionDocument: null }))
        .thenThrows('DOCUMENT.NOT_REGISTERED', { field: 'decision', decision: '30/QĐ-UBND' });
      expectNamed(error, '30/QĐ-UBND');
    });

    it('refuses a document that is not a People’s Committee decision, naming it', () => {
      const plan = given([])
        .when(allocate(1n, { decisionDocument: { ...decision, type: 'KH', number: '30/KH-UBND' } }))
        .thenThrows('DOCUMENT.NOT_AN_ALLOCATION_DECISION', {
          field: 'decision',
          decision: '30/KH-UBND',
        });
      expectNamed(plan, '30/KH-UBND');
      const financeDepartment = given([])
        .when(allocate(1n, { decisionDocument: { ...decision, number: '30/QĐ-STC' } }))
        .thenThrows('DOCUMENT.NOT_AN_ALLOCATION_DECISION', {
          field: 'decision',
          decision: '30/QĐ-STC',
        });
      expectNamed(financeDepartment, '30/QĐ-STC');
    });

    it('refuses a decision issued after the effective date, naming it and its date', () => {
      const error = given([])
        .when(allocate(1n, { on: '2024-03-24' }))
        .thenThrows('DOCUMENT.ISSUED_AFTER', {
          field: 'decision',
          decision: '30/QĐ-UBND',
          issuedOn: '2024-03-25',
        });
      expectNamed(error, '30/QĐ-UBND');
      expect(error.messages.vi).toContain('25/3/2024');
      expect(error.messages.en).toContain('2024-03-25');
    });

    it('refuses more than the decision assigns, over every line', () => {
      const capped = { ...decision, amount: 1_000_000n, allocated: 900_000n };
      const error = given([])
        .when(allocate(100_001n, { decisionDocument: capped }))
        .thenThrows('DOCUMENT.AMOUNT_EXCEEDED', {
          field: 'decision',
          decision: '30/QĐ-UBND',
          amount: '1000000',
        });
      expectNamed(error, '30/QĐ-UBND');
      given([])
        .when(allocate(100_000n, { decisionDocument: capped }))
        .thenMatches(openedAndAllocated);
    });

    it('refuses a unit not registered, naming it in both languages', () => {
      const error = given([])
        .when(allocate(1n, { unitRegistration: null }))
        .thenThrows('UNIT.NOT_REGISTERED', { field: 'unit', unit: 'LDTBXH' });
      expectNamed(error, 'LDTBXH');
    });

    describe('a unit on the edges of its registration', () => {
      const in2025 = { ...key, fiscalYear: 2025, sourceYear: 2025 };

      it('takes money on the first and the last day of its registration', () => {
        given([])
          .when(allocate(1n, { unitRegistration: { ...unit, validFrom: '2024-03-25' } }))
          .thenMatches(openedAndAllocated);
        given([])
          .when(allocate(1n, { on: '2025-06-30', key: in2025 }))
          .thenMatches(openedAndAllocated);
      });

      it('refuses money the day before it exists and the day after it ends, naming the unit', () => {
        const before = given([])
          .when(allocate(1n, { unitRegistration: { ...unit, validFrom: '2024-03-26' } }))
          .thenThrows('UNIT.NOT_REGISTERED', { field: 'unit', unit: 'LDTBXH' });
        expectNamed(before, 'LDTBXH');
        const after = given([])
          .when(allocate(1n, { on: '2025-07-01', key: in2025 }))
          .thenThrows('UNIT.NOT_REGISTERED', { field: 'unit', unit: 'LDTBXH' });
        expectNamed(after, 'LDTBXH');
        expect(after.messages.vi).toContain('1/7/2025');
        expect(after.messages.en).toContain('2025-07-01');
      });
    });

    it('refuses a part of no program', () => {
      given([])
        .when(allocate(1n, { key: { ...key, programPart: 'DA99' } }))
        .thenThrows('BUDGET.UNKNOWN_PROGRAM_PART');
      given([])
        .when(allocate(1n, { key: { ...key, programPart: 'DA7.TDA9' } }))
        .thenThrows('BUDGET.UNKNOWN_PROGRAM_PART');
    });

    it('refuses an amount above what any line may hold', () => {
      given([])
        .when(allocate(MAX_LINE_AMOUNT + 1n))
        .thenThrows('VALIDATION.AMOUNT_TOO_LARGE');
    });
  });

  describe('when the line holds the most a line may hold', () => {
    const full: BudgetLineEvent[] = [
      { type: 'BudgetLineOpened', data: { budgetLineId: lineId, ...key } },
      {
        type: 'FundsAllocated',
        data: {
          budgetLineId: lineId,
          amount: MAX_LINE_AMOUNT,
          decision: '30/QĐ-UBND',
          legalBasis: [],
        },
      },
    ];

    it('refuses one đồng more', () => {
      given(full).when(allocate(1n)).thenThrows('BUDGET.LINE_LIMIT_EXCEEDED');
    });
  });
});
