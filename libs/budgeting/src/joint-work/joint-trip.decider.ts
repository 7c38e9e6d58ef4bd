import type { Actor } from '../shared/actor';
import { authorize } from '../shared/authorization';
import { assertNever, type Decider } from '../shared/decider';
import { requireDate, requireDocumentNumber, requireText } from '../reference/field.validation';
import { jointWorkErrors } from './joint-work.errors';
import { JOINT_WORK_POLICIES } from './joint-work.policy';
import type { JointTrip, TripMember, TripTraveller } from './joint-trip';
import { checkTripClaim } from './trip-claim.rules';

/** A proposal's hold on its travellers' days: released when it is rejected or reversed. */
export interface TripDaysClaim {
  readonly expenditureId: string;
  readonly budgetLineId: string;
  readonly unit: string;
  readonly travellers: readonly TripTraveller[];
}

export type JointTripEvent =
  | {
      readonly type: 'JointTripRecorded';
      readonly data: JointTrip & { readonly recordedBy: string };
    }
  | { readonly type: 'TripDaysClaimed'; readonly data: TripDaysClaim & { readonly tripId: string } }
  | {
      readonly type: 'TripDaysReleased';
      readonly data: {
        readonly tripId: string;
        readonly expenditureId: string;
        readonly reason: string;
      };
    };

export type JointTripCommand =
  | {
      readonly type: 'RecordJointTrip';
      readonly actor: Actor;
      readonly on: string;
      readonly recordedOn?: string;
      /** Whether the lead unit is registered and in force on the trip's first day (read by the handler). */
      readonly leadUnitInForce: boolean;
      readonly data: JointTrip;
    }
  | {
      /** Issued by ProposeExpenditure once the line accepted the proposal's rules. */
      readonly type: 'ClaimTripDays';
      readonly data: TripDaysClaim & {
        readonly tripId: string;
        readonly normClaim: Parameters<typeof checkTripClaim>[2];
      };
    }
  | {
      readonly type: 'ReleaseTripDays';
      readonly data: { readonly expenditureId: string; readonly reason: string };
    };

export interface JointTripState {
  readonly trip: JointTrip | null;
  /** Claims in force, by expenditure id (a trip has few: a copy per claim is cheap). */
  readonly claims: ReadonlyMap<string, TripDaysClaim>;
}

function validatedTrip(t: JointTrip): JointTrip {
  const from = requireDate(t.from, 'from');
  const to = requireDate(t.to, 'to');
  if (to < from) throw jointWorkErrors.datesOutOfOrder('to', from, to);
  const issuedOn = requireDate(t.travelOrder?.issuedOn, 'travelOrder.issuedOn');
  if (issuedOn > from) throw jointWorkErrors.orderAfterDeparture(issuedOn, from);
  // Imports and the CLI feed deciders too: a missing list is refused, not read as any.
  const given: readonly TripMember[] = Array.isArray(t.members) ? t.members : [];
  if (given.length === 0) throw jointWorkErrors.noMembers();
  const seen = new Set<string>();
  const members = given.map((m, i) => {
    const personId = requireText(m.personId, `members[${i}].personId`);
    if (seen.has(personId)) throw jointWorkErrors.memberTwice(`members[${i}].personId`, personId);
    seen.add(personId);
    return {
      personId,
      name: requireText(m.name, `members[${i}].name`),
      unit: requireText(m.unit, `members[${i}].unit`),
    };
  });
  return {
    tripId: requireText(t.tripId, 'tripId'),
    team: requireText(t.team, 'team'),
    leadUnit: requireText(t.leadUnit, 'leadUnit'),
    members,
    from,
    to,
    travelOrder: {
      number: requireDocumentNumber(t.travelOrder.number, 'travelOrder.number').text,
      issuedOn,
    },
  };
}

function record(c: Extract<JointTripCommand, { type: 'RecordJointTrip' }>, s: JointTripState) {
  authorize(JOINT_WORK_POLICIES.RecordJointTrip, c.actor, {
    targets: [{ unit: c.data.leadUnit }],
    on: c.on,
    recordedOn: c.recordedOn ?? c.on,
  });
  const trip = validatedTrip(c.data);
  if (!c.leadUnitInForce) throw jointWorkErrors.unitUnknown('leadUnit', trip.leadUnit, trip.from);
  if (s.trip) {
    if (JSON.stringify(s.trip) === JSON.stringify(trip)) return [];
    throw jointWorkErrors.tripConflict(trip.tripId);
  }
  return [{ type: 'JointTripRecorded' as const, data: { ...trip, recordedBy: c.actor.userId } }];
}

const overlaps = (a: TripTraveller, b: TripTraveller) =>
  a.personId === b.personId && a.from <= b.to && b.from <= a.to;

/**
 * The trip's stream holds every claim on its members' days: appended with the expected
 * revision, a claim is decided on all the claims before it, whichever unit or line they
 * came from — two proposals racing for one person-day cannot both land.
 */
function claim(c: Extract<JointTripCommand, { type: 'ClaimTripDays' }>, s: JointTripState) {
  const { tripId, normClaim, ...held } = c.data;
  if (!s.trip) throw jointWorkErrors.tripUnknown(tripId);
  if (s.claims.get(held.expenditureId)) return [];
  const travellers = checkTripClaim(s.trip, { tripId, travellers: held.travellers }, normClaim);
  for (const other of s.claims.values()) {
    for (const mine of travellers) {
      const taken = other.travellers.find((t) => overlaps(t, mine));
      if (!taken) continue;
      const member = s.trip.members.find((m) => m.personId === mine.personId)!;
      const from = mine.from > taken.from ? mine.from : taken.from;
      const to = mine.to < taken.to ? mine.to : taken.to;
      throw jointWorkErrors.personDaysTaken(member, from, to, other);
    }
  }
  return [{ type: 'TripDaysClaimed' as const, data: { ...held, tripId, travellers } }];
}

export const jointTripDecider: Decider<JointTripCommand, JointTripEvent, JointTripState> = {
  name: 'joint-trip@1',
  initialState: { trip: null, claims: new Map() },
  evolve(state, event) {
    switch (event.type) {
      case 'JointTripRecorded': {
        const { recordedBy: _by, ...trip } = event.data;
        return { ...state, trip };
      }
      case 'TripDaysClaimed': {
        const { tripId: _trip, ...held } = event.data;
        return { ...state, claims: new Map(state.claims).set(held.expenditureId, held) };
      }
      case 'TripDaysReleased': {
        const claims = new Map(state.claims);
        claims.delete(event.data.expenditureId);
        return { ...state, claims };
      }
      default:
        return assertNever(event);
    }
  },
  decide(c, state) {
    switch (c.type) {
      case 'RecordJointTrip':
        return record(c, state);
      case 'ClaimTripDays':
        return claim(c, state);
      case 'ReleaseTripDays': {
        const tripId = state.trip?.tripId ?? '';
        return state.claims.get(c.data.expenditureId)
          ? [{ type: 'TripDaysReleased', data: { ...c.data, tripId } }]
          : [];
      }
      default:
        return assertNever(c);
    }
  },
};
