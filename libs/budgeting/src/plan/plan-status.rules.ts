import type { Messages } from '../shared/domain-error';
import type { PlanCommand } from './plan.commands';
import { planErrors } from './plan.errors';
import type { ExistingPlan, PlanState } from './plan.state';

/** The plan a command names must be the one in this stream. */
export function requireExisting(state: PlanState, command: PlanCommand): ExistingPlan {
  const { fiscalYear, leadUnit } = command.data;
  if (state.status === 'none' || state.fiscalYear !== fiscalYear || state.leadUnit !== leadUnit) {
    throw planErrors.notFound(fiscalYear, leadUnit);
  }
  return state;
}

/** The plan must exist and be in a state where the command makes sense. */
export function requireStatus(
  state: PlanState,
  command: PlanCommand,
  allowed: readonly ExistingPlan['status'][],
  action: Messages,
): ExistingPlan {
  const plan = requireExisting(state, command);
  if (!allowed.includes(plan.status)) throw planErrors.invalidState(plan.status, action);
  return plan;
}

/** What every plan event says about which plan and version it concerns. */
export function refOf(plan: ExistingPlan, on: string) {
  const { fiscalYear, leadUnit } = plan;
  return { fiscalYear, leadUnit, version: plan.working.version, on };
}
