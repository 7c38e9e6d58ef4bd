import type { Authority } from '../shared/actor';
import { authorize, type Subject } from '../shared/authorization';
import { parseBusinessDate } from '../shared/dates';
import { assertNever } from '../shared/decider';
import { MAX_LINE_AMOUNT, requireWithinLineBound, type Money } from '../shared/money';
import {
  checkAllocationBasis,
  checkCancellationBasis,
  checkUnitExists,
} from './allocation-basis.rules';
import {
  budgetLineId,
  isCarriedOver,
  parseBudgetLineId,
  validateBudgetLineKey,
  type BudgetLineKey,
} from './budget-line-key';
import { lineErrors } from './budget-line.errors';
import type { BudgetLineCommand } from './budget-line.commands';
import type { BudgetLineEvent, ExpenditureSignature } from './budget-line.events';
import { personOf } from '../shared/actor';
import {
  CAPACITY_LABELS,
  SIGNING_CAPACITIES,
  signatoryOn,
  signingCapacityOf,
  signsWithTwoSignatures,
} from '../reference/signatory';
import { signatureErrors } from './signature.errors';
import { BUDGET_LINE_POLICIES } from './budget-line.policy';
import {
  available,
  availableFrom,
  evolveBudgetLine,
  fundsInEffect,
  inflow,
  type BudgetLineState,
  type ExpenditureState,
} from './budget-line.state';
import {
  decideLapse,
  decideRetention,
  decideReturn,
  isLateEntry,
  lapseCorrection,
} from './budget-line.lapse';
import { carryOverDeadlineOf, deadlineErrors } from './carry-over-deadline';
import { validateEconomicCode } from '../classification/budget-classification';
import { decideClassification } from './classification.decide';
import { deadlineCarriedFrom, deadlineOnArrival } from './deadline-carriage';
import { extendDeadline } from './deadline-extension.decide';
import { checkExpenditureRules } from './expenditure-rules';
import { applyNorms, normDocuments } from '../norms/norm-claim';
import { requireKnownProgramPart } from './program-parts';
import {
  acceptByTreasury,
  refuseByTreasury,
  sendableFrom,
  sendToTreasury,
  type PaymentDateChecks,
} from './treasury.decide';
import { treasuryErrors } from './treasury.errors';
import {
  advanceMark,
  advancePaidOn,
  recoverAdvance,
  requireReversibleAdvance,
  settleAdvance,
} from './advance.decide';

type Command<T extends BudgetLineCommand['type']> = Extract<BudgetLineCommand, { type: T }>;

function positive(amount: Money): void {
  if (amount <= 0n) throw lineErrors.nonPositive();
  requireWithinLineBound(amount);
}

/** Money coming in may not take the line past MAX_LINE_AMOUNT: every sum of it stays exact. */
function requireRoomFor(state: BudgetLineState, amount: Money): void {
  const total = inflow(state.balances) + amount;
  if (total > MAX_LINE_AMOUNT) throw lineErrors.lineLimit(total, MAX_LINE_AMOUNT);
}

/**
 * Spending of a fiscal year takes effect in it or in its adjustment period (to 31/01 next),
 * or up to the date a decision kept an approved expenditure until (`keptUntil`), or, for
 * carried-over money whose deadline a decision set or extended later, up to that deadline.
 */
function requireSpendingYear(
  state: BudgetLineState,
  on: string,
  field: string,
  keptUntil: string | null = null,
): void {
  const key = state.key as BudgetLineKey;
  const from = `${key.fiscalYear}-01-01`;
  let to = `${key.fiscalYear + 1}-01-31`;
  const deadline = state.carryOverDeadline;
  if (deadline !== null && deadline > to) to = deadline;
  if (keptUntil !== null && keptUntil > to) to = keptUntil;
  if (on < from || on > to) throw lineErrors.outsideFiscalYear(field, on, from, to);
}

function openKey(state: BudgetLineState, lineId: string): BudgetLineKey {
  if (!state.key) throw lineErrors.notOpen(lineId);
  return state.key;
}

