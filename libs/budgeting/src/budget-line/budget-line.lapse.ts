import { parseBusinessDate, DOCUMENT_DATES } from '../shared/dates';
import type { Money } from '../shared/money';
import { requireDocumentNumber, requireOneOf, requireText } from '../reference/field.validation';
import { lapseErrors } from './lapse.errors';
import {
  HIGHER_LEVELS,
  type BudgetLineCommand,
  type BudgetLineEvent,
  type Correction,
  type DecisionCitation,
} from './budget-line.events';
import { available, type BudgetLineState, type ExpenditureState } from './budget-line.state';

/*
 * The lapse as the law has it (issue 16, items 3 and 4). At its deadline a carried-over
 * line's uncommitted money lapses, and so does its approved-but-unpaid money unless a
 * decision kept it (CommitmentRetained). Money lapsed or unspent that came from a higher
 * level is returned to it (FundsReturned). An entry dated before the deadline but made
 * after the lapse was recorded reinstates its money by a correction (LapseCorrected).
 */

type Command<T extends BudgetLineCommand['type']> = Extract<BudgetLineCommand, { type: T }>;

/** How a correction cites a line's lapse: the id the lapse follow-up records it under. */
export function lapseReference(lineId: string, deadline: string): string {
  return `lapse:${lineId}:${deadline}`;
}

/** An approved expenditure is kept past the deadline on `on` only by a decision that says so. */
function keptOn(e: ExpenditureState, on: string): boolean {
  return e.retainedUntil !== null && on <= e.retainedUntil;
}

/**
 * After the deadline: the uncommitted money and every approved, unpaid expenditure not kept
 * by a decision lapse (once); later runs lapse what a decision kept, once its date passed.
 */
export function decideLapse(
  c: Command<'LapseCarryOver'>,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  const deadline = state.carryOverDeadline;
  if (deadline === null || c.data.today <= deadline) return [];
  const due = [...state.expenditures.values()].filter(
    (e) =>
      e.status === 'approved' &&
      !keptOn(e, c.data.today) &&
      (!state.lapsed || e.retainedUntil !== null),
  );
  if (state.lapsed && due.length === 0) return [];
  const lapsedExpenditures: BudgetLineEvent[] = due.map((e) => ({
    type: 'ExpenditureLapsed',
    data: {
      budgetLineId: lineId,
      expenditureId: e.id,
      amount: e.amount,
      deadline: e.retainedUntil ?? deadline,
    },
  }));
  const committed = due.reduce((sum, e) => sum + e.amount, 0n);
  const uncommitted = state.lapsed ? 0n : available(state.balances);
  return [
    ...lapsedExpenditures,
    {
      type: 'CarryOverLapsed',
      data: { budgetLineId: lineId, amount: uncommitted + committed, deadline },
    },
  ];
}

function citation(d: DecisionCitation, on: string): DecisionCitation {
  const number = requireDocumentNumber(d.number, 'decision.number').text;
  const issuedOn = parseBusinessDate(d.issuedOn, 'decision.issuedOn', DOCUMENT_DATES);
  const issuer = requireText(d.issuer, 'decision.issuer');
  if (issuedOn > on) throw lapseErrors.decisionAfterDate('decision.issuedOn', issuedOn, on);
  return { number, issuedOn, issuer };
}

/**
 * A decision keeps approved-but-unpaid expenditures payable until `until`. One whose
 * approval already lapsed is reinstated by the same decision, recorded as a correction of
 * the lapse that cites it.
 */
