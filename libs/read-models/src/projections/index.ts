import { approvalsProjection } from './approvals.projection';
import { balancesProjection } from './balances.projection';
import { historyProjection } from './history.projection';
import { pendingDecisionsProjection } from './pending-decisions.projection';
import { plansProjection } from './plans.projection';
import { reportingProjection } from './reporting.projection';

export * from './approvals.projection';
export * from './balances.projection';
export * from './history.projection';
export * from './pending-decisions.projection';
export * from './plans.projection';
export * from './reporting.projection';
export * from './line-deltas';

/** Every projection the product runs, in the order rebuilds report them. */
export const ALL_PROJECTIONS = [
  balancesProjection,
  historyProjection,
  approvalsProjection,
  plansProjection,
  reportingProjection,
  pendingDecisionsProjection,
] as const;
