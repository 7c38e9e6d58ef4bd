import type { Actor, Role } from '../shared/actor';
import { DomainError, type Messages } from '../shared/domain-error';

/** The role an action needs comes from the token's actor, never from the request body. */
export function requireRole(actor: Actor, allowed: readonly Role[], action: Messages): void {
  if (!allowed.includes(actor.role)) {
    throw new DomainError(
      'AUTH.FORBIDDEN_ROLE',
      'forbidden',
      {
        vi: `Vai trò ${actor.role} không được ${action.vi} (cần: ${allowed.join(', ')})`,
        en: `Role ${actor.role} may not ${action.en} (needs: ${allowed.join(', ')})`,
      },
      { role: actor.role, allowed: allowed.join(','), action: action.en },
    );
  }
}
