export { planDecider, streamIdForPlan } from './plan.decider';
export type { PlanCommand, PlanCommandType, ProgressInput } from './plan.commands';
export type { PlanEvent, ProgressReported } from './plan.events';
export {
  initialPlanState,
  versionInForce,
  type OutputProgress,
  type PlanApproval,
  type PlanState,
  type PlanStatus,
  type PlanVersion,
} from './plan.state';
export {
  ACTIVITY_CATEGORIES,
  OUTPUT_UNITS,
  type ActivityCategory,
  type ActivityInput,
  type OutputUnit,
  type PlanContent,
  type PlannedActivity,
  type PlannedOutput,
  type ProgramPart,
} from './plan.types';
export { planTotals, versionTotals, type PartTotals, type PlanTotals } from './plan-totals';
export {
  activitySpendingDecider,
  activitySpendingStreamId,
  fundingActivity,
  type ActivitySpendingCommand,
  type ActivitySpendingEvent,
  type ActivitySpendingState,
  type PlanActivityRef,
} from './activity-spending.decider';
export { fundingErrors } from './activity-spending.errors';
export { partCovers, requireActivityNamed, versionInForceOn } from './plan-in-force';
