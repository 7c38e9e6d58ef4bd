import type { Actor } from '../shared/actor';
import { DomainError } from '../shared/domain-error';
import { MAX_LINE_AMOUNT } from '../shared/money';
import type { DecisionFacts, UnitFacts } from './allocation-basis.rules';
import { budgetLineId, type BudgetLineKey } from './budget-line-key';
import { budgetLineDecider } from './budget-line.decider';
import type { BudgetLineCommand, BudgetLineEvent } from './budget-line.events';

const key: BudgetLineKey = {
  fiscalYear: 2024,
  programPart: 'DA7.TDA1',
  fundSource: 'central',
  sourceYear: 2024,
  unit: 'LDTBXH',
};
const lineId = budgetLineId(key);
const financeOffice: Actor = { userId: 'u-tckh', name: 'Phòng TC-KH', role: 'admin', unit: null };
const decision: DecisionFacts = {
  number: '30/QĐ-UBND',
  type: 'QĐ',
  issuer: 'UBND huyện Ba Tơ',
  issuedOn: '2024-03-25',
  amount: null,
  allocated: 0n,
};
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

function given(history: readonly BudgetLineEvent[]) {
  const state = budgetLineDecider.fold(history);
  return {
    when: (command: BudgetLineCommand) => ({
      then: (types: string[]) =>
        expect(budgetLineDecider.decide(command, state, lineId).map((e) => e.type)).toEqual(types),
      thenThrows: (code: string) => {
        let thrown: unknown;
        try {
          budgetLineDecider.decide(command, state, lineId);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(DomainError);
        expect((thrown as DomainError).code).toBe(code);
      },
    }),
  };
}

describe('allocating funds to a line', () => {
  describe('when nothing is on the line', () => {
    it('allocates under a registered decision of the People’s Committee, to a registered unit', () => {
      given([]).when(allocate(1_000_000n)).then(['BudgetLineOpened', 'FundsAllocated']);
    });

    it('refuses an officer, even of the unit', () => {
      const officer: Actor = { userId: 'u-o', name: 'Cán bộ', role: 'officer', unit: 'LDTBXH' };
      given([])
        .when(allocate(1n, { actor: officer }))
        .thenThrows('AUTH.ROLE_FORBIDDEN');
    });

    it('refuses a decision registered nowhere, or not a decision, or issued later', () => {
      given([])
        .when(allocate(1n, { decisionDocument: null }))
        .thenThrows('DOCUMENT.NOT_REGISTERED');
      given([])
        .when(allocate(1n, { decisionDocument: { ...decision, type: 'KH', number: '30/KH-UBND' } }))
        .thenThrows('DOCUMENT.NOT_AN_ALLOCATION_DECISION');
      given([])
        .when(allocate(1n, { decisionDocument: { ...decision, number: '30/QĐ-STC' } }))
        .thenThrows('DOCUMENT.NOT_AN_ALLOCATION_DECISION');
      given([])
        .when(allocate(1n, { on: '2024-03-24' }))
        .thenThrows('DOCUMENT.ISSUED_AFTER');
    });

    it('refuses more than the decision assigns, over every line', () => {
      const capped = { ...decision, amount: 1_000_000n, allocated: 900_000n };
      given([])
        .when(allocate(100_001n, { decisionDocument: capped }))
        .thenThrows('DOCUMENT.AMOUNT_EXCEEDED');
      given([])
        .when(allocate(100_000n, { decisionDocument: capped }))
        .then(['BudgetLineOpened', 'FundsAllocated']);
    });

    it('refuses a unit not registered or gone, and a part of no program', () => {
      given([])
        .when(allocate(1n, { unitRegistration: null }))
        .thenThrows('UNIT.NOT_REGISTERED');
      given([])
        .when(
          allocate(1n, {
            unitRegistration: unit,
            on: '2025-07-01',
            key: { ...key, fiscalYear: 2025, sourceYear: 2025 },
          }),
        )
        .thenThrows('UNIT.NOT_REGISTERED');
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
