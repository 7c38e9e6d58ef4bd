import type { BudgetLineCommand } from './budget-line.commands';
import type { BudgetLineEvent } from './budget-line.events';
import type { BudgetLineState } from './budget-line.state';
import { deadlineErrors } from './carry-over-deadline';
import { parseBusinessDate } from '../shared/dates';
import { checkExtensionBasis } from './allocation-basis.rules';

type Extend = Extract<BudgetLineCommand, { type: 'ExtendCarryOverDeadline' }>;

/**
 * Gia hạn: a decision of the register of documents (EXTENSION_DECISIONS) moves a carried-over line's deadline later. Dated on or before the
 * deadline, it simply extends (and gives back what a lapse recorded too early took). Dated
 * after it, the money had lapsed by law: only a decision that says it lets lapsed money be
 * used again (`coversLapsed`, as Nghị quyết 108/2023/QH15 and 111/2024/QH15 did for NTP
 * money of 2021–2023) revives it; the lapsed amount comes back as available from the
 * extension's date, never before it.
 */
export function extendDeadline(
  c: Extend,
  state: BudgetLineState,
  lineId: string,
): BudgetLineEvent[] {
  const current = state.carryOverDeadline;
  if (current === null) throw deadlineErrors.noDeadline(lineId);
  const deadline = parseBusinessDate(c.data.deadline, 'deadline');
  if (deadline <= current) throw deadlineErrors.notLater(current, deadline);
  const { decision, decisionDocument } = c.data;
  // The register, not the citation, says the decision exists, is one that may extend, and
  // was issued by the date (the citation must carry the register's date of issue).
  checkExtensionBasis(decision, decisionDocument, c.on);
  if (c.on > current && !c.data.coversLapsed) throw deadlineErrors.alreadyLapsed(lineId, current);
  return [
    {
      type: 'CarryOverDeadlineExtended',
      data: {
        budgetLineId: lineId,
        decision,
        previousDeadline: current,
        deadline,
        restoredAmount: state.lapsed ? state.lapsedMoney : 0n,
      },
    },
  ];
}
