import { Injectable } from '@nestjs/common';
import { LedgerClock } from '@app/application';
import type { AuthenticatedUser } from '@app/api-state';
import {
  authorize,
  BUDGET_LINE_POLICIES,
  SIGNING_CAPACITIES,
  type Policy,
  type SigningCapacity,
  type Subject,
} from '@app/budgeting';
import type { Request } from 'express';
import { DashboardSessions, sessionIdOf } from '../dashboard-sessions';
import { ExpenditureReads, type ExpenditureView } from './expenditure-reads';
import { FormReads } from './form-reads';

/** Why an expenditure is in someone's inbox. */
export type InboxReason =
  | 'approve'
  | 'sign_account_holder'
  | 'sign_chief_accountant'
  | 'pay'
  | 'at_treasury'
  | 'treasury_refused'
  | 'own';

export interface InboxItem {
  readonly reason: InboxReason;
  readonly expenditure: ExpenditureView;
}

/**
 * What waits for the user, by the same `authorize` the commands run (role, unit scope,
 * delegation on the proposal's date and today, segregation of duties, the register of
 * signatories): an item shows only if the user's decision would be allowed today.
 * - approver: proposals to approve (single approver) or to sign as account holder;
 * - accountant: proposals to sign as chief accountant; approved and not yet paid; at the
 *   Treasury awaiting its answer; refused by the Treasury and kept to send again;
 * - officer: their own proposals, whatever their state.
 */
@Injectable()
export class Inbox {
  constructor(
    private readonly expenditures: ExpenditureReads,
    private readonly reads: FormReads,
    private readonly clock: LedgerClock,
    private readonly sessions: DashboardSessions,
  ) {}

  async items(user: AuthenticatedUser, fiscalYear?: number): Promise<InboxItem[]> {
    const actor = user.actor;
    if (actor.role === 'auditor' || actor.role === 'admin') return [];
    const year = fiscalYear ?? Number(this.clock.today().slice(0, 4));
    const lines = await this.reads.lines(actor, year);
    const items: InboxItem[] = [];
    for (const line of lines) {
      for (const e of await this.expenditures.ofLine(actor, line.id)) {
        const reason = this.reasonFor(user, e);
        if (reason) items.push({ reason, expenditure: e });
      }
    }
    return items;
  }

  /** What waits for the user's action (their own proposals' states are not counted). */
  async count(user: AuthenticatedUser): Promise<number> {
    return (await this.items(user)).filter((i) => i.reason !== 'own').length;
  }

  /** The count for the header of a page that knows only the request's session. */
  async countFor(req: Request): Promise<number | undefined> {
    const user = await this.sessions.user(sessionIdOf(req));
    return user ? this.count(user) : undefined;
  }

  private reasonFor(user: AuthenticatedUser, e: ExpenditureView): InboxReason | null {
    const actor = user.actor;
    const s = e.state;
    if (actor.role === 'officer') return s.proposedBy === actor.userId ? 'own' : null;
    if (s.status === 'proposed') {
      if (e.signatories.length === 0) {
        return this.allowed(user, BUDGET_LINE_POLICIES.ApproveExpenditure, e) ? 'approve' : null;
      }
      const unsigned = SIGNING_CAPACITIES.filter(
        (c) => !s.signatures.some((g) => g.capacity === c),
      );
      const mine = unsigned.find((c) =>
        this.allowed(user, BUDGET_LINE_POLICIES.SignExpenditure, e, c),
      );
      return mine ? (`sign_${mine}` as const) : null;
    }
    if (actor.role !== 'accountant') return null;
    if (!this.allowed(user, BUDGET_LINE_POLICIES.DisburseExpenditure, e)) return null;
    if (s.status === 'sent') return 'at_treasury';
    if (s.status !== 'approved') return null;
    return s.treasuryAnswer?.outcome === 'refused_kept' ? 'treasury_refused' : 'pay';
  }

  /** Whether `authorize` would let the user decide on it today (nothing is recorded). */
  private allowed(
    user: AuthenticatedUser,
    policy: Policy,
    e: ExpenditureView,
    capacity?: SigningCapacity,
  ): boolean {
    const today = this.clock.today();
    // A signature or approval takes the proposal's date unless another is typed; a payment, today.
    const on = policy === BUDGET_LINE_POLICIES.DisburseExpenditure ? today : e.proposedOn;
    const subject: Subject = {
      targets: [{ unit: e.unit, programPart: e.programPart }],
      on,
      recordedOn: today,
      authority: user.authority,
      decidedItemOn: e.proposedOn,
      preparedBy: [{ userId: e.state.proposedBy, personId: e.state.proposedByPerson }],
      ...(capacity ? { signing: { capacity, signatories: e.signatories } } : {}),
    };
    try {
      authorize(policy, user.actor, subject);
      return true;
    } catch {
      return false;
    }
  }
}