/** Opens the line on its first money, so a line exists exactly when money has landed on it. */
function opening(state: BudgetLineState, key: BudgetLineKey): BudgetLineEvent[] {
  if (state.key) return [];
  const valid = validateBudgetLineKey(key);
  requireKnownProgramPart(valid.programPart);
  return [{ type: 'BudgetLineOpened', data: { budgetLineId: budgetLineId(valid), ...valid } }];
}

/**
 * Uncommitted money for `amount`, now and on `on` and every later date: money that took
 * effect after `on` cannot be used by a decision dated `on`, and a late entry may not
 * overdraw what was committed after its date.
 */
function requireAvailable(state: BudgetLineState, amount: Money, on: string): void {
  const free = available(state.balances);
  if (amount > free) throw lineErrors.overdrawn(amount, free);
  const least = availableFrom(state, on);
  if (amount > least.amount) throw lineErrors.overdrawnOnDate(amount, least.amount, on, least.on);
}

/** A proposal asks for money that has taken effect on its date (not yet committing it). */
function requireFundsInEffect(state: BudgetLineState, amount: Money, on: string): void {
  const inEffect = fundsInEffect(state, on);
  if (amount > inEffect) throw lineErrors.notYetInEffect(amount, inEffect, on);
}

/**
 * Carried-over money is used up to its deadline, judged on the command's own date: a
 * back-dated decision after the deadline is refused whether or not the lapse was recorded.
 * `lapsedToo`: new commitments are also refused once the lapse is recorded (what was
 * uncommitted is gone); a payment of money committed in time is judged by its date only.
 */
function requireNotExpired(state: BudgetLineState, on: string, lapsedToo = true): void {
  const late = state.carryOverDeadline !== null && on > state.carryOverDeadline;
  if (late || (lapsedToo && state.lapsed)) {
    throw lineErrors.carryOverExpired(state.carryOverDeadline ?? on);
  }
}

function expenditure(state: BudgetLineState, id: string): ExpenditureState {
  const found = state.expenditures.get(id);
  if (!found) throw lineErrors.expenditureNotFound(id);
  return found;
}

function allocate(c: Command<'AllocateFunds'>, state: BudgetLineState): BudgetLineEvent[] {
  positive(c.data.amount);
  const key = validateBudgetLineKey(c.data.key);
  requireKnownProgramPart(key.programPart);
  // Carried-over money comes by a carry-over, with its deadline: never by an allocation.
  if (isCarriedOver(key)) throw lineErrors.allocationToCarriedOver(budgetLineId(key));
  const from = `${key.fiscalYear - 1}-01-01`;
  const to = `${key.fiscalYear}-12-31`;
  if (c.on < from || c.on > to) throw lineErrors.outsideFiscalYear('effectiveDate', c.on, from, to);
  checkUnitExists(key.unit, c.data.unitRegistration, c.on);
  checkAllocationBasis(c.data.decision, c.data.decisionDocument, c.data.amount, c.on);
  requireRoomFor(state, c.data.amount);
  const id = budgetLineId(c.data.key);
  return [
    ...opening(state, c.data.key),
    {
      type: 'FundsAllocated',
      data: {
        budgetLineId: id,
        amount: c.data.amount,
        decision: c.data.decision,
        legalBasis: c.data.legalBasis,
      },
    },
  ];
}

function carryIn(c: Command<'CarryIn'>, state: BudgetLineState): BudgetLineEvent[] {
  if (state.transfers.has(c.data.transferId)) return [];
  positive(c.data.amount);
  requireRoomFor(state, c.data.amount);
  const id = budgetLineId(c.data.key);
  if (!isCarriedOver(c.data.key)) throw lineErrors.notCarryOverLine(id);
  const d = c.data;
  const { deadline, deadlineBasis } = carryOverDeadlineOf(d.deadline, d.key.fiscalYear, c.on);
  // One line, one deadline: money under another deadline would lapse on the wrong day.
  if (state.carryOverDeadline !== null && state.carryOverDeadline !== deadline) {
    throw deadlineErrors.conflicting(id, state.carryOverDeadline, deadline);
  }
  return [
    ...opening(state, d.key),
    {
      type: 'FundsCarriedIn',
      data: {
        budgetLineId: id,
        amount: d.amount,
        decision: d.decision,
        transferId: d.transferId,
        fromLine: d.fromLine,
        deadline,
        deadlineBasis,
      },
    },
  ];
}

