import type { Doc, Filter } from '../document-store.port';
import { PENDING_DECISIONS } from '../projections/pending-decisions.projection';
import type { ReadModels } from './read-models';

export interface PendingDecisionsFilter {
  readonly fiscalYear: number;
  /** Only this unit's (a user scoped to one unit); absent: every unit's. */
  readonly unit?: string;
}

/**
 * What waits for a decision in a fiscal year (expenditures, transfers, plans), oldest
 * first: read by the index on (fiscalYear, waiting, unit), so the work follows what waits,
 * not how many lines the year has. Who may decide each one is the caller's `authorize`.
 */
export async function queryPendingDecisions(
  models: ReadModels,
  filter: PendingDecisionsFilter,
): Promise<Doc[]> {
  const where: Filter = {
    fiscalYear: filter.fiscalYear,
    waiting: true,
    ...(filter.unit !== undefined ? { unit: filter.unit } : {}),
  };
  return models.find('pendingDecisions', PENDING_DECISIONS, where, {
    sort: [['on', 1]],
  });
}
