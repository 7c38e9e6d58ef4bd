import type { LineClassification } from '../classification/budget-classification';
import type { BudgetLineCommand, BudgetLineEvent } from './budget-line.events';
import {
  admin,
  allocated,
  given,
  lineId,
  officer,
  opened,
  propose,
  proposed,
} from './testing/budget-line.fixture';

const codes: LineClassification = { chapter: '622', sector: '398', program: '0357', source: '12' };

const classify = (
  classification: LineClassification,
  on = '2024-03-25',
  actor = admin,
): BudgetLineCommand => ({ type: 'ClassifyBudgetLine', actor, on, data: { classification } });

const classified: BudgetLineEvent = {
  type: 'BudgetLineClassified',
  data: { budgetLineId: lineId, classification: codes, codeTableVersion: '2026-12-07' },
};

describe('classifying a budget line (mục lục NSNN)', () => {
  describe('when the line is open and unclassified', () => {
    it('records the classification with the code table it was checked against', () => {
      const state = given([opened, allocated(1_000_000n)])
        .when(classify(codes))
        .thenMatches([{ type: 'BudgetLineClassified', data: { classification: codes } }]);
      expect(state.classification).toEqual(codes);
    });

    it('refuses a code not in force on the effective date, recording nothing', () => {
      given([opened, allocated(1n)])
        .when(classify({ ...codes, sector: '999' }))
        .thenThrows('BUDGET.CLASSIFICATION_UNKNOWN_CODE', {
          field: 'classification.sector',
          code: '999',
        });
    });

    it('refuses an officer: classification is the finance office’s', () => {
      given([opened, allocated(1n)])
        .when(classify(codes, '2024-03-25', officer))
        .thenThrows('AUTH.ROLE_FORBIDDEN');
    });
  });

  describe('when the line is not open', () => {
    it('refuses, as nothing was allocated to it', () => {
      given([]).when(classify(codes)).thenThrows('BUDGET.LINE_NOT_FOUND');
    });
  });

  describe('when the line is already classified', () => {
    it('records nothing for the same classification again', () => {
      given([opened, allocated(1n), classified])
        .when(classify(codes))
        .then([]);
    });

    it('refuses another classification', () => {
      given([opened, allocated(1n), classified])
        .when(classify({ ...codes, sector: '341' }))
        .thenThrows('BUDGET.CLASSIFICATION_CONFLICT');
    });
  });
});

describe('a payment’s tiểu mục', () => {
  it('is recorded on the proposal when in the table', () => {
    given([opened, allocated(1_000_000n)])
      .when(propose('e1', 100_000n, { economicCode: '7012' }))
      .thenMatches([{ type: 'ExpenditureProposed', data: { economicCode: '7012' } }]);
  });

  it('is left out of the event when not given (older proposals read alike)', () => {
    given([opened, allocated(1_000_000n)])
      .when(propose('e1', 100_000n))
      .then([proposed('e1', 100_000n, { proposedBy: officer.userId })]);
  });

  it('refuses a code not in the table, naming the field', () => {
    given([opened, allocated(1_000_000n)])
      .when(propose('e1', 100_000n, { economicCode: '1234' }))
      .thenThrows('BUDGET.CLASSIFICATION_UNKNOWN_CODE', { field: 'economicCode', code: '1234' });
  });
});