function transferOut(
  c: Command<'TransferOut'>,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  openKey(state, lineId);
  if (state.transfers.has(c.data.transferId)) return [];
  positive(c.data.amount);
  requireAvailable(state, c.data.amount, c.on);
  const d = c.data;
  const data = {
    budgetLineId: lineId,
    amount: d.amount,
    decision: d.decision,
    transferId: d.transferId,
    toLine: d.toLine,
  };
  if (d.kind === 'carry_over') return [{ type: 'FundsCarriedOut', data }];
  // Carried-over money is moved, like spent, only up to its deadline, and keeps it.
  requireNotExpired(state, c.on);
  const carried = deadlineCarriedFrom(state);
  return [
    { type: 'FundsTransferredOut', data: carried ? { ...data, carriedDeadline: carried } : data },
  ];
}

function transferIn(c: Command<'TransferIn'>, state: BudgetLineState): BudgetLineEvent[] {
  if (state.transfers.has(c.data.transferId)) return [];
  positive(c.data.amount);
  requireRoomFor(state, c.data.amount);
  const d = c.data;
  const id = budgetLineId(d.key);
  const carried = deadlineOnArrival(d.carriedDeadline, d.key, state, id);
  return [
    ...opening(state, d.key),
    {
      type: 'FundsTransferredIn',
      data: {
        budgetLineId: id,
        amount: d.amount,
        decision: d.decision,
        transferId: d.transferId,
        fromLine: d.fromLine,
        ...(carried ? { carriedDeadline: carried } : {}),
      },
    },
  ];
}

function reverseTransferOut(
  c: Command<'ReverseTransferOut'>,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  const transfer = state.transfers.get(c.data.transferId);
  if (!transfer || transfer.reversed) return [];
  if (transfer.column !== 'carriedOut' && transfer.column !== 'transferredOut') return [];
  return [
    {
      type: 'TransferOutReversed',
      data: {
        budgetLineId: lineId,
        amount: transfer.amount,
        transferId: c.data.transferId,
        column: transfer.column,
        reason: c.data.reason,
      },
    },
  ];
}

function cancel(
  c: Command<'CancelFunds'>,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  openKey(state, lineId);
  positive(c.data.amount);
  const { amount, decision, reason, decisionDocument } = c.data;
  checkCancellationBasis(decision, decisionDocument, c.on);
  requireAvailable(state, amount, c.on);
  return [{ type: 'FundsCancelled', data: { budgetLineId: lineId, amount, decision, reason } }];
}

function propose(
  c: Command<'ProposeExpenditure'>,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  const key = openKey(state, lineId);
  const d = c.data;
  const existing = state.expenditures.get(d.expenditureId);
  if (existing) {
    if (existing.amount === d.amount && existing.proposedBy === c.actor.userId) return [];
    throw lineErrors.expenditureExists(d.expenditureId);
  }
  positive(d.amount);
  requireSpendingYear(state, c.on, 'effectiveDate');
  // A late entry dated before the deadline reinstates its money by a correction; else refused.
  const late = isLateEntry(state, c.on);
  if (!late) requireNotExpired(state, c.on);
  const reinstated = late
    ? [
        lapseCorrection(c, state, lineId, {
          id: d.expenditureId,
          amount: d.amount,
          recommits: false,
        }),
      ]
    : [];
  const norms = checkExpenditureRules(state, key, d);
  const economicCode = d.economicCode ? validateEconomicCode(d.economicCode, c.on) : null;
  requireFundsInEffect(state, d.amount, c.on);
  return [
    ...reinstated,
    {
      type: 'ExpenditureProposed',
      data: {
        budgetLineId: lineId,
        expenditureId: d.expenditureId,
        amount: d.amount,
        category: d.category,
        description: d.description,
        payee: d.payee,
        activity: d.activity,
        voucher: d.voucher,
        personDays: d.personDays,
        jointTeam: d.jointTeam,
        ...(economicCode ? { economicCode } : {}),
        ...(d.normClaim ? { normClaim: d.normClaim } : {}),
        ...(norms ? { norms } : {}),
        ...(d.jointTrip ? { jointTrip: d.jointTrip } : {}),
        ...(d.plan ? { plan: d.plan } : {}),
        proposedBy: c.actor.userId,
        ...(c.actor.personId ? { proposedByPerson: c.actor.personId } : {}),
        correction: c.correction ?? null,
        ...(d.kind === 'advance' ? { kind: 'advance' as const } : {}),
      },
    },
  ];
}

