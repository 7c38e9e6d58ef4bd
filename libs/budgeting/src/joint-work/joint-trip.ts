/** A member of a joint team: the person and the unit that sent them. */
export interface TripMember {
  readonly personId: string;
  readonly name: string;
  /** The member's home unit (đơn vị cử người), as the travel order names it. */
  readonly unit: string;
}

/**
 * A joint team's trip (đoàn kiểm tra, giám sát, học tập kinh nghiệm) as the travel order
 * (lệnh điều động / quyết định cử đoàn) states it: the fact a travel claim is checked against.
 */
export interface JointTrip {
  readonly tripId: string;
  readonly team: string;
  /** The unit leading the team (trưởng đoàn's unit). */
  readonly leadUnit: string;
  readonly members: readonly TripMember[];
  readonly from: string;
  readonly to: string;
  readonly travelOrder: { readonly number: string; readonly issuedOn: string };
}

/** Who travelled on which days of the trip, as a proposal claims them. */
export interface TripTraveller {
  readonly personId: string;
  readonly from: string;
  readonly to: string;
}

/** What a travel-allowance proposal for a joint team names: the trip and who travelled. */
export interface JointTripClaim {
  readonly tripId: string;
  readonly travellers: readonly TripTraveller[];
}

export function jointTripStreamId(tripId: string): string {
  return `joint-trip-${tripId}`;
}

const DAY_MS = 86_400_000;

/** Days from `from` to `to`, both counted. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}
