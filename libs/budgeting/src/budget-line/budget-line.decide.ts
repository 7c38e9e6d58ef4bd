import {
  requireAuthority,
  requireRole,
  requireSegregation,
  requireUnit,
} from '../shared/authorization';
import { carryOverDeadline } from '../shared/dates';
import { assertNever } from '../shared/decider';
import type { Money } from '../shared/money';
import {
  budgetLineId,
  isCarriedOver,
  validateBudgetLineKey,
  type BudgetLineKey,
} from './budget-line-key';
import { lineErrors } from './budget-line.errors';
import type { BudgetLineCommand, BudgetLineEvent } from './budget-line.events';
import { available, type BudgetLineState, type ExpenditureState } from './budget-line.state';
import { checkExpenditureRules, normCheck } from './expenditure-rules';

type Command<T extends BudgetLineCommand['type']> = Extract<BudgetLineCommand, { type: T }>;

function positive(amount: Money): void {
  if (amount <= 0n) throw lineErrors.nonPositive();
}

function openKey(state: BudgetLineState, lineId: string): BudgetLineKey {
  if (!state.key) throw lineErrors.notOpen(lineId);
  return state.key;
}

/** Opens the line on its first money, so a line exists exactly when money has landed on it. */
function opening(state: BudgetLineState, key: BudgetLineKey): BudgetLineEvent[] {
  if (state.key) return [];
  const valid = validateBudgetLineKey(key);
  return [{ type: 'BudgetLineOpened', data: { budgetLineId: budgetLineId(valid), ...valid } }];
}

function requireAvailable(state: BudgetLineState, amount: Money): void {
  const free = available(state.balances);
  if (amount > free) throw lineErrors.overdrawn(amount, free);
}

function requireNotExpired(state: BudgetLineState, on: string): void {
  if (state.lapsed || (state.carryOverDeadline !== null && on > state.carryOverDeadline)) {
    throw lineErrors.carryOverExpired(state.carryOverDeadline ?? on);
  }
}

function expenditure(state: BudgetLineState, id: string): ExpenditureState {
  const found = state.expenditures.get(id);
  if (!found) throw lineErrors.expenditureNotFound(id);
  return found;
}

function allocate(c: Command<'AllocateFunds'>, state: BudgetLineState): BudgetLineEvent[] {
  requireRole(c.actor, ['admin', 'officer'], { vi: 'giao dự toán', en: 'allocate funds' });
  positive(c.data.amount);
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
  const id = budgetLineId(c.data.key);
  if (!isCarriedOver(c.data.key)) throw lineErrors.notCarryOverLine(id);
  const d = c.data;
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
        deadline: carryOverDeadline(d.key.fiscalYear),
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
  requireAvailable(state, c.data.amount);
  const d = c.data;
  const data = {
    budgetLineId: lineId,
    amount: d.amount,
    decision: d.decision,
    transferId: d.transferId,
    toLine: d.toLine,
  };
  return [
    d.kind === 'carry_over'
      ? { type: 'FundsCarriedOut', data }
      : { type: 'FundsTransferredOut', data },
  ];
}

