import { DomainError, parseBudgetLineId, type Actor } from '@app/budgeting';

/**
 * Who sees which lines. Officers and accountants belong to a spending unit and see only
 * that unit's lines (what their unit spends is theirs to see; another unit's is not).
 * Approvers, auditors and admins work district-wide and see every line.
 * @returns the only unit the actor may see, or null for all units
 */
export function visibleUnit(actor: Actor): string | null {
  return (actor.role === 'officer' || actor.role === 'accountant') && actor.unit !== null
    ? actor.unit
    : null;
}

export function canSeeLine(actor: Actor, budgetLineId: string): boolean {
  const unit = visibleUnit(actor);
  return unit === null || parseBudgetLineId(budgetLineId).unit === unit;
}

export function requireLineVisible(actor: Actor, budgetLineId: string): void {
  if (!canSeeLine(actor, budgetLineId)) {
    throw new DomainError('AUTH.UNIT_FORBIDDEN', 'forbidden', {
      vi: `Người dùng thuộc đơn vị ${actor.unit ?? ''} không được xem dòng ngân sách của đơn vị khác`,
      en: `A user of unit ${actor.unit ?? ''} may not see another unit's budget lines`,
    });
  }
}

/** Whether the actor sees things of `unit` (null: belonging to no unit, seen only by those who see all). */
export function canSeeUnit(actor: Actor, unit: string | null): boolean {
  const only = visibleUnit(actor);
  return only === null || only === unit;
}

/** Whether the actor sees every unit (district-wide totals may be shown). */
export function seesEverything(actor: Actor): boolean {
  return visibleUnit(actor) === null;
}
