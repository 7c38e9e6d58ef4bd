import type { Authority } from '../shared/actor';
import { authorize, type Subject } from '../shared/authorization';
import { assertNever, type Decider } from '../shared/decider';
import { requireDate, requireDocumentNumber, requireText } from '../reference/field.validation';
import { decideProgress, requireTargetsCoverProgress } from './output-progress.rules';
import { refOf, requireExisting, requireStatus } from './plan-status.rules';
import { PLAN_POLICIES } from './plan.policy';
import type { PlanCommand } from './plan.commands';
import { totalOf, validatePlanContent } from './plan-content.rules';
import { planErrors } from './plan.errors';
import type { PlanEvent } from './plan.events';
import { evolvePlan, initialPlanState, versionInForce, type PlanState } from './plan.state';

type Command<T extends PlanCommand['type']> = Extract<PlanCommand, { type: T }>;

export function streamIdForPlan(fiscalYear: number, leadUnit: string): string {
  return `plan-${fiscalYear}-${leadUnit}`;
}

function draft(command: Command<'DraftPlan'>, state: PlanState): PlanEvent[] {
  const action = { vi: 'lập kế hoạch', en: 'draft a plan' };
  const on = requireDate(command.on, 'on');
  const { fiscalYear } = command.data;
  if (!Number.isSafeInteger(fiscalYear) || fiscalYear < 2000 || fiscalYear > 2100) {
    throw planErrors.invalidFiscalYear(fiscalYear);
  }
  const leadUnit = requireText(command.data.leadUnit, 'leadUnit');
  // Once approved, a plan changes only by amendment, which cites its decision.
  const redraftable = state.status === 'draft' || state.status === 'rejected';
  if (state.status !== 'none' && (!redraftable || state.approved.length > 0)) {
    throw planErrors.invalidState(state.status, action);
  }
  const content = validatePlanContent(command.data);
  const totalAmount = totalOf(content);
  return [
    {
      type: 'PlanDrafted',
      data: {
        fiscalYear,
        leadUnit,
        version: 1,
        on,
        ...content,
        totalAmount,
        draftedBy: command.actor,
      },
    },
  ];
}

function submit(command: Command<'SubmitPlan'>, state: PlanState): PlanEvent[] {
  const action = { vi: 'trình kế hoạch', en: 'submit the plan' };
  const on = requireDate(command.on, 'on');
  const plan = requireStatus(state, command, ['draft'], action);
  return [{ type: 'PlanSubmitted', data: { ...refOf(plan, on), submittedBy: command.actor } }];
}

function approve(
  command: Command<'ApprovePlan'>,
  state: PlanState,
  covering: Authority,
): PlanEvent[] {
  const action = { vi: 'phê duyệt kế hoạch', en: 'approve the plan' };
  const on = requireDate(command.on, 'on');
  const plan = requireStatus(state, command, ['submitted'], action);
  const number = requireDocumentNumber(command.data.number, 'number').text;
  const issuedOn = requireDate(command.data.issuedOn, 'issuedOn');
  const { working } = plan;
  return [
    {
      type: 'PlanApproved',
      data: {
        ...refOf(plan, on),
        number,
        issuedOn,
        totalAmount: totalOf(working),
        legalBasis: working.legalBasis,
        approvedBy: command.actor,
        authority: covering,
      },
    },
  ];
}

function reject(command: Command<'RejectPlan'>, state: PlanState): PlanEvent[] {
  const action = { vi: 'từ chối kế hoạch', en: 'reject the plan' };
  const on = requireDate(command.on, 'on');
  const plan = requireStatus(state, command, ['submitted'], action);
  const reason = requireText(command.data.reason, 'reason');
  return [
    { type: 'PlanRejected', data: { ...refOf(plan, on), reason, rejectedBy: command.actor } },
  ];
}

