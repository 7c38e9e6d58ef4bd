import type { EventStore } from '@app/event-store';
import type { LineClassification } from '@app/budgeting';

const PAGE = 1000;

/**
 * Each line's classification as the log holds it (BudgetLineClassified, one per line).
 * Read from the log, not a read model: a reconciliation is rare, and this keeps the
 * balance projections as they are.
 */
export async function lineClassifications(
  events: EventStore,
): Promise<Map<string, LineClassification>> {
  const found = new Map<string, LineClassification>();
  let after: bigint | undefined;
  for (;;) {
    const page = await events.readAll({
      ...(after === undefined ? {} : { after }),
      maxCount: PAGE,
    });
    for (const event of page) {
      if (event.type !== 'BudgetLineClassified') continue;
      const data = event.data as unknown as {
        budgetLineId: string;
        classification: LineClassification;
      };
      found.set(data.budgetLineId, data.classification);
    }
    if (page.length < PAGE) return found;
    after = page.at(-1)?.position;
  }
}
