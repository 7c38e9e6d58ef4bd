import {
  CAPACITY_LABELS,
  type BudgetLineEvent,
  type PlanEvent,
  type TransferEvent,
} from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import type { Doc, DocumentValue, Write } from '../document-store.port';
import type { DocLookup, DocRef, Projection } from '../projection';
import {
  actorOf,
  lineEventOf,
  optStr,
  signatureDoc,
  storedAs,
  str,
  strings,
  text,
  type FieldOf,
} from './event-fields';
import { positionKey } from './line-deltas';
import { treasuryFields } from './treasury-fields';

export const APPROVALS = 'approvals';
/** What was asked, by whom: kept so each decision can name its asker. */
export const APPROVAL_SUBJECTS = 'approvalSubjects';

/** The events of an approval, by the domain's own unions: a renamed event or field fails here. */
type Approval = BudgetLineEvent | TransferEvent | PlanEvent;

const ASK_TYPES = [
  'ExpenditureProposed',
  'TransferRequested',
  'PlanSubmitted',
  'PlanDrafted',
  'PlanAmendmentDrafted',
] as const satisfies readonly Approval['type'][];
/** What is asked: the first event of an approval's subject. */
type Ask = Extract<Approval, { type: (typeof ASK_TYPES)[number] }>;
const ASKS: ReadonlySet<string> = new Set(ASK_TYPES);
const DECISIONS: ReadonlySet<string> = new Set<Approval['type']>([
  'ExpenditureSigned',
  'ExpenditureApproved',
  'ExpenditureRejected',
  'TransferApproved',
  'TransferRejected',
  'PlanApproved',
  'PlanRejected',
]);
/** The payment at the Treasury: the dossier sent (kept on the subject), the Treasury's answer. */
const TREASURY: ReadonlySet<string> = new Set<BudgetLineEvent['type']>([
  'ExpenditureSentToTreasury',
  'ExpenditureDisbursed',
  'ExpenditureRefusedByTreasury',
]);
const TREASURY_CAPACITY = 'Kho bạc Nhà nước';

/**
 * The Treasury's answer as a row of the trail: it decides whether the payment is made. The
 * capacity is the Treasury's (with the office the dossier went to); `decidedBy` is who
 * recorded the answer. A payment recorded directly (no dossier) is no decision: no row.
 */
function treasuryWrites(event: RecordedEvent, id: string, subject: Doc | null): Write[] {
  const fields = treasuryFields(event);
  const step = (fields.treasury as { step?: string; office?: string | null } | undefined)?.step;
  if (!step) return [];
  if (step === 'sent') {
    const office = (fields.treasury as { office?: string | null }).office ?? null;
    const base = subject ?? { id, kind: 'expenditure' };
    return [{ op: 'put', collection: APPROVAL_SUBJECTS, doc: { ...base, treasuryOffice: office } }];
  }
  const office = typeof subject?.treasuryOffice === 'string' ? subject.treasuryOffice : null;
  const decidedBy = actorOf(event);
  const doc: Doc = {
    id: event.id,
    subject: id,
    kind: 'expenditure',
    decision: step === 'accepted' ? 'treasury_accepted' : 'treasury_refused',
    what: subject?.what ?? null,
    amount: optStr<Approval>(event, 'amount') ?? (subject?.amount as string | undefined) ?? null,
    budgetLineId: (subject?.budgetLineId as string | null | undefined) ?? null,
    askedBy: subject?.askedBy ?? null,
    decidedBy,
    decidedById: decidedBy.id,
    capacity: office ? `${TREASURY_CAPACITY} (${office})` : TREASURY_CAPACITY,
    title: null,
    effectiveDate: event.metadata.effectiveDate,
    recordedAt: event.metadata.recordedAt,
    position: positionKey(event.position),
    legalBasis: [],
    reason: optStr<Approval>(event, 'reason'),
    ...fields,
  };
  return [{ op: 'put', collection: APPROVALS, doc }];
}

function subjectId(event: RecordedEvent): string {
  if (event.type.startsWith('Expenditure'))
    return `expenditure:${str<BudgetLineEvent>(event, 'expenditureId')}`;
  if (event.type.startsWith('Transfer'))
    return `transfer:${str<TransferEvent>(event, 'transferId')}`;
  return `plan:${text<PlanEvent>(event, 'fiscalYear')}-${str<PlanEvent>(event, 'leadUnit')}`;
}

function actorField(event: RecordedEvent, field: FieldOf<PlanEvent>): DocumentValue {
  const value = event.data[field];
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return {
      id: value.userId ?? null,
      name: value.name ?? null,
      role: value.role ?? null,
      unit: value.unit ?? null,
    };
  }
  const fallback = actorOf(event);
  return { id: fallback.id, name: fallback.name, role: fallback.role, unit: fallback.unit };
}

