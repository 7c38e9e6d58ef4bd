export const ROLES = ['officer', 'accountant', 'approver', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The person acting, as the bearer token says (never as the request body says). */
export interface Actor {
  readonly userId: string;
  readonly name: string;
  readonly role: Role;
  /** Spending unit code the user belongs to; null for district-wide users. */
  readonly unit: string | null;
  /**
   * The person behind the account, when one person holds several accounts (an officer's
   * and an approver's): segregation of duties compares persons, not only accounts.
   * Absent: the account is its own person.
   */
  readonly personId?: string | null;
}

/**
 * The roles that work for a spending unit: officers and accountants belong to one (a user
 * of these roles is registered only with a unit) and act on and see its things only.
 * Approvers act within their delegation; auditors and administrators are district-wide,
 * whatever unit their account names (the finance office's administrators allocate to
 * every unit).
 */
export const UNIT_ROLES: readonly Role[] = ['officer', 'accountant'];

/** The unit an actor is confined to, or null for a district-wide actor. */
export function unitScopeOf(actor: Actor): string | null {
  return UNIT_ROLES.includes(actor.role) ? actor.unit : null;
}

/** The person an actor (or a recorded proposer) stands for. */
export function personOf(actor: {
  readonly userId: string;
  readonly personId?: string | null;
}): string {
  return actor.personId ?? actor.userId;
}

/**
 * An approver's delegated authority: the capacity they sign in ("KT. Chủ tịch"),
 * what it covers and for which dates. Checked against each approval's business date.
 */
export interface Authority {
  readonly capacity: string;
  readonly title: string;
  /** Program part prefixes covered ("DA7" covers "DA7.TDA1"); empty = all. */
  readonly programParts: readonly string[];
  /** Spending unit codes covered; empty = all. */
  readonly units: readonly string[];
  readonly validFrom: string | null;
  readonly validTo: string | null;
}

export function authorityCovers(
  authority: Authority,
  programPart: string,
  unit: string,
  onDate: string,
): boolean {
  const partOk =
    authority.programParts.length === 0 ||
    authority.programParts.some((p) => programPart === p || programPart.startsWith(`${p}.`));
  const unitOk = authority.units.length === 0 || authority.units.includes(unit);
  const fromOk = authority.validFrom === null || onDate >= authority.validFrom;
  const toOk = authority.validTo === null || onDate <= authority.validTo;
  return partOk && unitOk && fromOk && toOk;
}
