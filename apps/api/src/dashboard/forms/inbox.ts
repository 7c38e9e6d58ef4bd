import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { LedgerClock, LineCommands } from '@app/application';
import type { AuthenticatedUser } from '@app/api-state';
import type { UnitSignatory } from '@app/budgeting';
import { GetPendingDecisionsQuery, type Doc } from '@app/read-models';
import type { Request } from 'express';
import { DashboardSessions, sessionIdOf } from '../dashboard-sessions';
import { visibleUnit } from '../../auth/visibility';
import { ExpenditureReads, type ExpenditureView } from './expenditure-reads';
import { FormReads } from './form-reads';
import {
  expenditureReason,
  mayDecidePlan,
  mayDecideTransfer,
  type InboxReason,
} from './inbox-rules';

export type { InboxReason } from './inbox-rules';

/** One thing in someone's inbox, whatever it is (an expenditure, a transfer, a plan). */
export interface InboxItem {
  readonly reason: InboxReason;
  readonly kind: 'expenditure' | 'transfer' | 'plan';
  /** Its id: the expenditure's, the transfer's, or the plan's `year/unit`. */
  readonly subject: string;
  /** The page to act on it. */
  readonly path: string;
  /** The expenditure's status, `requested` (transfer) or `submitted` (plan). */
  readonly status: string;
  readonly amount: bigint | null;
  readonly what: string;
  /** The budget line (expenditure, transfer's destination) or the plan's lead unit. */
  readonly where: string;
  /** The proposal's, request's or submission's date. */
  readonly on: string | null;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function amountOf(doc: Doc): bigint | null {
  return typeof doc.amount === 'string' && /^-?\d+$/.test(doc.amount) ? BigInt(doc.amount) : null;
}

function pendingItem(doc: Doc, reason: InboxReason): InboxItem {
  const kind = doc.kind === 'transfer' ? 'transfer' : doc.kind === 'plan' ? 'plan' : 'expenditure';
  const subject = str(doc.subjectId);
  const path =
    kind === 'plan'
      ? `/plans/${subject}`
      : kind === 'transfer'
        ? `/transfers/${subject}`
        : `/expenditures/${subject}`;
  return {
    reason,
    kind,
    subject,
    path,
    status: str(doc.status),
    amount: amountOf(doc),
    what: str(doc.what),
    where: kind === 'plan' ? str(doc.unit) : str(doc.budgetLineId),
    on: typeof doc.on === 'string' ? doc.on : null,
  };
}

function ownItem(e: ExpenditureView): InboxItem {
  return {
    reason: 'own',
    kind: 'expenditure',
    subject: e.id,
    path: `/expenditures/${e.id}`,
    status: e.state.status,
    amount: e.state.amount,
    what: e.description,
    where: e.lineId,
    on: e.proposedOn || null,
  };
}

/**
 * What waits for the user, by the same `authorize` the commands run (role, unit scope,
 * delegation on the item's date and today, segregation of duties, the register of
 * signatories): an item shows only if the user's decision would be allowed today.
 * - approver: proposals to approve (single approver) or to sign as account holder;
 *   transfers requested and plans submitted, within their delegation;
 * - accountant: proposals to sign as chief accountant; approved and not yet paid; at the
 *   Treasury awaiting its answer; refused by the Treasury and kept to send again;
 * - officer: their own proposals, whatever their state (not counted in the header).
 * Decisions come from the pendingDecisions read model (what waits in the year), so the
 * work follows what waits, not how many lines the year has.
 */
@Injectable()
export class Inbox {
  constructor(
    private readonly queries: QueryBus,
    private readonly lines: LineCommands,
    private readonly expenditures: ExpenditureReads,
    private readonly reads: FormReads,
    private readonly clock: LedgerClock,
    private readonly sessions: DashboardSessions,
  ) {}

  async items(user: AuthenticatedUser, fiscalYear?: number): Promise<InboxItem[]> {
    const role = user.actor.role;
    if (role === 'auditor' || role === 'admin') return [];
    const year = fiscalYear ?? this.currentYear();
    if (role === 'officer') return this.ownProposals(user, year);
    return this.decisions(user, year);
  }

  /** What waits for the user's decision (their own proposals' states are not counted). */
  async count(user: AuthenticatedUser, fiscalYear?: number): Promise<number> {
    const role = user.actor.role;
    if (role !== 'approver' && role !== 'accountant') return 0;
    return (await this.decisions(user, fiscalYear ?? this.currentYear())).length;
  }

  /** The count for the header of a page that knows only the request's session. */
  async countFor(req: Request): Promise<number | undefined> {
    const user = await this.sessions.user(sessionIdOf(req));
    return user ? this.count(user) : undefined;
  }

  private currentYear(): number {
    return Number(this.clock.today().slice(0, 4));
  }

  private async decisions(user: AuthenticatedUser, year: number): Promise<InboxItem[]> {
    const unit = visibleUnit(user.actor);
    const pending = await this.queries.execute(
      new GetPendingDecisionsQuery({ fiscalYear: year, ...(unit !== null ? { unit } : {}) }),
    );
    const today = this.clock.today();
    const registers = new Map<string, Promise<readonly UnitSignatory[]>>();
    const registerOf = (doc: Doc): Promise<readonly UnitSignatory[]> => {
      const key = str(doc.unit);
      let register = registers.get(key);
      if (!register) {
        register = this.lines.signatories(str(doc.budgetLineId));
        registers.set(key, register);
      }
      return register;
    };
    const items: InboxItem[] = [];
    for (const doc of pending) {
      let reason: InboxReason | null;
      if (doc.kind === 'transfer')
        reason = mayDecideTransfer(user, doc, today) ? 'decide_transfer' : null;
      else if (doc.kind === 'plan') reason = mayDecidePlan(user, doc, today) ? 'decide_plan' : null;
      else {
        // Only a proposal's signing depends on the unit's register of signatories.
        const register = doc.status === 'proposed' ? await registerOf(doc) : [];
        reason = expenditureReason(user, doc, register, today);
      }
      if (reason) items.push(pendingItem(doc, reason));
    }
    return items;
  }

  /** An officer's own proposals on their unit's lines, newest first. */
  private async ownProposals(user: AuthenticatedUser, year: number): Promise<InboxItem[]> {
    const actor = user.actor;
    const items: InboxItem[] = [];
    for (const line of await this.reads.lines(actor, year)) {
      const own = await this.expenditures.ofLine(
        actor,
        line.id,
        (s) => s.proposedBy === actor.userId,
      );
      items.push(...own.map(ownItem));
    }
    return items;
  }
}
