import {
  parseBudgetLineId,
  type BudgetLineEvent,
  type PlanEvent,
  type TransferEvent,
} from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import type { Doc, DocumentValue, Write } from '../document-store.port';
import type { DocLookup, DocRef, Projection } from '../projection';
import {
  lineEventOf,
  storedAs,
  str,
  text,
  type StoredEvent,
  type StoredLineEvent,
} from './event-fields';

export const PENDING_DECISIONS = 'pendingDecisions';

const EXPENDITURE_TYPES = [
  'ExpenditureProposed',
  'ExpenditureSigned',
  'ExpenditureApproved',
  'ExpenditureRejected',
  'ExpenditureSentToTreasury',
  'ExpenditureDisbursed',
  'ExpenditureRefusedByTreasury',
  'ExpenditureReversed',
  'ExpenditureLapsed',
  'LapseCorrected',
] as const satisfies readonly BudgetLineEvent['type'][];
const EXPENDITURE_EVENTS: ReadonlySet<string> = new Set(EXPENDITURE_TYPES);
type ExpenditureEvent = Extract<StoredLineEvent, { type: (typeof EXPENDITURE_TYPES)[number] }>;
const TRANSFER_EVENTS = new Set<TransferEvent['type']>([
  'TransferRequested',
  'TransferApproved',
  'TransferRejected',
]);
const PLAN_TYPES = [
  'PlanDrafted',
  'PlanAmendmentDrafted',
  'PlanSubmitted',
  'PlanApproved',
  'PlanRejected',
] as const satisfies readonly PlanEvent['type'][];
const PLAN_EVENTS: ReadonlySet<string> = new Set(PLAN_TYPES);
type PlanStep = Extract<StoredEvent<PlanEvent>, { type: (typeof PLAN_TYPES)[number] }>;

/** Expenditure statuses someone may act on: sign or approve, pay or send, record the answer. */
const ACTIONABLE: ReadonlySet<string> = new Set(['proposed', 'approved', 'sent']);

function idOf(event: RecordedEvent): string {
  if (EXPENDITURE_EVENTS.has(event.type))
    return `expenditure:${str<BudgetLineEvent>(event, 'expenditureId')}`;
  if (event.type.startsWith('Transfer'))
    return `transfer:${str<TransferEvent>(event, 'transferId')}`;
  return `plan:${text<PlanEvent>(event, 'fiscalYear')}-${str<PlanEvent>(event, 'leadUnit')}`;
}

/**
 * Where a line's item belongs. The log only holds ids the deciders accepted, but a
 * projection must never stall on one it cannot read: such an item is filed under no year.
 */
function placeOf(lineId: string): Record<string, DocumentValue> {
  try {
    const key = parseBudgetLineId(lineId);
    return { fiscalYear: key.fiscalYear, unit: key.unit, programPart: key.programPart };
  } catch {
    return { fiscalYear: null, unit: null, programPart: null };
  }
}

const put = (doc: Doc): Write => ({ op: 'put', collection: PENDING_DECISIONS, doc });
const remove = (id: string): Write => ({ op: 'delete', collection: PENDING_DECISIONS, id });

/** The expenditure's status moved: kept while it may still be acted on (or a lapse undone). */
function withStatus(doc: Doc, status: string, extra: Record<string, DocumentValue> = {}): Write {
  return put({ ...doc, ...extra, status, waiting: ACTIONABLE.has(status) });
}

/**
 * An expenditure as the command side's state has it (budget-line.state.ts), reduced to what
 * `authorize` and the inbox need. Ended ones (rejected, paid, reversed, refused and released)
 * are deleted; a lapsed one stays (not waiting) because a late entry may recommit it.
 */
function evolveExpenditure(id: string, doc: Doc | null, recorded: RecordedEvent): Write[] {
  const event = lineEventOf(recorded) as ExpenditureEvent;
  if (event.type === 'ExpenditureProposed') {
    const d = event.data;
    return [
      put({
        id,
        kind: 'expenditure',
        ...placeOf(d.budgetLineId),
        budgetLineId: d.budgetLineId,
        subjectId: d.expenditureId,
        amount: d.amount,
        what: d.description,
        payee: d.payee,
        on: recorded.metadata.effectiveDate,
        askedBy: d.proposedBy,
        askedByPerson: d.proposedByPerson ?? null,
        status: 'proposed',
        waiting: true,
        signed: [],
        treasuryAnswer: null,
      }),
    ];
  }
  if (!doc) return [];
  switch (event.type) {
    case 'ExpenditureSigned': {
      const signed = Array.isArray(doc.signed) ? doc.signed : [];
      return [put({ ...doc, signed: [...signed, event.data.capacity] })];
    }
    case 'ExpenditureApproved':
      return [withStatus(doc, 'approved')];
    case 'ExpenditureSentToTreasury':
      return [withStatus(doc, 'sent')];
    case 'ExpenditureRefusedByTreasury':
      return event.data.commitment === 'released'
        ? [remove(id)]
        : [withStatus(doc, 'approved', { treasuryAnswer: 'refused_kept' })];
    case 'ExpenditureLapsed':
      return [withStatus(doc, 'lapsed')];
    case 'LapseCorrected':
      return event.data.recommits ? [withStatus(doc, 'approved')] : [];
    case 'ExpenditureRejected':
    case 'ExpenditureDisbursed':
    case 'ExpenditureReversed':
      return [remove(id)];
  }
}

