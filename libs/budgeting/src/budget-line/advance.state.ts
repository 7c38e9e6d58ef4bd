import type { Money } from '../shared/money';
import { normalizeVoucher } from '../expenditure/voucher.decider';
import type { BudgetLineEvent } from './budget-line.events';
import type { Balances, BudgetLineState, DatedChange } from './budget-line.state';

/** An advance on its line: what was paid, settled by vouchers and recovered. */
export interface AdvanceOnLine {
  readonly id: string;
  /** The amount proposed (and approved). */
  readonly amount: Money;
  /** What was paid out as the advance (0 until paid, and after a reversal). */
  readonly paid: Money;
  /** The effective date of its payment; null until paid. */
  readonly paidOn: string | null;
  readonly settled: Money;
  readonly recovered: Money;
  /** The settlement vouchers' numbers, normalized: one voucher settles one advance once. */
  readonly vouchers: readonly string[];
}

/** What of an advance is paid out and neither settled by vouchers nor recovered. */
export function openAdvance(a: AdvanceOnLine): Money {
  return a.paid - a.settled - a.recovered;
}

/** The line's open advances: advanced − settled − recovered. */
export function openAdvances(b: Balances): Money {
  return b.advanced - b.advanceSettled - b.advanceRecovered;
}

function withBalances(state: BudgetLineState, changes: Partial<Balances>): BudgetLineState {
  const balances = { ...state.balances };
  for (const [column, amount] of Object.entries(changes) as [keyof Balances, Money][]) {
    balances[column] += amount;
  }
  return { ...state, balances };
}

function withAdvance(state: BudgetLineState, a: AdvanceOnLine): BudgetLineState {
  return { ...state, advances: state.advances.set(a.id, a) };
}

/** How a recovery moves the line's money on its date: committed back; out of it to the budget. */
export function recoveryChange(
  event: Extract<BudgetLineEvent, { type: 'AdvanceRecovered' }>,
  on: string,
): DatedChange {
  const amount = event.data.amount;
  return { on, funds: event.data.returnsTo === 'budget' ? -amount : 0n, committed: -amount };
}

/**
 * Keeps the line's advances after the rest of the line evolved (`before` → `after`). The
 * payment is read from the expenditure's paid amount, whatever event paid it (today's
 * disbursement, or a Treasury's acceptance), so an advance opens on any path to "paid".
 */
export function evolveAdvances(
  before: BudgetLineState,
  after: BudgetLineState,
  event: BudgetLineEvent,
  on: string,
): BudgetLineState {
  if (event.type === 'ExpenditureProposed') {
    if (event.data.kind !== 'advance') return after;
    const { expenditureId: id, amount } = event.data;
    const fresh = { id, amount, paid: 0n, paidOn: null, settled: 0n, recovered: 0n, vouchers: [] };
    return withAdvance(after, fresh);
  }
  const id = 'expenditureId' in event.data ? event.data.expenditureId : null;
  const a = id === null ? undefined : after.advances.get(id);
  if (!a || id === null) return after;
  if (event.type === 'AdvanceSettled') {
    const { amount, vouchers } = event.data;
    const numbers = vouchers.map((v) => normalizeVoucher(v.number));
    const next = { ...a, settled: a.settled + amount, vouchers: [...a.vouchers, ...numbers] };
    return withAdvance(withBalances(after, { advanceSettled: amount }), next);
  }
  if (event.type === 'AdvanceRecovered') {
    const amount = event.data.amount;
    const out = event.data.returnsTo === 'budget' ? { cancelled: amount } : {};
    const moved = withBalances(after, {
      advanceRecovered: amount,
      committed: -amount,
      disbursed: -amount,
      ...out,
    });
    return withAdvance(moved, { ...a, recovered: a.recovered + amount });
  }
  if (event.type === 'ExpenditureReversed') {
    // Only an advance with nothing settled or recovered is reversed (advance.decide.ts).
    return withAdvance(withBalances(after, { advanced: -a.paid }), { ...a, paid: 0n });
  }
  const paid =
    (after.expenditures.get(id)?.disbursed ?? 0n) - (before.expenditures.get(id)?.disbursed ?? 0n);
  if (paid === 0n) return after;
  const next = { ...a, paid: a.paid + paid, paidOn: a.paidOn ?? on };
  return withAdvance(withBalances(after, { advanced: paid }), next);
}
