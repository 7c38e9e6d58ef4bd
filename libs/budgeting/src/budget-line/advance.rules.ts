/**
 * When recovered advance money still returns to its line, as data (README "Advances"):
 * within the fiscal year and its adjustment period (chỉnh lý quyết toán, to 31/01 of the
 * next year, as every payment of the year; a carried-over line to its deadline). After it
 * the year's estimate is closed, so the money goes back to the budget (nộp trả / giảm chi)
 * and leaves the line. Not verified against Thông tư 62/2020/TT-BTC nor Nghị định
 * 11/2020/NĐ-CP (their text could not be read this session): a documented choice.
 */
export const ADVANCE_RULES = {
  /** Months after the fiscal year's end that recovered money still returns to the line. */
  recoveryToLineMonthsAfterYear: 1,
  /** Its last day, MM-DD, in the next year. */
  recoveryToLineUntil: '01-31',
  /**
   * Whether recovered money gives its plan activity's room back, by where it went. Both, by
   * choice: the activity's planned amount caps what is spent on it, and recovered money was
   * not spent on it wherever it went (the plan view's committed and paid already drop by it,
   * and the year's settlement counts spending net of recoveries). Room is not money: money
   * returned to the budget leaves the line, so the room it frees is used only by money still
   * available on a line of that year, under every other rule. Not verified either.
   */
  recoveryFreesActivityRoom: { line: true, budget: true },
  source: 'Lựa chọn của phần mềm (chưa đối chiếu TT 62/2020/TT-BTC) / the product’s choice',
  verified: false,
} as const;

/** The last day recovered money of a line of `fiscalYear` returns to it (`deadline`: a carry-over's). */
export function recoveryToLineUntil(fiscalYear: number, deadline: string | null): string {
  const yearEnd = `${fiscalYear + 1}-${ADVANCE_RULES.recoveryToLineUntil}`;
  if (deadline === null) return yearEnd;
  // Carried-over money is used up to its deadline, and no later even in the adjustment period.
  return deadline;
}

/** Whether money recovered to `returnsTo` gives its plan activity's room back (the rule above). */
export function recoveryFreesActivityRoom(returnsTo: 'line' | 'budget'): boolean {
  return ADVANCE_RULES.recoveryFreesActivityRoom[returnsTo];
}