function amend(command: Command<'AmendPlan'>, state: PlanState): PlanEvent[] {
  const action = { vi: 'điều chỉnh kế hoạch', en: 'amend the plan' };
  const on = requireDate(command.on, 'on');
  const plan = requireStatus(state, command, ['approved', 'draft', 'rejected'], action);
  const inForce = versionInForce(plan);
  if (inForce === null) throw planErrors.invalidState(plan.status, action);
  if (
    typeof command.data.amendingDecision !== 'string' ||
    command.data.amendingDecision.trim() === ''
  ) {
    throw planErrors.amendingDecisionRequired();
  }
  const amendingDecision = requireDocumentNumber(
    command.data.amendingDecision,
    'amendingDecision',
  ).text;
  const reason = requireText(command.data.reason, 'reason');
  const content = validatePlanContent({
    title: inForce.title,
    legalBasis: [...new Set([...inForce.legalBasis, amendingDecision])],
    fundingDecisions: command.data.fundingDecisions ?? inForce.fundingDecisions,
    parts: command.data.parts,
    activities: command.data.activities,
  });
  requireTargetsCoverProgress(content, plan.progress);
  return [
    {
      type: 'PlanAmendmentDrafted',
      data: {
        ...refOf(plan, on),
        version: inForce.version + 1,
        amendsVersion: inForce.version,
        amendingDecision,
        reason,
        ...content,
        totalAmount: totalOf(content),
        draftedBy: command.actor,
      },
    },
  ];
}

function reportProgress(command: Command<'ReportOutputProgress'>, state: PlanState): PlanEvent[] {
  const action = { vi: 'báo cáo kết quả thực hiện', en: 'report output progress' };
  const on = requireDate(command.on, 'on');
  const plan = requireExisting(state, command);
  const inForce = versionInForce(plan);
  if (inForce === null) throw planErrors.invalidState(plan.status, action);
  const { activityId, outputId } = command.data;
  const progress = decideProgress(
    inForce,
    plan.progress,
    activityId,
    outputId,
    command.data.progress,
  );
  if (progress === null) return [];
  return [
    {
      type: 'OutputProgressReported',
      data: {
        ...refOf(plan, on),
        version: inForce.version,
        activityId,
        outputId,
        progress,
        reportedBy: command.actor,
      },
    },
  ];
}

/** The plan's lead unit and, for decisions on it, its parts, preparers and submission date. */
function subjectOf(command: PlanCommand, state: PlanState): Subject {
  const unit = command.data.leadUnit;
  const base = {
    targets: [{ unit }],
    on: command.on,
    recordedOn: command.recordedOn ?? command.on,
  };
  if (command.type !== 'ApprovePlan' && command.type !== 'RejectPlan') return base;
  const working = state.status === 'none' ? null : state.working;
  const parts = working?.parts ?? [];
  return {
    ...base,
    ...(parts.length > 0 ? { targets: parts.map((p) => ({ unit, programPart: p.code })) } : {}),
    // An approval names its delegation or null; a rejection may leave it out: both read as null.
    authority: command.data.authority ?? null,
    decidedItemOn: working?.submittedOn ?? null,
    preparedBy: working?.preparers ?? [],
  };
}

export const planDecider: Decider<PlanCommand, PlanEvent, PlanState> = {
  name: 'plan@1',
  initialState: initialPlanState,
  evolve: evolvePlan,
  decide(command, state) {
    const authority = authorize(
      PLAN_POLICIES[command.type],
      command.actor,
      subjectOf(command, state),
    );
    switch (command.type) {
      case 'DraftPlan':
        return draft(command, state);
      case 'SubmitPlan':
        return submit(command, state);
      case 'ApprovePlan':
        return approve(command, state, authority as Authority);
      case 'RejectPlan':
        return reject(command, state);
      case 'AmendPlan':
        return amend(command, state);
      case 'ReportOutputProgress':
        return reportProgress(command, state);
      default:
        return assertNever(command);
    }
  },
};

export type { PlanCommand } from './plan.commands';
export type { PlanEvent } from './plan.events';
export type { PlanState } from './plan.state';
