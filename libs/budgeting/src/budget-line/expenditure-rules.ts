import type { Money } from '../shared/money';
import type { BudgetLineKey } from './budget-line-key';
import { lineErrors } from './budget-line.errors';
import type { ExpenditureCategory } from './budget-line.events';
import type { BudgetLineState } from './budget-line.state';
import type { JointTripClaim } from '../joint-work/joint-trip';
import { jointWorkErrors } from '../joint-work/joint-work.errors';
import { applyNorms, type NormClaim, type NormsApplied } from '../norms/norm-claim';

interface ProposedSpending {
  readonly category: ExpenditureCategory;
  readonly amount: Money;
  readonly voucher: string | null;
  readonly personDays: number | null;
  readonly jointTeam: boolean;
  readonly leadAgency: string;
  readonly leadAgencyBasis?: string | null;
  readonly jointTrip?: JointTripClaim | null;
  readonly normClaim?: NormClaim | null;
  readonly province?: string | null;
}

/**
 * Rules of Circular 55/2023/TT-BTC the seed plan repeats: no double funding (Art. 3), and
 * the lead agency alone pays the travel of joint teams and study tours (Art. 54(4)).
 * Vouchers are unique program-wide through their own stream (see the handler); this
 * check also catches a repeat within the line. Then the spending norms (norms/): what
 * applied is returned, to be recorded on the proposal.
 */
export function checkExpenditureRules(
  state: BudgetLineState,
  key: BudgetLineKey,
  d: ProposedSpending,
): NormsApplied | null {
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
  // Naming a joint team's trip makes it the team's travel, whatever the flag says.
  const teamTravel =
    d.category === 'study_tour' ||
    (d.category === 'travel_allowance' && d.jointTeam) ||
    Boolean(d.jointTrip);
  if (teamTravel && key.unit !== d.leadAgency)
    throw lineErrors.leadAgencyOnly(d.leadAgency, d.leadAgencyBasis ?? null);
  // A joint team's days are paid against the recorded trip (checked on its stream).
  if (teamTravel && d.jointTeam && !d.jointTrip) throw jointWorkErrors.tripRequired();
  return applyNorms(d.category, d.amount, d.normClaim ?? null, d.province ?? null);
}
