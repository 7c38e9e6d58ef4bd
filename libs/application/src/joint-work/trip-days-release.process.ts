import type { EventStore, RecordedEvent } from '@app/event-store';
import { jointTripDecider, jointTripStreamId } from '@app/budgeting';
import { handle } from '../command-executor';
import { textField } from '../event-codec';
import type { LineCommands } from '../shared/line-commands';
import { releaseContext, holdsEnded } from '../follow-ups/spending-ended';
import { loadJointTrip } from './joint-travel';
import { TravellerDays } from './traveller-days';

/**
 * A rejected, reversed, Treasury-released or lapsed joint-team claim gives its travellers'
 * days back to the trip and to each traveller's own stream, so a corrected claim (by the
 * lead agency, on this trip or another) can take them; until then they stay held.
 */
export class TripDaysReleaseProcess {
  private readonly travellers: TravellerDays;

  constructor(
    private readonly store: EventStore,
    private readonly lines: LineCommands,
  ) {
    this.travellers = new TravellerDays(store);
  }

  async handle(event: RecordedEvent): Promise<void> {
    const reason = holdsEnded(event);
    if (reason === null) return;
    const expenditureId = textField(event, 'expenditureId');
    const line = await this.lines.state(textField(event, 'budgetLineId'));
    const tripId = line.expenditures.get(expenditureId)?.jointTripId;
    if (typeof tripId !== 'string') return;
    // Each traveller's own hold first: they are found by the trip's claim, released last,
    // so a redelivery after a crash in between still finds them.
    const held = (await loadJointTrip(this.store, tripId)).state.claims.get(expenditureId);
    for (const { personId } of held?.travellers ?? []) {
      await this.travellers.release(
        releaseContext('traveller-days-release', event),
        personId,
        expenditureId,
        reason,
      );
    }
    await handle(
      this.store,
      releaseContext('trip-days-release', event),
      jointTripStreamId(tripId),
      jointTripDecider,
      { type: 'ReleaseTripDays', data: { expenditureId, reason } },
    );
  }
}
