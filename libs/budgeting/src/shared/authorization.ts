import { authorityCovers, personOf, unitScopeOf, type Actor, type Authority } from './actor';
import { formatVietnameseDate } from './dates';
import { DomainError } from './domain-error';
import type { Policy } from './policy';
import {
  CAPACITY_LABELS,
  signatoryOn,
  type SigningCapacity,
  type UnitSignatory,
} from '../reference/signatory';

/** What a command acts on, as its decider knows it. */
export interface Subject {
  /** The units (and program parts) concerned: a line's, both lines of a transfer, a plan's parts. */
  readonly targets?: readonly { readonly unit: string | null; readonly programPart?: string }[];
  /** The business date the command takes effect on. */
  readonly on?: string;
  /** The business day the command is recorded (made) on: a delegation must be in force then too. */
  readonly recordedOn?: string;
  /** The approver's delegation in force on `on` (null: none). */
  readonly authority?: Authority | null;
  /** The effective date of what is decided on (the proposal, the request, the submission). */
  readonly decidedItemOn?: string | null;
  /** Who proposed, requested or prepared what is decided on. */
  readonly preparedBy?: readonly { readonly userId: string; readonly personId?: string | null }[];
  /** A signature: the capacity signed in and the target unit's register of signatories. */
  readonly signing?: {
    readonly capacity: SigningCapacity;
    readonly signatories: readonly UnitSignatory[];
  };
}

/** The ids of the ledger's own processes (`system:transfers`): no user may be registered so. */
export const SYSTEM_ACTOR_PREFIX = 'system:';

function forbidden(code: string, vi: string, en: string, details: Record<string, string> = {}) {
  return new DomainError(code, 'forbidden', { vi, en }, details);
}

function requireRoleOf(policy: Policy, actor: Actor): void {
  if (policy.roles.includes(actor.role)) return;
  const needs = policy.roles.join(', ');
  throw forbidden(
    'AUTH.ROLE_FORBIDDEN',
    `Vai trò ${actor.role} không được ${policy.action.vi} (cần: ${needs})`,
    `Role ${actor.role} may not ${policy.action.en} (needs: ${needs})`,
    { role: actor.role, allowed: needs, action: policy.action.en },
  );
}

function requireUnits(policy: Policy, actor: Actor, subject: Subject): void {
  const own = unitScopeOf(actor);
  if (policy.scope === 'district' && own !== null) {
    throw forbidden(
      'AUTH.UNIT_FORBIDDEN',
      `Chỉ người dùng cấp huyện được ${policy.action.vi}; bạn làm việc cho đơn vị ${own}`,
      `Only district-wide users may ${policy.action.en}; you work for unit ${own}`,
      { unit: own },
    );
  }
  if ((policy.scope !== 'own-unit' && policy.scope !== 'signatory') || own === null) return;
  const other = (subject.targets ?? []).find((t) => t.unit !== own);
  if (other) {
    throw forbidden(
      'AUTH.UNIT_FORBIDDEN',
      `Người dùng thuộc đơn vị ${own} không được ${policy.action.vi} của đơn vị ${other.unit ?? '(không có)'}`,
      `A user of unit ${own} may not ${policy.action.en} of unit ${other.unit ?? '(none)'}`,
      { unit: other.unit ?? '' },
    );
  }
}

/** A target with no unit (a plan, a whole year) names none: no "unit ," in the message. */
function outside(part: string, unit: string, on: string, why: string): DomainError {
  return forbidden(
    'AUTH.OUTSIDE_DELEGATION',
    `Người phê duyệt không có thẩm quyền được ủy quyền cho ${part || 'kế hoạch'}${unit ? `, đơn vị ${unit}` : ''}, ngày ${formatVietnameseDate(on)}${why ? ` (${why})` : ''}`,
    `The approver has no delegated authority over ${part || 'the plan'}${unit ? `, unit ${unit}` : ''}, on ${on}${why ? ` (${why})` : ''}`,
    { field: 'authority', ...(part ? { programPart: part } : {}), ...(unit ? { unit } : {}), on },
  );
}

/**
 * The delegation must cover every target on the effective date and on the day the
 * decision is recorded: a delegation that ended cannot be used today by back-dating, nor
 * one that starts later by dating ahead.
 */
function requireDelegation(subject: Subject): Authority {
  const on = subject.on ?? '';
  const days = decisionDays(subject);
  const targets = subject.targets ?? [];
  const authority = subject.authority ?? null;
  const first = targets[0];
  if (!authority) throw outside(first?.programPart ?? '', first?.unit ?? '', on, '');
  for (const { day, why } of days) {
    // No target known (it does not exist): only the delegation's dates can be judged.
    const inForce = { ...authority, programParts: [], units: [] };
    if (targets.length === 0 && !authorityCovers(inForce, '', '', day))
      throw outside('', '', day, why);
    for (const t of targets) {
      const part = t.programPart ?? '';
      const unit = t.unit ?? '';
      if (!authorityCovers(authority, part, unit, day)) throw outside(part, unit, day, why);
    }
  }
  return authority;
}

