import type { RecordedEvent } from '@app/event-store';
import type { Doc, DocumentValue, Write } from '../document-store.port';
import type { DocLookup, DocRef, Projection } from '../projection';
import { actorOf, optStr, str, strings, text } from './event-fields';
import { positionKey } from './line-deltas';

export const APPROVALS = 'approvals';
/** What was asked, by whom: kept so each decision can name its asker. */
export const APPROVAL_SUBJECTS = 'approvalSubjects';

const ASKS = new Set([
  'ExpenditureProposed',
  'TransferRequested',
  'PlanSubmitted',
  'PlanDrafted',
  'PlanAmendmentDrafted',
]);
const DECISIONS = new Set([
  'ExpenditureApproved',
  'ExpenditureRejected',
  'TransferApproved',
  'TransferRejected',
  'PlanApproved',
  'PlanRejected',
]);

function subjectId(event: RecordedEvent): string {
  if (event.type.startsWith('Expenditure')) return `expenditure:${str(event, 'expenditureId')}`;
  if (event.type.startsWith('Transfer')) return `transfer:${str(event, 'transferId')}`;
  return `plan:${text(event, 'fiscalYear')}-${str(event, 'leadUnit')}`;
}

function actorField(event: RecordedEvent, field: string): DocumentValue {
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

function subjectDoc(event: RecordedEvent, previous: Doc | null): Doc {
  const id = subjectId(event);
  const askedBy = actorOf(event);
  switch (event.type) {
    case 'ExpenditureProposed':
      return {
        id,
        kind: 'expenditure',
        askedBy,
        what: str(event, 'description'),
        amount: str(event, 'amount'),
        budgetLineId: str(event, 'budgetLineId'),
        category: str(event, 'category'),
        payee: str(event, 'payee'),
      };
    case 'TransferRequested':
      return {
        id,
        kind: 'transfer',
        askedBy,
        what: `${str(event, 'kind')}: ${optStr(event, 'fromLine') ?? '—'} → ${str(event, 'toLine')}`,
        amount: str(event, 'amount'),
        budgetLineId: str(event, 'toLine'),
        decision: str(event, 'decision'),
      };
    default:
      // Plans: the latest draft names what is asked; the submission names who asks.
      return {
        ...(previous ?? { id, kind: 'plan', budgetLineId: null }),
        id,
        kind: 'plan',
        ...(typeof event.data.title === 'string' ? { what: event.data.title } : {}),
        ...(typeof event.data.totalAmount === 'string' ? { amount: event.data.totalAmount } : {}),
        askedBy:
          event.type === 'PlanSubmitted'
            ? actorField(event, 'submittedBy')
            : (previous?.askedBy ?? actorField(event, 'draftedBy')),
      };
  }
}

/**
 * The approval trail: every decision on an expenditure, a transfer or a plan — what,
 * asked by whom, decided by whom, in what capacity, when (both dates), on what basis.
 */
export const approvalsProjection: Projection = {
  name: 'approvals',
  version: 1,
  collections: {
    [APPROVALS]: [['decidedById'], ['effectiveDate']],
    [APPROVAL_SUBJECTS]: [],
  },
  handles: new Set([...ASKS, ...DECISIONS]),
  reads: (event): DocRef[] => [{ collection: APPROVAL_SUBJECTS, id: subjectId(event) }],
  evolve(lookup: DocLookup, event: RecordedEvent): Write[] {
    const id = subjectId(event);
    const subject = lookup(APPROVAL_SUBJECTS, id);
    if (ASKS.has(event.type))
      return [{ op: 'put', collection: APPROVAL_SUBJECTS, doc: subjectDoc(event, subject) }];
    const decidedBy = event.type.startsWith('Plan')
      ? actorField(event, event.type === 'PlanApproved' ? 'approvedBy' : 'rejectedBy')
      : actorOf(event);
    const authority = event.data.authority;
    const capacity =
      authority && typeof authority === 'object' && !Array.isArray(authority) ? authority : null;
    const doc: Doc = {
      id: event.id,
      subject: id,
      kind: (subject?.kind as string | undefined) ?? id.split(':')[0] ?? '',
      decision: event.type.endsWith('Approved') ? 'approved' : 'rejected',
      what: subject?.what ?? null,
      amount: optStr(event, 'amount') ?? (subject?.amount as string | undefined) ?? null,
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
        ...strings(event, 'legalBasis'),
        ...(optStr(event, 'number') ? [str(event, 'number')] : []),
        ...(typeof subject?.decision === 'string' ? [subject.decision] : []),
      ],
      reason: optStr(event, 'reason'),
    };
    return [{ op: 'put', collection: APPROVALS, doc }];
  },
};
