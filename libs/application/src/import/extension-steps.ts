import { budgetLineId, budgetLineStreamId } from '@app/budgeting';
import { ExtendCarryOverDeadlineCommand } from '../lines/extend-deadline.handler';
import { DATA_FILES, type DocumentItem, type ExtensionItem } from './data-set';
import { IMPORT_ACTOR, type ImportStep } from './import-step';

/**
 * A deadline extension (gia hạn) of the data set: one step per line it names, each the
 * line's part of the one command POST /carry-over-extensions sends
 * (ExtendCarryOverDeadlineCommand), with the per-line command id that handler gives it
 * (`<command id>:<line id>`), so a second import finds each line's event and records
 * nothing. The handler checks every line of a decision before changing any; the import
 * goes further: the dry run checks every line of the whole set before anything is
 * recorded, and a refusal of one line stops the extension (and the import) before it
 * starts. A refusal without a field of its own (not a carry-over line, no such line) is
 * placed at the line the decision names.
 */
export function extensionSteps(
  extension: ExtensionItem,
  index: number,
  fiscalYear: number,
  documents: ReadonlyMap<string, DocumentItem>,
): ImportStep[] {
  const document = documents.get(extension.decision);
  if (!document) throw new Error(`extensions[${index}]: decision missing`);
  const on = extension.effectiveDate ?? document.issuedOn;
  const coversLapsed = extension.coversLapsed ?? false;
  // Keyed on the decision alone: an edited deadline is then an edit of what was imported.
  const commandId = `import:extensions:${extension.decision}`;

  return extension.lines.map((ref, j): ImportStep => {
    const lineId = budgetLineId({ fiscalYear, ...ref });
    const step: ImportStep = {
      kind: 'deadline_extension',
      file: DATA_FILES.lines,
      path: ['extensions', index],
      subject: ['extensions', index, 'lines', j],
      illustrative: extension.illustrative ?? false,
      commandId: `${commandId}:${lineId}`,
      streamId: budgetLineStreamId(lineId),
      actor: IMPORT_ACTOR,
      effectiveDate: on,
      fields: {
        on: 'effectiveDate',
        effectiveDate: 'effectiveDate',
        deadline: 'deadline',
        decision: 'decision',
        decisionIssuedOn: 'decision',
        coversLapsed: 'coversLapsed',
      },
      run: async (io) => {
        // The handler derives each line's command id from the decision's own.
        await io.commands.execute(
          new ExtendCarryOverDeadlineCommand(
            { ...io.context(step), commandId },
            [lineId],
            {
              number: extension.decision,
              issuedOn: document.issuedOn,
              issuer: document.issuer,
            },
            extension.deadline,
            coversLapsed,
          ),
        );
      },
    };
    return step;
  });
}
