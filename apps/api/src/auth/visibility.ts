import {
  canSee,
  DomainError,
  parseBudgetLineId,
  READ_POLICIES,
  unitScopeOf,
  type Actor,
} from '@app/budgeting';

/**
 * Who sees which lines, plans and approvals: the read policies (libs/budgeting
 * read.policy.ts). Officers and accountants see only their unit's; approvers, auditors
 * and admins see every unit's (see UNIT_ROLES).
 * @returns the only unit the actor may see, or null for all units
 */
export function visibleUnit(actor: Actor): string | null {
  return unitScopeOf(actor);
}

export function canSeeLine(actor: Actor, budgetLineId: string): boolean {
  return canSee(READ_POLICIES.GetLine, actor, parseBudgetLineId(budgetLineId).unit);
}

function unitForbidden(actor: Actor, what: { vi: string; en: string }): DomainError {
  return new DomainError('AUTH.UNIT_FORBIDDEN', 'forbidden', {
    vi: `Người dùng thuộc đơn vị ${actor.unit ?? ''} không được xem ${what.vi} của đơn vị khác`,
    en: `A user of unit ${actor.unit ?? ''} may not see another unit's ${what.en}`,
  });
}

export function requireLineVisible(actor: Actor, budgetLineId: string): void {
  if (!canSeeLine(actor, budgetLineId)) {
    throw unitForbidden(actor, { vi: 'dòng ngân sách', en: 'budget lines' });
  }
}

/** A plan belongs to its lead unit: its officers see it, other units' do not. */
export function requirePlanVisible(actor: Actor, leadUnit: string): void {
  if (!canSee(READ_POLICIES.GetPlan, actor, leadUnit)) {
    throw unitForbidden(actor, { vi: 'kế hoạch', en: 'plans' });
  }
}

/** Whether the actor sees things of `unit` (null: belonging to no unit, seen only by those who see all). */
export function canSeeUnit(actor: Actor, unit: string | null): boolean {
  return canSee(READ_POLICIES.GetApprovals, actor, unit);
}

/** Whether the actor sees every unit (district-wide totals may be shown). */
export function seesEverything(actor: Actor): boolean {
  return visibleUnit(actor) === null;
}

/** The unit an approval belongs to: its line's, or its plan's lead unit (`plan:2024-LDTBXH`). */
export function approvalUnit(doc: Readonly<Record<string, unknown>>): string | null {
  if (typeof doc.budgetLineId === 'string') {
    try {
      return parseBudgetLineId(doc.budgetLineId).unit;
    } catch {
      return null;
    }
  }
  const plan = typeof doc.subject === 'string' ? /^plan:\d{4}-(.+)$/.exec(doc.subject) : null;
  return plan?.[1] ?? null;
}
