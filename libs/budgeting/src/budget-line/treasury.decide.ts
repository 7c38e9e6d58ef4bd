import { requireOneOf, requireText } from '../reference/field.validation';
import type { BudgetLineCommand } from './budget-line.commands';
import type { BudgetLineEvent } from './budget-line.events';
import type { BudgetLineState, ExpenditureState } from './budget-line.state';
import { treasuryErrors } from './treasury.errors';
import { TREASURY_COMMITMENTS, type TreasurySubmission } from './treasury';

/*
 * The payment at the State Treasury (see treasury.ts): sent, then accepted (paid, under a
 * payment order) or refused. Who may act and the order of dates against the approval or
 * the dossier are checked by authorize() with the other commands (budget-line.policy.ts);
 * here: the state each step needs, the dates of the line's spending year, and the money.
 */

type Command<T extends BudgetLineCommand['type']> = Extract<BudgetLineCommand, { type: T }>;

/** The date checks the line applies to a payment, from budget-line.decide.ts. */
export interface PaymentDateChecks {
  /** Within the line's spending year (or until a decision kept the payment). */
  readonly spendingYear: (on: string, field: string, keptUntil: string | null) => void;
  /** Carried-over money not past its deadline on `on` (unless kept by a decision). */
  readonly notExpired: (on: string, e: ExpenditureState) => void;
}

/** The date the last step of the expenditure took effect: a dossier is sent after it. */
export function sendableFrom(e: ExpenditureState): string {
  const refused = e.treasuryAnswer?.outcome === 'refused_kept' ? e.treasuryAnswer.on : '';
  return refused > e.approvedOn ? refused : e.approvedOn;
}

export function sendToTreasury(
  c: Command<'SendExpenditureToTreasury'>,
  lineId: string,
  e: ExpenditureState,
  checks: PaymentDateChecks,
): BudgetLineEvent[] {
  if (e.status === 'sent' && e.atTreasury) {
    throw treasuryErrors.alreadySent(e.id, e.atTreasury.dossier, e.atTreasury.sentOn);
  }
  if (e.status !== 'approved') throw treasuryErrors.notApproved(e.id, e.status);
  const dossier = requireText(c.data.dossier, 'dossier');
  const office = c.data.treasuryOffice && requireText(c.data.treasuryOffice, 'treasuryOffice');
  checks.spendingYear(c.on, 'sentOn', e.retainedUntil);
  checks.notExpired(c.on, e);
  return [
    {
      type: 'ExpenditureSentToTreasury',
      data: {
        budgetLineId: lineId,
        expenditureId: e.id,
        amount: e.amount,
        dossier,
        treasuryOffice: office || null,
        sentOn: c.on,
        sentBy: c.actor.userId,
      },
    },
  ];
}

/** The dossier an answer is for: the one at the Treasury (and the one named, if named). */
function answerable(e: ExpenditureState, named: string | null): TreasurySubmission {
  if (e.status !== 'sent' || !e.atTreasury) {
    const last = e.treasuryAnswer;
    if (last && last.outcome !== 'refused_kept') {
      const answer = last.outcome === 'accepted' ? 'accepted' : 'refused';
      throw treasuryErrors.alreadyAnswered(e.id, answer, last.dossier ?? '—', last.on);
    }
    if (last) throw treasuryErrors.alreadyAnswered(e.id, 'refused', last.dossier ?? '—', last.on);
    throw treasuryErrors.notSent(e.id, e.status);
  }
  if (named !== null && named.trim() !== e.atTreasury.dossier) {
    throw treasuryErrors.otherDossier(e.id, named, e.atTreasury.dossier);
  }
  return e.atTreasury;
}

/** Paid: the payment is disbursed, under the Treasury's payment order, on the day paid. */
export function acceptByTreasury(
  c: Command<'RecordTreasuryAcceptance'>,
  lineId: string,
  e: ExpenditureState,
  checks: PaymentDateChecks,
  /** `{ advance: true }` when the payment is an advance's: the event opens it (see advance.decide). */
  advance: { advance?: true },
): BudgetLineEvent[] {
  const submission = answerable(e, c.data.dossier);
  const paymentOrder = requireText(c.data.paymentOrder, 'paymentOrder');
  checks.spendingYear(c.on, 'paidOn', e.retainedUntil);
  checks.notExpired(c.on, e);
  return [
    {
      type: 'ExpenditureDisbursed',
      data: {
        budgetLineId: lineId,
        expenditureId: e.id,
        amount: e.amount,
        voucher: paymentOrder,
        paidOn: c.on,
        treasury: { dossier: submission.dossier, sentOn: submission.sentOn },
        ...advance,
      },
    },
  ];
}

/**
 * Refused: kept, the money stays committed and the corrected dossier is sent again;
 * released, the commitment goes back to the line (lapsing with it if the line has lapsed).
 * Past a carried-over line's deadline nothing can be paid any more: a refusal then
 * releases, unless a decision kept the payment until a later date.
 */
export function refuseByTreasury(
  c: Command<'RecordTreasuryRefusal'>,
  state: BudgetLineState,
  lineId: string,
  e: ExpenditureState,
  checks: PaymentDateChecks,
): BudgetLineEvent[] {
  const submission = answerable(e, c.data.dossier);
  const reason = requireText(c.data.reason, 'reason');
  const commitment = requireOneOf(c.data.commitment, TREASURY_COMMITMENTS, 'commitment');
  checks.spendingYear(c.on, 'refusedOn', e.retainedUntil);
  const deadline = state.carryOverDeadline;
  const kept = e.retainedUntil !== null && c.on <= e.retainedUntil;
  const expired = deadline !== null && (state.lapsed || c.on > deadline) && !kept;
  if (commitment === 'kept' && expired) throw treasuryErrors.keptPastDeadline(e.id, deadline);
  const releasedAmount = commitment === 'released' ? e.amount : 0n;
  const refused: BudgetLineEvent = {
    type: 'ExpenditureRefusedByTreasury',
    data: {
      budgetLineId: lineId,
      expenditureId: e.id,
      amount: e.amount,
      dossier: submission.dossier,
      reason,
      refusedOn: c.on,
      commitment,
      releasedAmount,
      recordedBy: c.actor.userId,
    },
  };
  // After the lapse the line is dead: what comes back lapses with it (as a reversal's does).
  if (releasedAmount === 0n || !state.lapsed || deadline === null) return [refused];
  const back: BudgetLineEvent = {
    type: 'CarryOverLapsed',
    data: { budgetLineId: lineId, amount: releasedAmount, deadline },
  };
  return [refused, back];
}