/** A transfer waits from its request to its decision (the process that moves the money follows). */
function evolveTransfer(id: string, recorded: RecordedEvent): Write[] {
  const event = storedAs<TransferEvent>(recorded);
  if (event.type !== 'TransferRequested') return [remove(id)];
  const d = event.data;
  return [
    put({
      id,
      kind: 'transfer',
      ...placeOf(d.toLine),
      budgetLineId: d.toLine,
      fromLine: d.fromLine,
      subjectId: d.transferId,
      transferKind: d.kind,
      amount: d.amount,
      what: d.decision,
      on: recorded.metadata.effectiveDate,
      askedBy: d.requestedBy,
      askedByPerson: d.requestedByPerson ?? null,
      status: 'requested',
      waiting: true,
    }),
  ];
}

type Preparer = { userId: string; personId: string | null };

function preparersOf(doc: Doc | null): Preparer[] {
  return Array.isArray(doc?.preparers) ? (doc.preparers as Preparer[]) : [];
}

/**
 * A plan, kept whatever its status (one per year and lead unit): a redraft of the same
 * version keeps its earlier preparers, who may not decide on it (plan.state.ts).
 */
function evolvePlan(id: string, doc: Doc | null, recorded: RecordedEvent): Write[] {
  const event = storedAs<PlanEvent>(recorded) as PlanStep;
  if (event.type === 'PlanDrafted' || event.type === 'PlanAmendmentDrafted') {
    const d = event.data;
    const same = doc?.version === d.version;
    const preparer = { userId: d.draftedBy.userId, personId: d.draftedBy.personId ?? null };
    return [
      put({
        id,
        kind: 'plan',
        fiscalYear: d.fiscalYear,
        unit: d.leadUnit,
        subjectId: `${d.fiscalYear}/${d.leadUnit}`,
        version: d.version,
        what: d.title,
        amount: d.totalAmount,
        parts: d.parts.map((p) => p.code),
        preparers: [...(same ? preparersOf(doc) : []), preparer],
        on: null,
        status: 'draft',
        waiting: false,
      }),
    ];
  }
  if (!doc) return [];
  switch (event.type) {
    case 'PlanSubmitted': {
      const by = event.data.submittedBy;
      const preparers = [...preparersOf(doc), { userId: by.userId, personId: by.personId ?? null }];
      return [put({ ...doc, preparers, on: event.data.on, status: 'submitted', waiting: true })];
    }
    case 'PlanApproved':
    case 'PlanRejected':
      return [
        put({
          ...doc,
          status: event.type === 'PlanApproved' ? 'approved' : 'rejected',
          waiting: false,
        }),
      ];
  }
}

/**
 * What waits for a decision (the inbox's index): expenditures to sign, approve, send or
 * pay, transfers to decide and plans submitted, each with what the decision's `authorize`
 * needs (units, dates, who prepared it). The header's count reads the waiting documents of
 * a year, not every line: ended items leave the collection.
 */
export const pendingDecisionsProjection: Projection = {
  name: 'pendingDecisions',
  version: 1,
  collections: { [PENDING_DECISIONS]: [['fiscalYear', 'waiting', 'unit']] },
  handles: new Set<string>([...EXPENDITURE_EVENTS, ...TRANSFER_EVENTS, ...PLAN_EVENTS]),
  // A transfer's documents are written whole from its own event: nothing to read.
  reads: (event): DocRef[] =>
    event.type.startsWith('Transfer') ? [] : [{ collection: PENDING_DECISIONS, id: idOf(event) }],
  evolve(lookup: DocLookup, event: RecordedEvent): Write[] {
    const id = idOf(event);
    if (TRANSFER_EVENTS.has(event.type as TransferEvent['type'])) return evolveTransfer(id, event);
    const doc = lookup(PENDING_DECISIONS, id);
    if (PLAN_EVENTS.has(event.type)) return evolvePlan(id, doc, event);
    return evolveExpenditure(id, doc, event);
  },
};