export function decideRetention(
  c: Command<'RetainCommitments'>,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  const deadline = state.carryOverDeadline;
  if (deadline === null) throw lapseErrors.notCarriedOver(lineId);
  const decision = citation(c.data.decision, c.on);
  const until = parseBusinessDate(c.data.until, 'until');
  if (until <= deadline) throw lapseErrors.retentionNotAfterDeadline(until, deadline);
  const ids = [...new Set(c.data.expenditureIds)];
  if (ids.length === 0) requireText('', 'expenditureIds');
  const kept = ids.map((id) => {
    const e = state.expenditures.get(id);
    if (!e || (e.status !== 'approved' && e.status !== 'lapsed') || e.disbursed > 0n) {
      throw lapseErrors.notRetainable(id, e?.status ?? 'không có / none');
    }
    return e;
  });
  const reinstated: BudgetLineEvent[] = kept
    .filter((e) => e.status === 'lapsed')
    .map((e) => ({
      type: 'LapseCorrected',
      data: {
        budgetLineId: lineId,
        lapse: lapseReference(lineId, deadline),
        lapsedOn: state.lapsedOn ?? '',
        expenditureId: e.id,
        amount: e.amount,
        recommits: true,
        reason: `Giữ lại theo ${decision.number} / kept by ${decision.number}`,
        approvedBy: decision.issuer,
        correctedBy: c.actor.userId,
      },
    }));
  const amount = kept.reduce((sum, e) => sum + e.amount, 0n);
  return [
    ...reinstated,
    {
      type: 'CommitmentRetained',
      data: { budgetLineId: lineId, decision, expenditureIds: ids, amount, until },
    },
  ];
}

/** Whether a spending entry dated `on` comes after the lapse it predates (a late entry). */
export function isLateEntry(state: BudgetLineState, on: string): boolean {
  return state.lapsed && state.carryOverDeadline !== null && on <= state.carryOverDeadline;
}

/**
 * The correction a late entry needs: it cites this line's lapse, a reason and an approver
 * other than who enters it. Returns the event reinstating `amount` for the expenditure.
 */
export function lapseCorrection(
  command: { readonly correction?: Correction | null; readonly actor: { userId: string } },
  state: BudgetLineState,
  lineId: string,
  expenditure: { readonly id: string; readonly amount: Money; readonly recommits: boolean },
): BudgetLineEvent {
  const deadline = state.carryOverDeadline ?? '';
  const reference = lapseReference(lineId, deadline);
  const correction = command.correction;
  if (!correction || correction.approvedBy === undefined) {
    throw lapseErrors.correctionNeeded(reference, deadline);
  }
  if (correction.corrects.trim() !== reference) {
    throw lapseErrors.wrongLapse(correction.corrects, reference);
  }
  const reason = requireText(correction.reason, 'correction.reason');
  const approvedBy = requireText(correction.approvedBy, 'correction.approvedBy');
  if (approvedBy === command.actor.userId) throw lapseErrors.selfApproved();
  return {
    type: 'LapseCorrected',
    data: {
      budgetLineId: lineId,
      lapse: reference,
      lapsedOn: state.lapsedOn ?? '',
      expenditureId: expenditure.id,
      amount: expenditure.amount,
      recommits: expenditure.recommits,
      reason,
      approvedBy,
      correctedBy: command.actor.userId,
    },
  };
}

/**
 * Hoàn trả: money that came from a higher level goes back to it — lapsed money (already
 * out of the line, so only its column changes) or money unspent after the year's end.
 */
export function decideReturn(
  c: Command<'ReturnFunds'>,
  state: BudgetLineState,
  lineId: string,
  requireAvailable: (amount: Money, on: string) => void,
): BudgetLineEvent[] {
  const key = state.key;
  if (!key) return [];
  if (key.fundSource === 'district') throw lapseErrors.notFromHigherLevel(lineId);
  const toLevel = requireOneOf(c.data.toLevel, HIGHER_LEVELS, 'toLevel');
  if (key.fundSource === 'provincial' && toLevel === 'central') {
    throw lapseErrors.wrongLevel(key.fundSource, toLevel);
  }
  const source = requireOneOf(c.data.source, ['lapsed', 'unspent'] as const, 'source');
  const decision = citation(c.data.decision, c.on);
  const reason = requireText(c.data.reason, 'reason');
  const amount = c.data.amount;
  if (source === 'lapsed' && amount > state.lapsedMoney) {
    throw lapseErrors.exceedsLapsed(amount, state.lapsedMoney);
  }
  if (source === 'unspent') {
    const yearEnd = `${key.fiscalYear}-12-31`;
    if (c.on <= yearEnd) throw lapseErrors.beforeYearEnd(c.on, yearEnd);
    requireAvailable(amount, c.on);
  }
  return [
    {
      type: 'FundsReturned',
      data: { budgetLineId: lineId, amount, source, toLevel, decision, reason },
    },
  ];
}
