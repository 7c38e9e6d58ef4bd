import type { ActivitySpendingEvent, BudgetLineEvent, PlanEvent } from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import type { Doc, DocumentValue, Write } from '../document-store.port';
import type { DocLookup, DocRef, Projection } from '../projection';
import { actorOf, lineEventOf, storedAs, str, text, type StoredEvent } from './event-fields';

export const PLANS = 'plans';
/**
 * Which plan activity each expenditure spends on (fiscal year, the plan's lead unit, the
 * activity) and what it holds of it: reserved (pending or approved: what counts against
 * the activity's planned amount), committed (approved) and disbursed.
 */
export const EXPENDITURE_ACTIVITIES = 'expenditureActivities';

// Checked against the domain's unions: a renamed event fails here.
const PLAN_EVENTS: ReadonlySet<string> = new Set<PlanEvent['type']>([
  'PlanDrafted',
  'PlanSubmitted',
  'PlanApproved',
  'PlanRejected',
  'PlanAmendmentDrafted',
  'OutputProgressReported',
]);
const SPENDING_EVENTS = new Set<BudgetLineEvent['type']>([
  'ExpenditureProposed',
  'ExpenditureApproved',
  'ExpenditureRejected',
  'ExpenditureDisbursed',
  'ExpenditureReversed',
  'ExpenditureRefusedByTreasury',
  'AdvanceRecovered',
]);
/** What a recovered advance gave back of its activity's room (the activity's own stream). */
const GIVEN_BACK: ActivitySpendingEvent['type'] = 'ActivitySpendingGivenBack';

function planId(event: RecordedEvent): string {
  return `${text<PlanEvent>(event, 'fiscalYear')}-${str<PlanEvent>(event, 'leadUnit')}`;
}

type Json = Record<string, DocumentValue>;

function asObject(value: DocumentValue | undefined): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

type Drafted = Extract<StoredEvent<PlanEvent>, { type: 'PlanDrafted' | 'PlanAmendmentDrafted' }>;

/** A draft or amendment: the content of the version, outputs with no progress yet. */
function versionContent({ data }: Drafted): Json {
  return {
    version: data.version ?? 1,
    title: data.title ?? null,
    legalBasis: data.legalBasis ?? [],
    fundingDecisions: data.fundingDecisions ?? [],
    totalAmount: data.totalAmount ?? '0',
    parts: data.parts ?? [],
    activities: data.activities ?? [],
  };
}

function evolvePlan(current: Doc | null, recorded: RecordedEvent): Doc {
  const event = storedAs<PlanEvent>(recorded);
  const base: Json = current
    ? { ...current }
    : {
        id: planId(recorded),
        fiscalYear: event.data.fiscalYear ?? null,
        leadUnit: str<PlanEvent>(recorded, 'leadUnit'),
        progress: {},
      };
  const at = { effectiveDate: event.metadata.effectiveDate, recordedAt: event.metadata.recordedAt };
  switch (event.type) {
    case 'PlanDrafted':
      return {
        ...base,
        id: planId(event),
        status: 'draft',
        draft: versionContent(event),
        inForce: base.inForce ?? null,
        draftedAt: at,
      };
    case 'PlanAmendmentDrafted':
      return {
        ...base,
        id: planId(event),
        status: 'amendment_draft',
        draft: {
          ...versionContent(event),
          amendingDecision: event.data.amendingDecision ?? null,
          reason: event.data.reason ?? null,
        },
      };
    case 'PlanSubmitted':
      return {
        ...base,
        id: planId(event),
        status: 'submitted',
        submittedBy: actorOf(event),
        submittedAt: at,
      };
    case 'PlanRejected':
      return {
        ...base,
        id: planId(event),
        status: 'rejected',
        rejection: { reason: event.data.reason ?? null, ...at },
      };
    case 'PlanApproved':
      return {
        ...base,
        id: planId(event),
        status: 'approved',
        inForce: base.draft ?? null,
        draft: null,
        number: event.data.number ?? null,
        issuedOn: event.data.issuedOn ?? null,
        approval: {
          authority: event.data.authority ?? null,
          approvedBy: event.data.approvedBy ?? null,
          ...at,
        },
      };
    case 'OutputProgressReported': {
      const key = `${str<PlanEvent>(recorded, 'activityId')}/${str<PlanEvent>(recorded, 'outputId')}`;
      const progress = asObject(base.progress);
      const reported = asObject(event.data.progress);
      const previous = asObject(progress[key]);
      const next: Json =
        reported.kind === 'commune'
          ? {
              kind: 'commune',
              communes: {
                ...asObject(previous.communes),
                [typeof reported.commune === 'string' ? reported.commune : '']:
                  reported.done ?? false,
              },
            }
          : { kind: 'count', delivered: reported.delivered ?? 0, target: reported.target ?? null };
      return {
        ...base,
        id: planId(event),
        progress: { ...progress, [key]: { ...next, ...at } },
      };
    }
    default:
      return base as Doc;
  }
}

