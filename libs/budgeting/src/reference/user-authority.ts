import type { Authority } from '../shared/actor';
import { DomainError } from '../shared/domain-error';
import type { Delegation, UserState } from './user.events';

/*
 * "KT." signs on behalf of the head, "TM." on behalf of a collective body, "TL." and
 * "TUQ." by order or authorisation; the head signs in their own name ("Chủ tịch").
 */
const DELEGATED_CAPACITY = /^(KT|TM|TL|TUQ)\. \S/u;
export const HEAD_CAPACITIES: readonly string[] = ['Chủ tịch'];

export function requireCapacity(capacity: string): string {
  const text = typeof capacity === 'string' ? capacity.trim() : '';
  if (!DELEGATED_CAPACITY.test(text) && !HEAD_CAPACITIES.includes(text)) {
    throw new DomainError(
      'USER.INVALID_CAPACITY',
      'validation',
      {
        vi: `capacity: "${capacity}" phải bắt đầu bằng KT., TM., TL., TUQ. hoặc là "Chủ tịch"`,
        en: `capacity: "${capacity}" must start with KT., TM., TL., TUQ. or be "Chủ tịch"`,
      },
      { field: 'capacity' },
    );
  }
  return text;
}

/** The last day a delegation is in force, revocation included; null = open-ended. */
function lastDay(delegation: Delegation): string | null {
  const { validTo } = delegation.authority;
  const { revokedOn } = delegation;
  if (revokedOn === null) return validTo;
  const dayBefore = new Date(`${revokedOn}T00:00:00Z`);
  dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
  const revokedEnd = dayBefore.toISOString().slice(0, 10);
  return validTo === null || revokedEnd < validTo ? revokedEnd : validTo;
}

export function delegationInForce(delegation: Delegation, date: string): boolean {
  const end = lastDay(delegation);
  return date >= delegation.authority.validFrom && (end === null || date <= end);
}

/** Whether two delegations could both be in force on some day. */
export function delegationsOverlap(a: Delegation, b: Delegation): boolean {
  const aEnd = lastDay(a);
  const bEnd = lastDay(b);
  if (aEnd !== null && aEnd < a.authority.validFrom) return false;
  if (bEnd !== null && bEnd < b.authority.validFrom) return false;
  return (
    (bEnd === null || a.authority.validFrom <= bEnd) &&
    (aEnd === null || b.authority.validFrom <= aEnd)
  );
}

/**
 * The authority an approver signs with on a business date, or null. Delegations of one
 * user never overlap (refused at delegation), so at most one is in force on any day.
 */
export function authorityOn(state: UserState, date: string): Authority | null {
  if (state.status === 'unregistered' || state.profile.role !== 'approver') return null;
  if (state.deactivatedOn !== null && date >= state.deactivatedOn) return null;
  const delegation = state.delegations.find((d) => delegationInForce(d, date));
  return delegation?.authority ?? null;
}

/** Same decision content, ignoring revocation: a replayed delegation is not a new one. */
export function sameDelegation(a: Delegation, b: Delegation): boolean {
  const x = a.authority;
  const y = b.authority;
  return (
    a.delegationId === b.delegationId &&
    x.capacity === y.capacity &&
    x.title === y.title &&
    x.programParts.join('|') === y.programParts.join('|') &&
    x.units.join('|') === y.units.join('|') &&
    x.validFrom === y.validFrom &&
    x.validTo === y.validTo &&
    a.legalBasis.join('|') === b.legalBasis.join('|')
  );
}
