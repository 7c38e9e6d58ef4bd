import type { EventStore } from '@app/event-store';
import {
  travellerDaysDecider,
  travellerDaysStreamId,
  type JointTrip,
  type TravellerDaysCommand,
  type TravellerDaysEvent,
  type TravellerDaysState,
  type TripDaysClaim,
} from '@app/budgeting';
import { handle, loadStream, type CommandContext } from '../command-executor';

/** What a proposal holds on one traveller's stream. */
export type TravellerDaysHoldCommand = Extract<TravellerDaysCommand, { type: 'HoldTravellerDays' }>;

/**
 * The holds a trip's claim makes on its travellers' own streams, one a person, in the
 * order of their streams: two proposals naming the same people meet on the first of them,
 * so one of the two lands instead of each taking one person and refusing the other.
 */
export function travellerHolds(
  trip: JointTrip,
  claim: TripDaysClaim,
): TravellerDaysHoldCommand['data'][] {
  return claim.travellers
    .map(({ personId, from, to }) => ({
      personId,
      name: trip.members.find((m) => m.personId === personId)?.name ?? personId,
      tripId: trip.tripId,
      expenditureId: claim.expenditureId,
      budgetLineId: claim.budgetLineId,
      unit: claim.unit,
      from,
      to,
    }))
    .sort((a, b) => {
      const [x, y] = [travellerDaysStreamId(a.personId), travellerDaysStreamId(b.personId)];
      return x < y ? -1 : x > y ? 1 : 0;
    });
}

/**
 * A person's days across trips (see travellerDaysDecider): each traveller's stream is
 * appended on its own, with its expected revision. Several people are several appends,
 * so ProposalReservations takes them one by one and gives them back on a later refusal.
 */
export class TravellerDays {
  constructor(private readonly store: EventStore) {}

  /** Decides the holds on the streams as they stand, appending nothing: a refusal records nothing. */
  async check(holds: readonly TravellerDaysHoldCommand['data'][]): Promise<void> {
    for (const data of holds) {
      const { state } = await loadStream<TravellerDaysEvent, TravellerDaysState>(this.store, {
        streamId: travellerDaysStreamId(data.personId),
        name: travellerDaysDecider.name,
        initialState: travellerDaysDecider.initialState,
        evolve: (s, e) => travellerDaysDecider.evolve(s, e),
      });
      travellerDaysDecider.decide({ type: 'HoldTravellerDays', data }, state);
    }
  }

  async hold(context: CommandContext, data: TravellerDaysHoldCommand['data']): Promise<void> {
    await handle(this.store, context, travellerDaysStreamId(data.personId), travellerDaysDecider, {
      type: 'HoldTravellerDays',
      data,
    });
  }

  /** Records nothing when the expenditure holds no days of the person (e.g. claimed before these streams). */
  async release(
    context: CommandContext,
    personId: string,
    expenditureId: string,
    reason: string,
  ): Promise<void> {
    await handle(this.store, context, travellerDaysStreamId(personId), travellerDaysDecider, {
      type: 'ReleaseTravellerDays',
      data: { personId, expenditureId, reason },
    });
  }
}