/**
 * What committing a proposal's money takes, whoever commits it (one approver, or the
 * second of two signatures): the events that bring back money a late entry needs, and the
 * approval itself. Refuses what the line cannot cover on the date.
 */
function commitment(
  c: Command<'ApproveExpenditure'> | Command<'SignExpenditure'>,
  state: BudgetLineState,
  lineId: string,
  e: ExpenditureState,
  approval: Pick<
    Extract<BudgetLineEvent, { type: 'ExpenditureApproved' }>['data'],
    'approvedBy' | 'authority' | 'signatures'
  >,
): BudgetLineEvent[] {
  requireSpendingYear(state, c.on, 'effectiveDate');
  // Late, its money comes back by the proposal's correction (earmarked) or this one's.
  const lateEntry = isLateEntry(state, c.on);
  if (!lateEntry) requireNotExpired(state, c.on);
  // Checked again by the table in force now, on the trip's dates (not the approval's).
  const norms = applyNorms(e.category, e.amount, e.normClaim, e.province);
  const reinstated =
    lateEntry && (state.earmarked.get(e.id) ?? 0n) < e.amount
      ? [lapseCorrection(c, state, lineId, { id: e.id, amount: e.amount, recommits: false })]
      : [];
  const after = reinstated.reduce((s, event) => evolveBudgetLine(s, event, c.on), state);
  requireAvailable(after, e.amount, c.on);
  return [
    ...reinstated,
    {
      type: 'ExpenditureApproved',
      data: {
        budgetLineId: lineId,
        expenditureId: e.id,
        amount: e.amount,
        approvedBy: approval.approvedBy,
        authority: approval.authority,
        // Named by the approver, or else the decisions that put the money on the line.
        legalBasis: c.data.legalBasis.length > 0 ? c.data.legalBasis : state.fundingDecisions,
        normApplied: normDocuments(norms),
        ...(norms ? { norms } : {}),
        ...(approval.signatures ? { signatures: approval.signatures } : {}),
      },
    },
  ];
}

function approve(
  c: Command<'ApproveExpenditure'>,
  state: BudgetLineState,
  lineId: string,
  authority: Authority,
): BudgetLineEvent[] {
  const key = openKey(state, lineId);
  const e = expenditure(state, c.data.expenditureId);
  if (e.status !== 'proposed')
    throw lineErrors.invalidState(e.id, e.status, { vi: 'phê duyệt', en: 'approve' });
  // Once the unit registered its signatories, two signatures are the only way to commit.
  if (signsWithTwoSignatures(c.data.signatories ?? [], c.on))
    throw signatureErrors.signaturesRequired(key.unit, c.on);
  return commitment(c, state, lineId, e, {
    approvedBy: c.actor.userId,
    authority: { capacity: authority.capacity, title: authority.title },
  });
}

/**
 * One of the two signatures (authorize has found the signer registered in the capacity on
 * the date). The first is recorded alone, after the same checks as the commitment so a
 * doomed payment is refused early; the second, of the other capacity by another person,
 * records the approval carrying both signatures, which commits the money.
 */
