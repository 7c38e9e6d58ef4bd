import type { AuthenticatedUser } from '@app/api-state';
import {
  authorize,
  BUDGET_LINE_POLICIES,
  parseBudgetLineId,
  PLAN_POLICIES,
  SIGNING_CAPACITIES,
  TRANSFER_POLICIES,
  type Policy,
  type Subject,
  type UnitSignatory,
} from '@app/budgeting';
import type { Doc } from '@app/read-models';

/** Why something is in someone's inbox. */
export type InboxReason =
  | 'approve'
  | 'sign_account_holder'
  | 'sign_chief_accountant'
  | 'pay'
  | 'at_treasury'
  | 'treasury_refused'
  | 'decide_transfer'
  | 'decide_plan'
  | 'own';

/** Whether `authorize` would let the user make that decision (nothing is recorded). */
function allowed(user: AuthenticatedUser, policy: Policy, subject: Subject): boolean {
  try {
    authorize(policy, user.actor, { authority: user.authority, ...subject });
    return true;
  } catch {
    return false;
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const maybe = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function preparedBy(doc: Doc): Subject['preparedBy'] {
  return [{ userId: text(doc.askedBy), personId: maybe(doc.askedByPerson) }];
}

/**
 * An expenditure waiting (pendingDecisions document): what the user may do about it
 * today, by the same `authorize` its command runs. A signature or approval takes the
 * proposal's date unless another is typed; a payment, today.
 */
export function expenditureReason(
  user: AuthenticatedUser,
  doc: Doc,
  signatories: readonly UnitSignatory[],
  today: string,
): InboxReason | null {
  const proposedOn = text(doc.on);
  const base: Subject = {
    targets: [{ unit: text(doc.unit), programPart: text(doc.programPart) }],
    recordedOn: today,
    decidedItemOn: proposedOn,
    preparedBy: preparedBy(doc),
  };
  if (doc.status === 'proposed') {
    const decide = { ...base, on: proposedOn };
    if (signatories.length === 0) {
      return allowed(user, BUDGET_LINE_POLICIES.ApproveExpenditure, decide) ? 'approve' : null;
    }
    const signed = Array.isArray(doc.signed) ? doc.signed : [];
    const mine = SIGNING_CAPACITIES.filter((c) => !signed.includes(c)).find((capacity) =>
      allowed(user, BUDGET_LINE_POLICIES.SignExpenditure, {
        ...decide,
        signing: { capacity, signatories },
      }),
    );
    return mine ? (`sign_${mine}` as const) : null;
  }
  if (user.actor.role !== 'accountant') return null;
  if (!allowed(user, BUDGET_LINE_POLICIES.DisburseExpenditure, { ...base, on: today })) return null;
  if (doc.status === 'sent') return 'at_treasury';
  if (doc.status !== 'approved') return null;
  return doc.treasuryAnswer === 'refused_kept' ? 'treasury_refused' : 'pay';
}

function lineTarget(id: string | null): { unit: string; programPart: string }[] {
  if (id === null) return [];
  try {
    const key = parseBudgetLineId(id);
    return [{ unit: key.unit, programPart: key.programPart }];
  } catch {
    return [];
  }
}

/** A transfer requested: both its lines, dated on the request (the decision's default). */
export function mayDecideTransfer(user: AuthenticatedUser, doc: Doc, today: string): boolean {
  const requestedOn = text(doc.on);
  return allowed(user, TRANSFER_POLICIES.ApproveTransfer, {
    targets: [...lineTarget(maybe(doc.budgetLineId)), ...lineTarget(maybe(doc.fromLine))],
    on: requestedOn,
    recordedOn: today,
    decidedItemOn: requestedOn,
    preparedBy: preparedBy(doc),
  });
}

/** A plan submitted: every part of it and its lead unit, not before its submission. */
export function mayDecidePlan(user: AuthenticatedUser, doc: Doc, today: string): boolean {
  const unit = text(doc.unit);
  const parts = Array.isArray(doc.parts) ? doc.parts.filter((p) => typeof p === 'string') : [];
  const preparers = Array.isArray(doc.preparers) ? doc.preparers : [];
  const submittedOn = text(doc.on);
  return allowed(user, PLAN_POLICIES.ApprovePlan, {
    targets: parts.length > 0 ? parts.map((programPart) => ({ unit, programPart })) : [{ unit }],
    on: submittedOn,
    recordedOn: today,
    decidedItemOn: submittedOn,
    preparedBy: preparers.map((p) => {
      const o = (p ?? {}) as Record<string, unknown>;
      return { userId: text(o.userId), personId: maybe(o.personId) };
    }),
  });
}
