import type { Money } from '../shared/money';
import { plannedFor, totalOf } from './plan-content.rules';
import type { PlanState, PlanVersion } from './plan.state';

export interface PartTotals {
  readonly code: string;
  readonly name: string;
  readonly budgetAmount: Money;
  readonly plannedAmount: Money;
  /** Budget not yet given to any activity. */
  readonly unplannedAmount: Money;
}

export interface PlanTotals {
  readonly version: number;
  readonly budgetAmount: Money;
  readonly plannedAmount: Money;
  readonly parts: readonly PartTotals[];
}

/** Per-part budget and planned amounts of the latest version (draft or approved); null if none. */
export function planTotals(state: PlanState): PlanTotals | null {
  return state.status === 'none' ? null : versionTotals(state.working);
}

export function versionTotals(version: PlanVersion): PlanTotals {
  const parts = version.parts.map((part) => {
    const plannedAmount = plannedFor(version.activities, part.code);
    const { code, name, budgetAmount } = part;
    return {
      code,
      name,
      budgetAmount,
      plannedAmount,
      unplannedAmount: budgetAmount - plannedAmount,
    };
  });
  return {
    version: version.version,
    budgetAmount: totalOf(version),
    plannedAmount: parts.reduce((sum, p) => sum + p.plannedAmount, 0n),
    parts,
  };
}
