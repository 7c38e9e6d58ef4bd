import { authorityCovers, type Actor, type Authority, type Role } from './actor';
import { DomainError } from './domain-error';

/** Role rules live in the domain too, so the CLI and the importer obey them as the API does. */
export function requireRole(
  actor: Actor,
  roles: readonly Role[],
  action: { vi: string; en: string },
): void {
  if (!roles.includes(actor.role)) {
    throw new DomainError(
      'AUTH.ROLE_FORBIDDEN',
      'forbidden',
      {
        vi: `Vai trò ${actor.role} không được ${action.vi} (cần: ${roles.join(', ')})`,
        en: `Role ${actor.role} may not ${action.en} (needs: ${roles.join(', ')})`,
      },
      { role: actor.role },
    );
  }
}

/** A user of one unit acts only on that unit's lines; district-wide users (unit null) on all. */
export function requireUnit(actor: Actor, unit: string): void {
  if (actor.unit !== null && actor.unit !== unit) {
    throw new DomainError('AUTH.UNIT_FORBIDDEN', 'forbidden', {
      vi: `Người dùng thuộc đơn vị ${actor.unit} không được thao tác trên dòng ngân sách của đơn vị ${unit}`,
      en: `A user of unit ${actor.unit} may not act on unit ${unit}'s lines`,
    });
  }
}

/** Nobody approves what they proposed or requested. */
export function requireSegregation(actor: Actor, proposedBy: string): void {
  if (actor.userId === proposedBy) {
    throw new DomainError('AUTH.SEGREGATION_OF_DUTIES', 'forbidden', {
      vi: 'Không được tự phê duyệt khoản do chính mình đề nghị',
      en: 'Nobody may approve or reject what they proposed or requested',
    });
  }
}

/** The approver's delegation must cover the program part, the unit and the business date. */
export function requireAuthority(
  authority: Authority | null,
  programPart: string,
  unit: string,
  onDate: string,
): Authority {
  if (!authority || !authorityCovers(authority, programPart, unit, onDate)) {
    throw new DomainError(
      'AUTH.OUTSIDE_DELEGATION',
      'forbidden',
      {
        vi: `Người phê duyệt không có thẩm quyền được ủy quyền cho ${programPart}, đơn vị ${unit}, ngày ${onDate}`,
        en: `The approver has no delegated authority over ${programPart}, unit ${unit}, on ${onDate}`,
      },
      { programPart, unit, onDate },
    );
  }
  return authority;
}