function sign(
  c: Command<'SignExpenditure'>,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  openKey(state, lineId);
  const e = expenditure(state, c.data.expenditureId);
  if (e.status !== 'proposed')
    throw lineErrors.invalidState(e.id, e.status, { vi: 'ký duyệt', en: 'sign' });
  const person = personOf(c.actor);
  const capacity = signingCapacityOf(c.data.signatories, person, c.data.capacity, c.on);
  if (capacity === null) throw new Error(`no capacity for ${e.id} after authorize`);
  const taken = e.signatures.find((s) => s.capacity === capacity);
  if (taken) throw signatureErrors.alreadySigned(e.id, capacity, taken.name);
  const mine = e.signatures.find((s) => s.person === person);
  if (mine) throw signatureErrors.samePerson(e.id, mine.capacity);
  const registered = signatoryOn(c.data.signatories, person, capacity, c.on);
  // authorize() has refused a signer not registered in the capacity on the date.
  if (!registered) throw new Error(`signatory of ${e.id} not found after authorize`);
  const signature: ExpenditureSignature = {
    capacity,
    signedBy: c.actor.userId,
    person,
    name: registered.name,
    title: registered.title,
    standing: registered.standing,
    specimen: registered.specimen,
    signedOn: c.on,
  };
  const signed: BudgetLineEvent = {
    type: 'ExpenditureSigned',
    data: { budgetLineId: lineId, expenditureId: e.id, ...signature },
  };
  const signatures = [...e.signatures, signature].sort((a, b) =>
    a.capacity === 'account_holder' ? -1 : b.capacity === 'account_holder' ? 1 : 0,
  );
  const holder = signatures[0] as ExpenditureSignature;
  const committed = commitment(c, state, lineId, e, {
    approvedBy: holder.signedBy,
    authority: { capacity: CAPACITY_LABELS.account_holder.vi, title: holder.title },
    signatures,
  });
  if (signatures.length < SIGNING_CAPACITIES.length) return [signed];
  // The signature lands before the approval it completes; a late entry's correction first.
  return [...committed.slice(0, -1), signed, ...committed.slice(-1)];
}

function reject(
  c: Command<'RejectExpenditure'>,
  state: BudgetLineState,
  lineId: string,
  authority: Authority,
): BudgetLineEvent[] {
  openKey(state, lineId);
  const e = expenditure(state, c.data.expenditureId);
  if (e.status !== 'proposed')
    throw lineErrors.invalidState(e.id, e.status, { vi: 'từ chối', en: 'reject' });
  const rejected: BudgetLineEvent = {
    type: 'ExpenditureRejected',
    data: {
      budgetLineId: lineId,
      expenditureId: e.id,
      rejectedBy: c.actor.userId,
      authority: { capacity: authority.capacity, title: authority.title },
      reason: c.data.reason,
    },
  };
  // Money a late entry's correction reinstated for it lapses again.
  const earmarked = state.earmarked.get(e.id) ?? 0n;
  if (earmarked === 0n || state.carryOverDeadline === null) return [rejected];
  const back: BudgetLineEvent = {
    type: 'CarryOverLapsed',
    data: { budgetLineId: lineId, amount: earmarked, deadline: state.carryOverDeadline },
  };
  return [rejected, back];
}

/** A dossier at the Treasury is answered by the Treasury: nothing else moves its money. */
function requireNotAtTreasury(e: ExpenditureState, action: { vi: string; en: string }): void {
  if (e.status === 'sent' && e.atTreasury)
    throw treasuryErrors.awaitingAnswer(e.id, e.atTreasury.dossier, action);
}

/** A payment's dates as the line judges them, whichever door records it. */
function paymentChecks(state: BudgetLineState): PaymentDateChecks {
  return {
    spendingYear: (on, field, keptUntil) => requireSpendingYear(state, on, field, keptUntil),
    // Past the deadline only what a decision kept is paid, until the date it says.
    notExpired: (on, e) => {
      if (e.retainedUntil === null || on > e.retainedUntil) requireNotExpired(state, on, false);
    },
  };
}

