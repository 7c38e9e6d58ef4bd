import { available, type BudgetLineState } from '../budget-line/budget-line.state';
import type { Money } from '../shared/money';

/** A line of the year and what is left on it, as the closing command is given them. */
export interface LineSettlement {
  readonly lineId: string;
  readonly remainder: Money;
}

/**
 * What is left on a line at the year's close and must still be dealt with: money never
 * committed (`available`: carried over, cancelled and lapsed money already left it) plus
 * money committed but not paid (a commitment the year cannot keep open: it is paid in the
 * adjustment period, or reversed and carried over or cancelled).
 *
 * The hook to extend when money owed back to a higher budget level is recorded
 * (`FundsReturned`, hoàn trả): returned money then counts as settled too.
 */
export function unsettledRemainder(state: BudgetLineState): Money {
  const b = state.balances;
  return available(b) + (b.committed - b.disbursed);
}

export function settlementOf(lineId: string, state: BudgetLineState): LineSettlement {
  return { lineId, remainder: unsettledRemainder(state) };
}
