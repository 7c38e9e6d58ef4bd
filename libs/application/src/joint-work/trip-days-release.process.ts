import type { EventStore, RecordedEvent } from '@app/event-store';
import { jointTripDecider, jointTripStreamId } from '@app/budgeting';
import { handle } from '../command-executor';
import { textField } from '../event-codec';
import type { LineCommands } from '../shared/line-commands';
import { releaseContext, holdsEnded } from '../follow-ups/spending-ended';

/**
 * A rejected, reversed, Treasury-released or lapsed joint-team claim gives its travellers' days back to the trip, so
 * a corrected claim (by the lead agency) can take them; until then they stay held.
 */
export class TripDaysReleaseProcess {
  constructor(
    private readonly store: EventStore,
    private readonly lines: LineCommands,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    const reason = holdsEnded(event);
    if (reason === null) return;
    const expenditureId = textField(event, 'expenditureId');
    const line = await this.lines.state(textField(event, 'budgetLineId'));
    const tripId = line.expenditures.get(expenditureId)?.jointTripId;
    if (typeof tripId !== 'string') return;
    await handle(
      this.store,
      releaseContext('trip-days-release', event),
      jointTripStreamId(tripId),
      jointTripDecider,
      { type: 'ReleaseTripDays', data: { expenditureId, reason } },
    );
  }
}