function disburse(
  c: Command<'DisburseExpenditure'>,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  openKey(state, lineId);
  const e = expenditure(state, c.data.expenditureId);
  requireNotAtTreasury(e, { vi: 'thanh toán', en: 'disburse' });
  if (e.status !== 'approved' && e.status !== 'lapsed')
    throw lineErrors.invalidState(e.id, e.status, { vi: 'thanh toán', en: 'disburse' });
  const paidOn = parseBusinessDate(c.data.paidOn, 'paidOn');
  const checks = paymentChecks(state);
  checks.spendingYear(paidOn, 'paidOn', e.retainedUntil);
  checks.notExpired(paidOn, e);
  // Its approval lapsed: a payment made in time but entered late recommits it by a correction.
  const reinstated =
    e.status === 'lapsed'
      ? [lapseCorrection(c, state, lineId, { id: e.id, amount: e.amount, recommits: true })]
      : [];
  return [
    ...reinstated,
    {
      type: 'ExpenditureDisbursed',
      data: {
        budgetLineId: lineId,
        expenditureId: e.id,
        amount: e.amount,
        voucher: c.data.voucher,
        paidOn: c.data.paidOn,
        ...advanceMark(state, e.id),
      },
    },
  ];
}

function reverse(
  c: Command<'ReverseExpenditure'>,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  openKey(state, lineId);
  const e = expenditure(state, c.data.expenditureId);
  requireNotAtTreasury(e, { vi: 'ghi đảo', en: 'reverse' });
  if (e.status !== 'approved' && e.status !== 'disbursed') {
    throw lineErrors.invalidState(e.id, e.status, { vi: 'ghi đảo', en: 'reverse' });
  }
  requireReversibleAdvance(state, e.id);
  const reversed: BudgetLineEvent = {
    type: 'ExpenditureReversed',
    data: {
      budgetLineId: lineId,
      expenditureId: e.id,
      committedAmount: e.amount,
      disbursedAmount: e.disbursed,
      reason: c.data.reason,
      ...advanceMark(state, e.id),
    },
  };
  // After the lapse the line is dead: what comes back lapses with it, never "available".
  if (!state.lapsed || state.carryOverDeadline === null) return [reversed];
  const back: BudgetLineEvent = {
    type: 'CarryOverLapsed',
    data: { budgetLineId: lineId, amount: e.amount, deadline: state.carryOverDeadline },
  };
  return [reversed, back];
}

/** Commands the money process itself issues keep working after the year closes. */
const SYSTEM_COMMANDS: ReadonlySet<BudgetLineCommand['type']> = new Set([
  'LapseCarryOver',
  'ReverseTransferOut',
  // Settling a year's money (keeping commitments, returning funds) follows its close.
  'RetainCommitments',
  'ReturnFunds',
]);

function keyOf(command: BudgetLineCommand, state: BudgetLineState, lineId: string) {
  if (state.key) return state.key;
  if ('key' in command.data) return command.data.key;
  try {
    return parseBudgetLineId(lineId);
  } catch {
    return null;
  }
}

/** What the command acts on, for its policy: the line's unit and part, and for decisions their facts. */
function subjectOf(command: BudgetLineCommand, state: BudgetLineState, lineId: string): Subject {
  const key = keyOf(command, state, lineId);
  const base = {
    targets: key ? [{ unit: key.unit, programPart: key.programPart }] : [],
    on: command.on,
    recordedOn: command.recordedOn ?? command.on,
  };
  if (command.type === 'DisburseExpenditure') {
    // A payment is not dated before the approval it pays.
    const approvedOn = state.expenditures.get(command.data.expenditureId)?.approvedOn;
    return { ...base, decidedItemOn: approvedOn || null };
  }
  if (command.type === 'SendExpenditureToTreasury') {
    // Sent after the approval, and after the Treasury refused the dossier sent before.
    const e = state.expenditures.get(command.data.expenditureId);
    return { ...base, decidedItemOn: (e && sendableFrom(e)) || null };
  }
  if (command.type === 'RecordTreasuryAcceptance' || command.type === 'RecordTreasuryRefusal') {
    // The Treasury answers a dossier after it was sent.
    const sent = state.expenditures.get(command.data.expenditureId)?.atTreasury?.sentOn;
    return { ...base, decidedItemOn: sent || null };
  }
  if (command.type === 'SettleAdvance' || command.type === 'RecoverAdvance') {
    // Neither is dated before the advance was paid.
    return { ...base, decidedItemOn: advancePaidOn(state, command.data.expenditureId) };
  }
  const proposal =
    'expenditureId' in command.data
      ? state.expenditures.get(command.data.expenditureId)
      : undefined;
  const preparedBy = proposal
    ? [{ userId: proposal.proposedBy, personId: proposal.proposedByPerson }]
    : [];
  if (command.type === 'SignExpenditure') {
    const { signatories } = command.data;
    const person = personOf(command.actor);
    const named = command.data.capacity;
    const capacity = signingCapacityOf(signatories, person, named, command.on) ?? 'account_holder';
    return {
      ...base,
      signing: { capacity, signatories },
      decidedItemOn: command.data.proposedOn ?? (proposal?.proposedOn || null),
      preparedBy,
    };
  }
  if (command.type !== 'ApproveExpenditure' && command.type !== 'RejectExpenditure') return base;
  return {
    ...base,
    authority: command.data.authority,
    decidedItemOn: command.data.proposedOn ?? (proposal?.proposedOn || null),
    preparedBy,
  };
}

