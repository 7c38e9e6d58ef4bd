import { isCarriedOver, type BudgetLineKey } from './budget-line-key';
import type { CarriedDeadline } from './budget-line.events';
import { lineErrors } from './budget-line.errors';
import type { BudgetLineState } from './budget-line.state';
import { deadlineErrors } from './carry-over-deadline';

/**
 * What becomes of the deadline of carried-over money that a reallocation moves to a line of
 * the year's own money (sourceYear = fiscalYear), which only a permitting decision allows
 * (`permittedBy`, TRANSFER.ACROSS_CARRY_OVER). The law (State Budget Law 83/2015/QH13 Art. 64)
 * does not say whether such a decision makes it the year's money or leaves it carried-over
 * money spent on another line, so this is data, not code:
 * - 'released': the permitting decision makes it the year's money: no deadline of its own
 *   (what the ledger did before 0.9.x; the decision is on the transfer's request);
 * - 'refused': carried-over money never loses its deadline: the move is refused.
 * One line has one deadline, so the year's own line cannot take the carried one without
 * putting its own money under it (and, for a deadline past 31/01, letting it run longer).
 */
export type IntoCurrentYear = 'released' | 'refused';

export interface DeadlineCarriageRules {
  readonly intoCurrentYear: IntoCurrentYear;
}

export const DEADLINE_CARRIAGE: DeadlineCarriageRules = { intoCurrentYear: 'released' };

/** The deadline the money leaving a line keeps: the line's own, if it has one. */
export function deadlineCarriedFrom(state: BudgetLineState): CarriedDeadline | null {
  const deadline = state.carryOverDeadline;
  if (deadline === null) return null;
  return {
    deadline,
    deadlineBasis: state.deadlineBasis ?? 'default',
    decision: state.deadlineDecision,
    extensions: state.deadlineExtensions,
  };
}

/**
 * The deadline money arriving by a reallocation gives its line (money keeps the deadline it
 * carries): a line of carried-over money takes it, and refuses money under another deadline
 * (as a carry-in does: it would lapse on the wrong day) or once its own money has lapsed; a
 * line of the year's own money follows `rules.intoCurrentYear`. Null: the line's deadline
 * does not change (it carries none, has this one already, or the rule released it).
 */
export function deadlineOnArrival(
  carried: CarriedDeadline | null | undefined,
  key: BudgetLineKey,
  state: BudgetLineState,
  lineId: string,
  rules: DeadlineCarriageRules = DEADLINE_CARRIAGE,
): CarriedDeadline | null {
  if (!carried) return null;
  if (!isCarriedOver(key)) {
    if (rules.intoCurrentYear === 'refused')
      throw deadlineErrors.intoCurrentYear(lineId, carried.deadline);
    return null;
  }
  const own = state.carryOverDeadline;
  if (own !== null && own !== carried.deadline) {
    throw deadlineErrors.conflicting(lineId, own, carried.deadline);
  }
  // Its money lapsed: what arrives could be neither spent nor lapsed any more.
  if (state.lapsed) throw lineErrors.carryOverExpired(own ?? carried.deadline);
  return carried;
}
