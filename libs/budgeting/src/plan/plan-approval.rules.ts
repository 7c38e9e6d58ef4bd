import { authorityCovers, type Actor, type Authority } from '../shared/actor';
import { planErrors } from './plan.errors';
import type { PlanVersion } from './plan.state';

/** Segregation of duties: whoever drafted or submitted a version does not decide on it. */
export function requireNotPreparer(version: PlanVersion, actor: Actor): void {
  if (version.preparedBy.includes(actor.userId)) {
    throw planErrors.segregationOfDuties(actor.userId);
  }
}

/**
 * The signer's delegation must cover every part of the plan, for the lead unit, on the
 * approval date: a deputy signs only within the domain the head assigned.
 */
export function requireAuthorityCovers(
  authority: Authority | null,
  actor: Actor,
  version: PlanVersion,
  leadUnit: string,
  on: string,
): Authority {
  if (authority === null) throw planErrors.noAuthority(actor.userId);
  for (const part of version.parts) {
    if (!authorityCovers(authority, part.code, leadUnit, on)) {
      throw planErrors.outsideAuthority(part.code, leadUnit, on);
    }
  }
  return authority;
}
