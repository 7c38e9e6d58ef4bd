import { familyOf } from '../norms/norm-table';
import type { NormClaim } from '../norms/norm-claim';
import { requireDate, requireText } from '../reference/field.validation';
import { jointWorkErrors } from './joint-work.errors';
import { daysBetween, type JointTrip, type JointTripClaim, type TripTraveller } from './joint-trip';

/**
 * A joint team's travel claim against its trip: every traveller is a member, named once,
 * on days within the trip; the claim's own period lies within the trip; and the per-diem
 * claimed counts no more person-days than the travellers named. Returns the travellers
 * checked and trimmed.
 */
export function checkTripClaim(
  trip: JointTrip,
  claim: JointTripClaim,
  normClaim: NormClaim | null,
): TripTraveller[] {
  if (claim.travellers.length === 0) throw jointWorkErrors.tripRequired();
  const seen = new Set<string>();
  const travellers = claim.travellers.map((t, i) => {
    const at = `jointTrip.travellers[${i}]`;
    const personId = requireText(t.personId, `${at}.personId`);
    const from = requireDate(t.from, `${at}.from`);
    const to = requireDate(t.to, `${at}.to`);
    if (to < from) throw jointWorkErrors.datesOutOfOrder(`${at}.to`, from, to);
    if (seen.has(personId)) throw jointWorkErrors.memberTwice(`${at}.personId`, personId);
    seen.add(personId);
    if (!trip.members.some((m) => m.personId === personId))
      throw jointWorkErrors.notMember(`${at}.personId`, personId, trip.tripId);
    if (from < trip.from || to > trip.to)
      throw jointWorkErrors.outsideTrip(`${at}.from`, from, to, trip);
    return { personId, from, to };
  });
  if (normClaim) {
    const { from, to } = normClaim.period;
    if (from < trip.from || to > trip.to)
      throw jointWorkErrors.outsideTrip('normClaim.period', from, to, trip);
    const perDiem = normClaim.items
      .filter((item) => familyOf(item.kind) === 'per_diem')
      .reduce((sum, item) => sum + (item.persons ?? 0) * (item.days ?? 0), 0);
    const named = travellers.reduce((sum, t) => sum + daysBetween(t.from, t.to), 0);
    if (perDiem > named) throw jointWorkErrors.perDiemBeyondTravellers(perDiem, named);
  }
  return travellers;
}
