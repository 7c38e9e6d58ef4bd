import type { EventStore } from '@app/event-store';
import {
  withBudgetRelationshipCode,
  type BudgetRelationshipCode,
  type LineClassification,
} from '@app/budgeting';
import type { DatedLineEvent } from '@app/reporting';

const PAGE = 1000;

export interface ClassificationScan {
  /** Each line's classification (BudgetLineClassified, one per line). */
  readonly classifications: Map<string, LineClassification>;
  /** The expenditure events, with their effective dates, in log order. */
  readonly expenditureEvents: DatedLineEvent[];
  /** Each unit's mã ĐVQHNS over time (BudgetRelationshipCodeRecorded), by unit code. */
  readonly budgetRelationshipCodes: Map<string, readonly BudgetRelationshipCode[]>;
}

/**
 * What the classification reads need, from the log itself rather than a read model: a
 * reconciliation or a report by code is rare, and this keeps the balance projections as
 * they are (no new read model to rebuild).
 */
export async function scanClassifications(events: EventStore): Promise<ClassificationScan> {
  const classifications = new Map<string, LineClassification>();
  const expenditureEvents: DatedLineEvent[] = [];
  const budgetRelationshipCodes = new Map<string, readonly BudgetRelationshipCode[]>();
  let after: bigint | undefined;
  for (;;) {
    const page = await events.readAll({
      ...(after === undefined ? {} : { after }),
      maxCount: PAGE,
    });
    for (const event of page) {
      if (event.type === 'BudgetLineClassified') {
        const data = event.data as unknown as {
          budgetLineId: string;
          classification: LineClassification;
        };
        classifications.set(data.budgetLineId, data.classification);
      } else if (event.type === 'BudgetRelationshipCodeRecorded') {
        const data = event.data as unknown as BudgetRelationshipCode & { code: string };
        const { budgetRelationshipCode, validFrom, certificate } = data;
        budgetRelationshipCodes.set(
          data.code,
          withBudgetRelationshipCode(budgetRelationshipCodes.get(data.code), {
            budgetRelationshipCode,
            validFrom,
            certificate,
          }),
        );
      } else if (event.type.startsWith('Expenditure') || event.type === 'AdvanceRecovered') {
        expenditureEvents.push({
          type: event.type,
          data: event.data,
          effectiveDate: event.metadata.effectiveDate,
        });
      }
    }
    if (page.length < PAGE) {
      return { classifications, expenditureEvents, budgetRelationshipCodes };
    }
    after = page.at(-1)?.position;
  }
}