/**
 * The plan view: each plan's version in force (and any draft), its activities and outputs
 * with progress, and what is being spent against each activity.
 */
export const plansProjection: Projection = {
  name: 'plans',
  // 2: links carry the plan's lead unit and what is reserved (0.9.0, plan linkage).
  // 3: what a recovered advance gives back of its activity leaves `reserved`.
  version: 3,
  collections: {
    [PLANS]: [['fiscalYear']],
    [EXPENDITURE_ACTIVITIES]: [
      ['fiscalYear', 'activity'],
      ['fiscalYear', 'leadUnit'],
    ],
  },
  handles: new Set([...PLAN_EVENTS, ...SPENDING_EVENTS, GIVEN_BACK]),
  reads(event): DocRef[] {
    if (PLAN_EVENTS.has(event.type)) return [{ collection: PLANS, id: planId(event) }];
    return [
      { collection: EXPENDITURE_ACTIVITIES, id: str<BudgetLineEvent>(event, 'expenditureId') },
    ];
  },
  evolve(lookup: DocLookup, event: RecordedEvent): Write[] {
    if (PLAN_EVENTS.has(event.type)) {
      return [
        { op: 'put', collection: PLANS, doc: evolvePlan(lookup(PLANS, planId(event)), event) },
      ];
    }
    const expenditureId = str<BudgetLineEvent>(event, 'expenditureId');
    const line = lineEventOf(event);
    if (line.type === 'ExpenditureProposed') {
      const doc = activityLink(line.data);
      return doc ? [{ op: 'put', collection: EXPENDITURE_ACTIVITIES, doc }] : [];
    }
    const link = lookup(EXPENDITURE_ACTIVITIES, expenditureId);
    if (!link) return [];
    if (event.type === GIVEN_BACK) {
      // The cap counts it out (ActivitySpendingGivenBack), so the view's `reserved` does too.
      const reserved = BigInt(typeof link.reserved === 'string' ? link.reserved : '0');
      const back = BigInt(str<ActivitySpendingEvent>(event, 'amount'));
      const doc = { ...link, reserved: (reserved - back).toString() };
      return [{ op: 'put', collection: EXPENDITURE_ACTIVITIES, doc }];
    }
    if (line.type === 'ExpenditureRejected') {
      return [{ op: 'put', collection: EXPENDITURE_ACTIVITIES, doc: { ...link, reserved: '0' } }];
    }
    // Spending per activity is kept on the link and summed by the plan query.
    const committed = BigInt(typeof link.committed === 'string' ? link.committed : '0');
    const disbursed = BigInt(typeof link.disbursed === 'string' ? link.disbursed : '0');
    const next =
      line.type === 'ExpenditureApproved'
        ? { committed: committed + BigInt(line.data.amount), disbursed }
        : line.type === 'ExpenditureDisbursed'
          ? { committed, disbursed: disbursed + BigInt(line.data.amount) }
          : line.type === 'ExpenditureReversed'
            ? {
                committed: committed - BigInt(line.data.committedAmount),
                disbursed: disbursed - BigInt(line.data.disbursedAmount),
              }
            : line.type === 'ExpenditureRefusedByTreasury'
              ? { committed: committed - BigInt(line.data.releasedAmount), disbursed }
              : line.type === 'AdvanceRecovered'
                ? // The unspent part of an advance came back: neither committed nor paid.
                  {
                    committed: committed - BigInt(line.data.amount),
                    disbursed: disbursed - BigInt(line.data.amount),
                  }
                : null;
    if (next === null) return [];
    return [
      {
        op: 'put',
        collection: EXPENDITURE_ACTIVITIES,
        doc: {
          ...link,
          // A reversal gives back all the expenditure held of the activity.
          ...(line.type === 'ExpenditureReversed' ? { reserved: '0' } : {}),
          committed: next.committed.toString(),
          disbursed: next.disbursed.toString(),
        },
      },
    ];
  },
};

/**
 * The link a proposal makes to its activity. Proposals since 0.9.0 record the plan (its
 * lead unit may differ from the line's unit); an older one's free-text activity is read as
 * its own unit's plan's, as it was meant then.
 */
function activityLink(
  data: Extract<StoredEvent<BudgetLineEvent>, { type: 'ExpenditureProposed' }>['data'],
): Doc | null {
  const activity = data.plan?.activityId ?? data.activity;
  if (!activity) return null;
  const lineId = data.budgetLineId ?? '';
  return {
    id: data.expenditureId ?? '',
    activity,
    fiscalYear: Number(lineId.slice(0, 4)),
    leadUnit: data.plan?.leadUnit ?? lineId.split('.').at(-1) ?? '',
    reserved: data.amount ?? '0',
    committed: '0',
    disbursed: '0',
  };
}