/** A correction citing what it corrects, or a system step: taken in a closed (sealed) year. */
export function passesClosedYear(command: BudgetLineCommand): boolean {
  return Boolean(command.correction) || SYSTEM_COMMANDS.has(command.type);
}

export function decideBudgetLine(
  command: BudgetLineCommand,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  const policy = BUDGET_LINE_POLICIES[command.type];
  parseBusinessDate(command.on, 'effectiveDate');
  const authority = authorize(policy, command.actor, subjectOf(command, state, lineId));
  // A line sealed by the year's close is as closed: a command decided on an open year that
  // lost the race to the seal meets it here when it decides again on the sealed line.
  const closed = command.fiscalYearClosed || state.sealed === true;
  if (closed && !passesClosedYear(command)) {
    throw lineErrors.yearClosed(state.key?.fiscalYear ?? Number(lineId.slice(0, 4)));
  }
  switch (command.type) {
    case 'AllocateFunds':
      return allocate(command, state);
    case 'CarryIn':
      return carryIn(command, state);
    case 'TransferOut':
      return transferOut(command, state, lineId);
    case 'TransferIn':
      return transferIn(command, state);
    case 'ReverseTransferOut':
      return reverseTransferOut(command, state, lineId);
    case 'CancelFunds':
      return cancel(command, state, lineId);
    case 'LapseCarryOver':
      return decideLapse(command, state, lineId);
    case 'RetainCommitments':
      openKey(state, lineId);
      return decideRetention(command, state, lineId);
    case 'ReturnFunds':
      openKey(state, lineId);
      positive(command.data.amount);
      return decideReturn(command, state, lineId, (amount, on) =>
        requireAvailable(state, amount, on),
      );
    case 'ExtendCarryOverDeadline':
      openKey(state, lineId);
      return extendDeadline(command, state, lineId);
    case 'ClassifyBudgetLine':
      return decideClassification(command, state, lineId, openKey(state, lineId));
    case 'ProposeExpenditure':
      return propose(command, state, lineId);
    case 'ApproveExpenditure':
      return approve(command, state, lineId, authority as Authority);
    case 'SignExpenditure':
      return sign(command, state, lineId);
    case 'RejectExpenditure':
      return reject(command, state, lineId, authority as Authority);
    case 'DisburseExpenditure':
      return disburse(command, state, lineId);
    case 'SendExpenditureToTreasury':
      openKey(state, lineId);
      return sendToTreasury(
        command,
        lineId,
        expenditure(state, command.data.expenditureId),
        paymentChecks(state),
      );
    case 'RecordTreasuryAcceptance':
      openKey(state, lineId);
      return acceptByTreasury(
        command,
        lineId,
        expenditure(state, command.data.expenditureId),
        paymentChecks(state),
        advanceMark(state, command.data.expenditureId),
      );
    case 'RecordTreasuryRefusal':
      openKey(state, lineId);
      return refuseByTreasury(
        command,
        state,
        lineId,
        expenditure(state, command.data.expenditureId),
        paymentChecks(state),
      );
    case 'ReverseExpenditure':
      return reverse(command, state, lineId);
    case 'SettleAdvance':
      openKey(state, lineId);
      return settleAdvance(command, state, lineId);
    case 'RecoverAdvance':
      openKey(state, lineId);
      return recoverAdvance(command, state, lineId);
    default:
      return assertNever(command);
  }
}
