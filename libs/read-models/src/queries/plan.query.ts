import type { Doc } from '../document-store.port';
import { LINES } from '../projections/balances.projection';
import { EXPENDITURE_ACTIVITIES, PLANS } from '../projections/plans.projection';
import type { ReadModels } from './read-models';

/** A plan with its version in force, progress, and spending per activity and per part. */
export async function queryPlan(
  models: ReadModels,
  fiscalYear: number,
  leadUnit: string,
): Promise<Doc | null> {
  const plan = await models.get('plans', PLANS, `${fiscalYear}-${leadUnit}`);
  if (!plan) return null;
  const perActivity = await models.sum('plans', EXPENDITURE_ACTIVITIES, {
    filter: { fiscalYear },
    groupBy: ['activity'],
    sum: ['committed', 'disbursed'],
  });
  const perPart = await models.sum('balances', LINES, {
    filter: { fiscalYear },
    groupBy: ['programPart'],
    sum: ['allocated', 'carriedIn', 'committed', 'disbursed', 'available'],
  });
  return {
    ...plan,
    spendingByActivity: perActivity.map((r) => ({
      activity: r.activity ?? null,
      committed: r.committed ?? '0',
      disbursed: r.disbursed ?? '0',
    })),
    spendingByPart: perPart.map((r) => ({ ...r })),
  };
}
