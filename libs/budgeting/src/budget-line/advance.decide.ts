import { normalizeVoucher } from '../expenditure/voucher.decider';
import { parseBusinessDate } from '../shared/dates';
import { requireWithinLineBound, type Money } from '../shared/money';
import type { BudgetLineCommand } from './budget-line.commands';
import type { BudgetLineEvent } from './budget-line.events';
import type { BudgetLineState } from './budget-line.state';
import { lineErrors } from './budget-line.errors';
import { advanceErrors } from './advance.errors';
import { openAdvance, type AdvanceOnLine } from './advance.state';
import { recoveryToLineUntil } from './advance.rules';
import type { RecoveryDestination } from './advance.events';

type Command<T extends BudgetLineCommand['type']> = Extract<BudgetLineCommand, { type: T }>;

/** The paid advance a settlement or recovery acts on; refused when it is none or unpaid. */
function paidAdvance(state: BudgetLineState, id: string): AdvanceOnLine {
  const e = state.expenditures.get(id);
  if (!e) throw lineErrors.expenditureNotFound(id);
  const a = state.advances.get(id);
  if (!a) throw advanceErrors.notAnAdvance(id);
  if (e.status !== 'disbursed' || a.paidOn === null) throw advanceErrors.notPaid(id, e.status);
  return a;
}

function requireWithinOpen(field: string, amount: Money, a: AdvanceOnLine): void {
  if (amount <= 0n) throw lineErrors.nonPositive(field);
  requireWithinLineBound(amount);
  const open = openAdvance(a);
  if (amount > open) throw advanceErrors.exceedsOpen(field, amount, open);
}

/** The day an advance was paid: settlements and recoveries are not dated before it (authorize). */
export function advancePaidOn(state: BudgetLineState, id: string): string | null {
  return state.advances.get(id)?.paidOn ?? null;
}

/** Marks a payment or its reversal as an advance's, for readers that see one event at a time. */
export function advanceMark(state: BudgetLineState, id: string): { advance?: true } {
  return state.advances.has(id) ? { advance: true } : {};
}

/** A paid advance partly settled or recovered is not reversed: the rest is recovered instead. */
export function requireReversibleAdvance(state: BudgetLineState, id: string): void {
  const a = state.advances.get(id);
  if (a && a.settled + a.recovered > 0n) throw advanceErrors.reversalAfterSettlement(id);
}

export function settleAdvance(
  c: Command<'SettleAdvance'>,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  const a = paidAdvance(state, c.data.expenditureId);
  requireWithinOpen('amount', c.data.amount, a);
  if (c.data.vouchers.length === 0) throw advanceErrors.noVouchers();
  const own = state.expenditures.get(a.id)?.voucher;
  const used = new Set([...a.vouchers, ...(own ? [normalizeVoucher(own)] : [])]);
  for (const v of c.data.vouchers) {
    parseBusinessDate(v.date, 'vouchers.date');
    if (v.date > c.on) throw advanceErrors.voucherAfterSettlement(v.number, v.date, c.on);
    const number = normalizeVoucher(v.number);
    if (number === '' || used.has(number)) throw advanceErrors.voucherRepeated(v.number);
    used.add(number);
  }
  return [
    {
      type: 'AdvanceSettled',
      data: {
        budgetLineId: lineId,
        expenditureId: a.id,
        amount: c.data.amount,
        vouchers: c.data.vouchers.map((v) => ({ number: v.number, date: v.date })),
        settledOn: c.on,
        settledBy: c.actor.userId,
        openAfter: openAdvance(a) - c.data.amount,
      },
    },
  ];
}

/** Within the spending period the money returns to the line; after it, to the budget. */
function destination(state: BudgetLineState, on: string, lineId: string): RecoveryDestination {
  const key = state.key;
  if (!key) throw lineErrors.notOpen(lineId);
  if (state.lapsed) return 'budget';
  return on <= recoveryToLineUntil(key.fiscalYear, state.carryOverDeadline) ? 'line' : 'budget';
}

export function recoverAdvance(
  c: Command<'RecoverAdvance'>,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  const a = paidAdvance(state, c.data.expenditureId);
  requireWithinOpen('amount', c.data.amount, a);
  return [
    {
      type: 'AdvanceRecovered',
      data: {
        budgetLineId: lineId,
        expenditureId: a.id,
        amount: c.data.amount,
        receipt: c.data.receipt,
        recoveredOn: c.on,
        recoveredBy: c.actor.userId,
        returnsTo: destination(state, c.on, lineId),
        openAfter: openAdvance(a) - c.data.amount,
      },
    },
  ];
}