function subjectDoc(recorded: RecordedEvent, previous: Doc | null): Doc {
  const id = subjectId(recorded);
  const askedBy = actorOf(recorded);
  const event = storedAs<Ask>(recorded);
  switch (event.type) {
    case 'ExpenditureProposed': {
      const { description, amount, budgetLineId, category, payee } = event.data;
      return {
        id,
        kind: 'expenditure',
        askedBy,
        what: description,
        amount,
        budgetLineId,
        category,
        payee,
      };
    }
    case 'TransferRequested': {
      const { kind, fromLine, toLine, amount, decision } = event.data;
      const what = `${kind}: ${fromLine ?? '—'} → ${toLine}`;
      return { id, kind: 'transfer', askedBy, what, amount, budgetLineId: toLine, decision };
    }
    case 'PlanSubmitted':
    case 'PlanDrafted':
    case 'PlanAmendmentDrafted': {
      // Plans: the latest draft names what is asked; the submission names who asks.
      const title = optStr<PlanEvent>(recorded, 'title');
      const totalAmount = optStr<PlanEvent>(recorded, 'totalAmount');
      return {
        ...(previous ?? { id, kind: 'plan', budgetLineId: null }),
        id,
        kind: 'plan',
        ...(title !== null ? { what: title } : {}),
        ...(totalAmount !== null ? { amount: totalAmount } : {}),
        askedBy:
          event.type === 'PlanSubmitted'
            ? actorField(recorded, 'submittedBy')
            : (previous?.askedBy ?? actorField(recorded, 'draftedBy')),
      };
    }
  }
}

/**
 * The approval trail: every decision on an expenditure, a transfer or a plan — what,
 * asked by whom, decided by whom, in what capacity, when (both dates), on what basis.
 */
export const approvalsProjection: Projection = {
  name: 'approvals',
  // The Treasury's answers (0.9.0) need no new version: their events are new too.
  version: 1,
  collections: {
    [APPROVALS]: [['decidedById'], ['effectiveDate']],
    [APPROVAL_SUBJECTS]: [],
  },
  handles: new Set([...ASKS, ...DECISIONS, ...TREASURY]),
  reads: (event): DocRef[] => [{ collection: APPROVAL_SUBJECTS, id: subjectId(event) }],
  evolve(lookup: DocLookup, event: RecordedEvent): Write[] {
    const id = subjectId(event);
    const subject = lookup(APPROVAL_SUBJECTS, id);
    if (ASKS.has(event.type))
      return [{ op: 'put', collection: APPROVAL_SUBJECTS, doc: subjectDoc(event, subject) }];
    if (TREASURY.has(event.type)) return treasuryWrites(event, id, subject);
    const decidedBy = event.type.startsWith('Plan')
      ? actorField(event, event.type === 'PlanApproved' ? 'approvedBy' : 'rejectedBy')
      : actorOf(event);
    const line = lineEventOf(event);
    const signed = line.type === 'ExpenditureSigned' ? line.data : null;
    const authority = signed
      ? { capacity: CAPACITY_LABELS[signed.capacity]?.vi ?? signed.capacity, title: signed.title }
      : event.data.authority;
    const capacity =
      authority && typeof authority === 'object' && !Array.isArray(authority) ? authority : null;
    const signatures: Record<string, DocumentValue> =
      line.type === 'ExpenditureApproved' && line.data.signatures
        ? { signatures: line.data.signatures.map(signatureDoc) }
        : signed
          ? { signatures: [signatureDoc(signed)], signingCapacity: signed.capacity }
          : {};
    const doc: Doc = {
      id: event.id,
      subject: id,
      kind: (subject?.kind as string | undefined) ?? id.split(':')[0] ?? '',
      decision: signed ? 'signed' : event.type.endsWith('Approved') ? 'approved' : 'rejected',
      what: subject?.what ?? null,
      amount: optStr<Approval>(event, 'amount') ?? (subject?.amount as string | undefined) ?? null,
      budgetLineId: (subject?.budgetLineId as string | null | undefined) ?? null,
      askedBy: subject?.askedBy ?? null,
      decidedBy,
      decidedById: (decidedBy as { id: string | null }).id,
      capacity: capacity?.capacity ?? null,
      title: capacity?.title ?? null,
      effectiveDate: event.metadata.effectiveDate,
      recordedAt: event.metadata.recordedAt,
      position: positionKey(event.position),
      legalBasis: [
        ...strings<Approval>(event, 'legalBasis'),
        ...(optStr<PlanEvent>(event, 'number') ? [str<PlanEvent>(event, 'number')] : []),
        ...(typeof subject?.decision === 'string' ? [subject.decision] : []),
      ],
      reason: optStr<Approval>(event, 'reason'),
      ...signatures,
    };
    return [{ op: 'put', collection: APPROVALS, doc }];
  },
};
