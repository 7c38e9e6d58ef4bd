import {
  classificationErrors,
  sameClassification,
  validateLineClassification,
} from '../classification/budget-classification';
import { BUDGET_CODE_TABLE } from '../classification/budget-codes';
import type { BudgetLineKey } from './budget-line-key';
import type { BudgetLineCommand, BudgetLineEvent } from './budget-line.events';
import type { BudgetLineState } from './budget-line.state';

type Classify = Extract<BudgetLineCommand, { type: 'ClassifyBudgetLine' }>;

/**
 * A line takes its budget classification once: the Treasury books its estimate under
 * those codes, so changing them would be a new line. The same classification again
 * (an import run twice) records nothing.
 */
export function decideClassification(
  c: Classify,
  state: BudgetLineState,
  lineId: string,
  key: BudgetLineKey,
): BudgetLineEvent[] {
  const requested = validateLineClassification(c.data.classification, key.programPart, c.on);
  if (state.classification) {
    if (sameClassification(state.classification, requested)) return [];
    throw classificationErrors.conflict(state.classification, requested);
  }
  return [
    {
      type: 'BudgetLineClassified',
      data: {
        budgetLineId: lineId,
        classification: {
          chapter: requested.chapter,
          sector: requested.sector,
          program: requested.program,
          source: requested.source,
        },
        codeTableVersion: BUDGET_CODE_TABLE.tableVersion,
      },
    },
  ];
}