/** The days a decision must be covered on: its effective date and the day it is recorded. */
function decisionDays(subject: Subject): { day: string; why: string }[] {
  const on = subject.on ?? '';
  return [
    { day: on, why: '' },
    ...(subject.recordedOn && subject.recordedOn !== on
      ? [{ day: subject.recordedOn, why: 'ngày ghi sổ / the day recorded' }]
      : []),
  ];
}

/**
 * The actor's person must be registered to sign for the target's unit in the capacity,
 * on the effective date and on the day recorded (as a delegation must be in force).
 */
function requireSignatory(actor: Actor, subject: Subject): void {
  const signing = subject.signing;
  const unit = subject.targets?.[0]?.unit ?? '';
  const capacity = signing?.capacity ?? 'account_holder';
  for (const { day, why } of decisionDays(subject)) {
    if (signing && signatoryOn(signing.signatories, personOf(actor), capacity, day)) continue;
    const label = CAPACITY_LABELS[capacity];
    const note = why ? ` (${why})` : '';
    throw forbidden(
      'SIGNATORY.NOT_REGISTERED',
      `${actor.name} không được đăng ký ký với tư cách ${label.vi} của đơn vị ${unit} vào ngày ${formatVietnameseDate(day)}${note}`,
      `${actor.name} is not registered to sign as ${label.en} for unit ${unit} on ${day}${note}`,
      { field: 'capacity', capacity, unit, on: day },
    );
  }
}

function requireSegregated(policy: Policy, actor: Actor, subject: Subject): void {
  const me = personOf(actor);
  const same = (subject.preparedBy ?? []).find(
    (p) => p.userId === actor.userId || personOf(p) === me,
  );
  if (same) {
    throw forbidden(
      'AUTH.SEGREGATION_OF_DUTIES',
      `Không được ${policy.action.vi} việc do chính mình (hoặc tài khoản khác của mình) đề nghị, lập hoặc trình`,
      `Nobody may ${policy.action.en} what they (or another account of theirs) proposed, requested or prepared`,
      { userId: same.userId },
    );
  }
}

function requireNotBefore(policy: Policy, subject: Subject): void {
  const item = subject.decidedItemOn;
  const on = subject.on;
  if (!policy.notBefore || !item || !on || on >= item) return;
  throw new DomainError(
    'DATE.BEFORE_DECIDED_ITEM',
    'rule',
    {
      vi: `effectiveDate: quyết định ngày ${formatVietnameseDate(on)} không được trước ${policy.notBefore.vi} (ngày ${formatVietnameseDate(item)})`,
      en: `effectiveDate: a decision dated ${on} may not precede ${policy.notBefore.en} (dated ${item})`,
    },
    { field: 'effectiveDate', effectiveDate: on, notBefore: item },
  );
}

/** What happened cannot be recorded before it happens: no effective date after the day recorded. */
function requireNotFuture(policy: Policy, subject: Subject): void {
  const { on, recordedOn } = subject;
  if (policy.takesEffectLater || policy.system || !on || !recordedOn || on <= recordedOn) return;
  throw new DomainError(
    'DATE.IN_FUTURE',
    'rule',
    {
      vi: `effectiveDate: ngày ${formatVietnameseDate(on)} còn ở tương lai so với ngày ghi sổ ${formatVietnameseDate(recordedOn)}: không ${policy.action.vi} trước khi việc đó xảy ra`,
      en: `effectiveDate: ${on} is in the future of the day recorded, ${recordedOn}: one may not ${policy.action.en} ahead of time`,
    },
    { field: 'effectiveDate', effectiveDate: on, recordedOn },
  );
}

/**
 * What can be judged of the actor alone, before any target is known: the role, and a
 * district-wide policy's refusal of users who belong to a unit. The HTTP guard calls it,
 * so operations without a decider (rebuilds, checkpoints) hold to their policy too.
 */
export function authorizeActor(policy: Policy, actor: Actor): void {
  requireRoleOf(policy, actor);
  requireUnits(policy, actor, {});
}

/**
 * The one place a policy is enforced: role, unit scope, delegation on both days,
 * segregation of duties, a decision never dated before what it decides on, nor after the
 * day it is recorded. Returns
 * the delegation the decision is made under (null for commands that need none).
 */
export function authorize(policy: Policy, actor: Actor, subject: Subject = {}): Authority | null {
  requireRoleOf(policy, actor);
  requireUnits(policy, actor, subject);
  const authority = policy.scope === 'delegation' ? requireDelegation(subject) : null;
  if (policy.scope === 'signatory') requireSignatory(actor, subject);
  if (policy.segregation) requireSegregated(policy, actor, subject);
  requireNotBefore(policy, subject);
  requireNotFuture(policy, subject);
  return authority;
}

/** Whether a read of things of `unit` is within the policy's scope for the actor. */
export function canSee(policy: Policy, actor: Actor, unit: string | null): boolean {
  if (!policy.roles.includes(actor.role)) return false;
  const own = unitScopeOf(actor);
  return policy.scope !== 'own-unit' || own === null || own === unit;
}
