import type { BudgetLineEvent, PlanEvent } from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import type { Doc, DocumentValue, Write } from '../document-store.port';
import type { DocLookup, DocRef, Projection } from '../projection';
import { actorOf, lineEventOf, storedAs, str, text, type StoredEvent } from './event-fields';

export const PLANS = 'plans';
/** Which activity (and fiscal year) each expenditure spends on. */
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
  'ExpenditureDisbursed',
  'ExpenditureReversed',
  'AdvanceRecovered',
]);

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
  version: 1,
  collections: {
    [PLANS]: [['fiscalYear']],
    [EXPENDITURE_ACTIVITIES]: [['fiscalYear', 'activity']],
  },
  handles: new Set([...PLAN_EVENTS, ...SPENDING_EVENTS]),
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
      const { activity } = line.data;
      if (!activity) return [];
      const fiscalYear = Number(line.data.budgetLineId.slice(0, 4));
      return [
        {
          op: 'put',
          collection: EXPENDITURE_ACTIVITIES,
          doc: { id: expenditureId, activity, fiscalYear },
        },
      ];
    }
    const link = lookup(EXPENDITURE_ACTIVITIES, expenditureId);
    if (!link) return [];
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
          committed: next.committed.toString(),
          disbursed: next.disbursed.toString(),
        },
      },
    ];
  },
};