function transferIn(c: Command<'TransferIn'>, state: BudgetLineState): BudgetLineEvent[] {
  if (state.transfers.has(c.data.transferId)) return [];
  positive(c.data.amount);
  const d = c.data;
  return [
    ...opening(state, d.key),
    {
      type: 'FundsTransferredIn',
      data: {
        budgetLineId: budgetLineId(d.key),
        amount: d.amount,
        decision: d.decision,
        transferId: d.transferId,
        fromLine: d.fromLine,
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
  requireRole(c.actor, ['admin', 'officer'], { vi: 'hủy dự toán', en: 'cancel funds' });
  openKey(state, lineId);
  positive(c.data.amount);
  requireAvailable(state, c.data.amount);
  return [{ type: 'FundsCancelled', data: { budgetLineId: lineId, ...c.data } }];
}

/** After the deadline, what was never committed lapses; recorded once, with the deadline. */
function lapse(
  c: Command<'LapseCarryOver'>,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  if (state.lapsed || state.carryOverDeadline === null || c.data.today <= state.carryOverDeadline)
    return [];
  return [
    {
      type: 'CarryOverLapsed',
      data: {
        budgetLineId: lineId,
        amount: available(state.balances),
        deadline: state.carryOverDeadline,
      },
    },
  ];
}

function propose(
  c: Command<'ProposeExpenditure'>,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  const key = openKey(state, lineId);
  requireRole(c.actor, ['officer', 'accountant'], {
    vi: 'đề nghị chi',
    en: 'propose an expenditure',
  });
  requireUnit(c.actor, key.unit);
  const d = c.data;
  const existing = state.expenditures.get(d.expenditureId);
  if (existing) {
    if (existing.amount === d.amount && existing.proposedBy === c.actor.userId) return [];
    throw lineErrors.expenditureExists(d.expenditureId);
  }
  positive(d.amount);
  requireNotExpired(state, c.on);
  checkExpenditureRules(state, key, d, c.on);
  return [
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
        proposedBy: c.actor.userId,
        correction: c.correction ?? null,
      },
    },
  ];
}

function approve(
  c: Command<'ApproveExpenditure'>,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  const key = openKey(state, lineId);
  const e = expenditure(state, c.data.expenditureId);
  requireRole(c.actor, ['approver'], { vi: 'phê duyệt chi', en: 'approve an expenditure' });
  const authority = requireAuthority(c.data.authority, key.programPart, key.unit, c.on);
  requireSegregation(c.actor, e.proposedBy);
  if (e.status !== 'proposed')
    throw lineErrors.invalidState(e.id, e.status, { vi: 'phê duyệt', en: 'approve' });
  requireNotExpired(state, c.on);
  const norm = normCheck(e.category, e.amount, e.personDays, c.on);
  requireAvailable(state, e.amount);
  return [
    {
      type: 'ExpenditureApproved',
      data: {
        budgetLineId: lineId,
        expenditureId: e.id,
        amount: e.amount,
        approvedBy: c.actor.userId,
        authority: { capacity: authority.capacity, title: authority.title },
        // Named by the approver, or else the decisions that put the money on the line.
        legalBasis: c.data.legalBasis.length > 0 ? c.data.legalBasis : state.fundingDecisions,
        normApplied: norm?.legalBasis ?? null,
      },
    },
  ];
}

function reject(
  c: Command<'RejectExpenditure'>,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  const key = openKey(state, lineId);
  const e = expenditure(state, c.data.expenditureId);
  requireRole(c.actor, ['approver'], { vi: 'từ chối khoản chi', en: 'reject an expenditure' });
  const authority = requireAuthority(c.data.authority, key.programPart, key.unit, c.on);
  requireSegregation(c.actor, e.proposedBy);
  if (e.status !== 'proposed')
    throw lineErrors.invalidState(e.id, e.status, { vi: 'từ chối', en: 'reject' });
  return [
    {
      type: 'ExpenditureRejected',
      data: {
        budgetLineId: lineId,
        expenditureId: e.id,
        rejectedBy: c.actor.userId,
        authority: { capacity: authority.capacity, title: authority.title },
        reason: c.data.reason,
      },
    },
  ];
}

function disburse(
  c: Command<'DisburseExpenditure'>,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  const key = openKey(state, lineId);
  const e = expenditure(state, c.data.expenditureId);
  requireRole(c.actor, ['accountant'], { vi: 'thanh toán', en: 'disburse' });
  requireUnit(c.actor, key.unit);
  if (e.status !== 'approved')
    throw lineErrors.invalidState(e.id, e.status, { vi: 'thanh toán', en: 'disburse' });
  return [
    {
      type: 'ExpenditureDisbursed',
      data: {
        budgetLineId: lineId,
        expenditureId: e.id,
        amount: e.amount,
        voucher: c.data.voucher,
        paidOn: c.data.paidOn,
      },
    },
  ];
}

function reverse(
  c: Command<'ReverseExpenditure'>,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  const key = openKey(state, lineId);
  const e = expenditure(state, c.data.expenditureId);
  requireRole(c.actor, ['accountant'], { vi: 'ghi đảo khoản chi', en: 'reverse an expenditure' });
  requireUnit(c.actor, key.unit);
  if (e.status !== 'approved' && e.status !== 'disbursed') {
    throw lineErrors.invalidState(e.id, e.status, { vi: 'ghi đảo', en: 'reverse' });
  }
  return [
    {
      type: 'ExpenditureReversed',
      data: {
        budgetLineId: lineId,
        expenditureId: e.id,
        committedAmount: e.amount,
        disbursedAmount: e.disbursed,
        reason: c.data.reason,
      },
    },
  ];
}

/** Commands the money process itself issues keep working after the year closes. */
const SYSTEM_COMMANDS: ReadonlySet<BudgetLineCommand['type']> = new Set([
  'LapseCarryOver',
  'ReverseTransferOut',
]);

export function decideBudgetLine(
  command: BudgetLineCommand,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  if (command.fiscalYearClosed && !command.correction && !SYSTEM_COMMANDS.has(command.type)) {
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
      return lapse(command, state, lineId);
    case 'ProposeExpenditure':
      return propose(command, state, lineId);
    case 'ApproveExpenditure':
      return approve(command, state, lineId);
    case 'RejectExpenditure':
      return reject(command, state, lineId);
    case 'DisburseExpenditure':
      return disburse(command, state, lineId);
    case 'ReverseExpenditure':
      return reverse(command, state, lineId);
    default:
      return assertNever(command);
  }
}
