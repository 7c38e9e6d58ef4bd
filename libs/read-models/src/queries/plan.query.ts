import type { Doc } from '../document-store.port';
import { LINES } from '../projections/balances.projection';
import { EXPENDITURE_ACTIVITIES, PLANS } from '../projections/plans.projection';
import type { ReadModels } from './read-models';
import { activityFigures } from './plan-activities';

/** A plan with its version in force, progress, and spending per activity and per part. */
export async function queryPlan(
  models: ReadModels,
  fiscalYear: number,
  leadUnit: string,
): Promise<Doc | null> {
  const plan = await models.get('plans', PLANS, `${fiscalYear}-${leadUnit}`);
  if (!plan) return null;
  // This plan's activities only: another unit's plan may use the same activity ids.
  const perActivity = await models.sum('plans', EXPENDITURE_ACTIVITIES, {
    filter: { fiscalYear, leadUnit },
    groupBy: ['activity'],
    sum: ['reserved', 'committed', 'disbursed'],
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
      reserved: r.reserved ?? '0',
      committed: r.committed ?? '0',
      disbursed: r.disbursed ?? '0',
    })),
    activities: activityFigures(plan, perActivity),
    spendingByPart: perPart.map((r) => ({ ...r })),
  };
}
