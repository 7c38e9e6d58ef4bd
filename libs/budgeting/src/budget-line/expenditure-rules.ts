import type { Money } from '../shared/money';
import type { BudgetLineKey } from './budget-line-key';
import { lineErrors } from './budget-line.errors';
import type { ExpenditureCategory } from './budget-line.events';
import type { BudgetLineState } from './budget-line.state';
import { normInForce, type SpendingNorm } from './spending-norms';

interface ProposedSpending {
  readonly category: ExpenditureCategory;
  readonly amount: Money;
  readonly voucher: string | null;
  readonly personDays: number | null;
  readonly jointTeam: boolean;
  readonly leadAgency: string;
}

/**
 * Rules of Circular 55/2023/TT-BTC the seed plan repeats: no double funding (Art. 3), and
 * the lead agency alone pays the travel of joint teams and study tours (Art. 54(4)).
 * Vouchers are unique program-wide through their own stream (see the handler); this
 * check also catches a repeat within the line.
 */
export function checkExpenditureRules(
  state: BudgetLineState,
  key: BudgetLineKey,
  d: ProposedSpending,
  on: string,
): void {
  if (d.voucher !== null) {
    for (const other of state.expenditures.values()) {
      if (
        other.voucher === d.voucher &&
        other.status !== 'rejected' &&
        other.status !== 'reversed'
      ) {
        throw lineErrors.doubleFunding(d.voucher, other.id);
      }
    }
  }
  const teamTravel =
    d.category === 'study_tour' || (d.category === 'travel_allowance' && d.jointTeam);
  if (teamTravel && key.unit !== d.leadAgency) throw lineErrors.leadAgencyOnly(d.leadAgency);
  normCheck(d.category, d.amount, d.personDays, on);
}

/** The norm in force on the date, when the expenditure states the quantity it caps. */
export function normCheck(
  category: ExpenditureCategory,
  amount: Money,
  personDays: number | null,
  on: string,
): SpendingNorm | null {
  const norm = normInForce(category, on);
  if (!norm || personDays === null) return null;
  const cap = norm.perPersonDay * BigInt(personDays);
  if (amount > cap) throw lineErrors.exceedsNorm(cap, personDays, norm.legalBasis);
  return norm;
}
