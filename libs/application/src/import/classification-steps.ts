import { budgetLineId, budgetLineStreamId } from '@app/budgeting';
import { ClassifyBudgetLineCommand } from '../lines/classify-line.handler';
import { DATA_FILES, type LineItem } from './data-set';
import { IMPORT_ACTOR, type ImportStep } from './import-step';

/**
 * A line item's `classification:` classifies its line, after the money is on it (the
 * line must be open), on the item's effective date. Keyed on the line alone: two items of
 * one line giving the same codes record one event; different codes are refused.
 */
export function classificationStep(
  line: LineItem,
  index: number,
  fiscalYear: number,
  on: string,
): ImportStep | null {
  const classification = line.classification;
  if (!classification) return null;
  const lineId = budgetLineId({
    fiscalYear,
    programPart: line.programPart,
    fundSource: line.fundSource,
    sourceYear: line.sourceYear,
    unit: line.unit,
  });
  const step: ImportStep = {
    kind: 'line_classification',
    file: DATA_FILES.lines,
    path: ['lines', index],
    illustrative: line.illustrative ?? false,
    commandId: `import:classifications:${lineId}`,
    streamId: budgetLineStreamId(lineId),
    actor: IMPORT_ACTOR,
    effectiveDate: on,
    fields: { on: 'effectiveDate', classification: 'classification' },
    run: async (io) => {
      await io.commands.execute(
        new ClassifyBudgetLineCommand(io.context(step), lineId, classification),
      );
    },
  };
  return step;
}
