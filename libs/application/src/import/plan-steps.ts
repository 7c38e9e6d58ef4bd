import {
  fold,
  initialPlanState,
  leadAgencyStreamId,
  planDecider,
  streamIdForPlan,
  type Authority,
  type PlanCommand,
  type PlanEvent,
  type PlanState,
} from '@app/budgeting';
import type { DomainEvent } from '../event-codec';
import { DesignateLeadAgencyCommand } from '../joint-work/joint-work.handlers';
import { DecideOnStreamCommand } from '../shared/decide-on-stream';
import { DATA_FILES, type PersonItem, type PlanFile } from './data-set';
import {
  IMPORT_ACTOR,
  actorOf,
  authorityFromLog,
  type ImportStep,
  type StepIo,
} from './import-step';

function draftCommand(plan: PlanFile): Extract<PlanCommand, { type: 'DraftPlan' }> {
  return {
    type: 'DraftPlan',
    actor: IMPORT_ACTOR,
    on: plan.draftedOn,
    data: {
      fiscalYear: plan.fiscalYear,
      leadUnit: plan.leadUnit,
      title: plan.title,
      legalBasis: plan.legalBasis,
      fundingDecisions: plan.fundingDecisions,
      parts: plan.parts.map((p) => ({
        code: p.code,
        name: p.name,
        budgetAmount: BigInt(p.budgetAmount),
      })),
      activities: plan.activities.map((a) => ({
        id: a.id,
        programPart: a.programPart,
        name: a.name,
        category: a.category,
        ...(a.plannedAmount === undefined ? {} : { plannedAmount: BigInt(a.plannedAmount) }),
        ...(a.outputs === undefined ? {} : { outputs: a.outputs }),
      })),
    },
  };
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)));
    }
    return v;
  });
}

/** Whether the plan's working version already says what the draft would. */
function sameDraft(
  state: PlanState,
  command: Extract<PlanCommand, { type: 'DraftPlan' }>,
): boolean {
  if (state.status === 'none') return false;
  let drafted: readonly PlanEvent[];
  try {
    drafted = planDecider.decide(command, initialPlanState);
  } catch {
    return false;
  }
  const event = drafted[0];
  if (event?.type !== 'PlanDrafted') return false;
  const content = ({ title, legalBasis, fundingDecisions, parts, activities }: typeof event.data) =>
    canonical({ title, legalBasis, fundingDecisions, parts, activities });
  return content(event.data) === content({ ...event.data, ...state.working });
}

/** The plan's draft, and its submission and approval when the file says so. */
export function planSteps(plan: PlanFile, people: ReadonlyMap<string, PersonItem>): ImportStep[] {
  const streamId = streamIdForPlan(plan.fiscalYear, plan.leadUnit);
  const answerId = `${plan.fiscalYear}-${plan.leadUnit}`;
  const prefix = `import:plan:${plan.fiscalYear}:${plan.leadUnit}`;
  const ref = { fiscalYear: plan.fiscalYear, leadUnit: plan.leadUnit };
  const item = {
    file: DATA_FILES.plan,
    path: [],
    illustrative: plan.illustrative ?? false,
    streamId,
  } as const;
  const stateOf = (history: readonly DomainEvent[]): PlanState =>
    fold(planDecider, history as readonly PlanEvent[]);
  const send = (step: ImportStep, command: PlanCommand) => (io: StepIo) =>
    io.commands
      .execute(
        new DecideOnStreamCommand(io.context(step), streamId, planDecider, command, answerId),
      )
      .then(() => undefined);

  const draft = draftCommand(plan);
  const draftStep: ImportStep = {
    ...item,
    kind: 'plan_draft',
    commandId: `${prefix}:draft`,
    actor: IMPORT_ACTOR,
    effectiveDate: plan.draftedOn,
    fields: { on: 'draftedOn' },
    // Drafted already (through the API) with this content.
    satisfied: (history) => sameDraft(stateOf(history), draft),
    run: (io) => send(draftStep, draft)(io),
  };
  const steps = [draftStep];
  if (plan.status === 'draft' || plan.submittedOn === undefined) return steps;

  const submittedOn = plan.submittedOn;
  const submit: PlanCommand = {
    type: 'SubmitPlan',
    actor: IMPORT_ACTOR,
    on: submittedOn,
    data: ref,
  };
  const submitStep: ImportStep = {
    ...item,
    kind: 'plan_submission',
    commandId: `${prefix}:submit`,
    actor: IMPORT_ACTOR,
    effectiveDate: submittedOn,
    fields: { on: 'submittedOn' },
    satisfied: (history) => ['submitted', 'approved'].includes(stateOf(history).status),
    run: (io) => send(submitStep, submit)(io),
  };
  steps.push(submitStep);
  const signer = people.get(plan.approval?.approvedBy ?? '');
  if (plan.status !== 'approved' || !signer || !plan.number || !plan.issuedOn) return steps;

  const approvedBy = actorOf(signer);
  const { number, issuedOn } = plan;
  const approve = (authority: Authority | null): PlanCommand => ({
    type: 'ApprovePlan',
    actor: approvedBy,
    on: issuedOn,
    data: { ...ref, number, issuedOn, authority },
  });
  const approvalStep: ImportStep = {
    ...item,
    kind: 'plan_approval',
    illustrative: plan.approval?.illustrative ?? item.illustrative,
    commandId: `${prefix}:approve`,
    actor: approvedBy,
    effectiveDate: issuedOn,
    fields: { on: 'issuedOn', authority: 'approval.approvedBy', userId: 'approval.approvedBy' },
    satisfied: (history) => {
      const state = stateOf(history);
      return state.status === 'approved' && state.working.approval?.number === number;
    },
    run: async (io) => {
      const authority = await authorityFromLog(io.store, approvedBy.userId, issuedOn);
      await send(approvalStep, approve(authority))(io);
    },
  };
  steps.push(approvalStep);
  const lead = plan.leadAgency;
  if (lead) {
    const validFrom = lead.validFrom ?? issuedOn;
    const leadStep: ImportStep = {
      ...item,
      kind: 'lead_agency',
      illustrative: lead.illustrative ?? item.illustrative,
      streamId: leadAgencyStreamId(plan.fiscalYear),
      commandId: `${prefix}:lead-agency`,
      actor: IMPORT_ACTOR,
      effectiveDate: validFrom,
      fields: {
        on: 'leadAgency.validFrom',
        validFrom: 'leadAgency.validFrom',
        validTo: 'leadAgency.validTo',
        unit: 'leadUnit',
        'decision.number': 'number',
        'decision.issuedOn': 'issuedOn',
      },
      // The plan names the lead for its year: under the plan's own number and date.
      run: async (io) => {
        const period = {
          fiscalYear: plan.fiscalYear,
          unit: plan.leadUnit,
          validFrom,
          validTo: lead.validTo ?? null,
          decision: { number, issuedOn },
          note: null, // a data file's notes are for its readers, never recorded
        };
        await io.commands.execute(new DesignateLeadAgencyCommand(io.context(leadStep), period));
      },
    };
    steps.push(leadStep);
  }
  return steps;
}
