import type { Role } from './actor';
import type { Messages } from './domain-error';

/**
 * Who may do what, written once per command as data next to its decider (or, for reads
 * and operations, next to the route). `authorize()` (authorization.ts) is the one place
 * that enforces a policy, for every door: the HTTP guard reads `roles` to refuse early,
 * the deciders call `authorize` with the target they decide on, so the CLI and the
 * importer meet the same rules. `authorizationTable()` renders all of them for the README.
 *
 * Scopes:
 * - `own-unit`: officers and accountants (UNIT_ROLES) act on (or see) their unit's things
 *   only; other roles act on every unit's (approvers within their delegation).
 * - `district`: district-wide users only (reference data, closing a year): a user of a
 *   unit role is refused whatever the target.
 * - `delegation`: the approver's delegation in force names the program parts and units,
 *   on the decision's effective date and on the day it is recorded.
 * - `signatory`: the actor's person is registered as a signatory of the target's unit, in
 *   the capacity signed, on the effective date and on the day recorded (the unit's
 *   register of account signatories); a user of a unit role only for their own unit.
 * - `any`: the command or read concerns no unit (the integrity of the whole log).
 */
export type Scope = 'own-unit' | 'district' | 'delegation' | 'signatory' | 'any';

export interface Policy {
  /** The command or read, as the README table names it (`ApproveExpenditure`). */
  readonly name: string;
  readonly kind: 'write' | 'read';
  /** What it does, for refusals: "phê duyệt chi" / "approve an expenditure". */
  readonly action: Messages;
  /** The roles that may. */
  readonly roles: readonly Role[];
  /**
   * Issued by the ledger's own processes (the transfer process, lapses), which act as an
   * administrator (`system:…` ids): no route or CLI command sends it.
   */
  readonly system?: true;
  readonly scope: Scope;
  /** Nobody decides on what they (as a person) proposed, requested or prepared. */
  readonly segregation?: true;
  /** The decision may not take effect before the thing it decides on ("the proposal"). */
  readonly notBefore?: Messages;
  /**
   * The command may take effect after the day it is recorded (an estimate decided in
   * December for 1 January). Every other write is refused when dated in the future.
   */
  readonly takesEffectLater?: true;
  /** Other date rules the decider applies, as the README states them. */
  readonly dates?: Messages;
  /** Where it is reached from (HTTP route, CLI command); for the README table. */
  readonly doors: readonly string[];
}

/** Policies of one aggregate, keyed by command type. */
export type Policies<K extends string> = Readonly<Record<K, Policy>>;

export function policy(p: Policy): Policy {
  return p;
}
