import type { RecordedEvent } from '@app/event-store';
import { textField } from '../event-codec';
import type { LedgerClock } from '../shared/ledger-clock';
import type { LineCommands } from '../shared/line-commands';
import { SYSTEM_ACTOR } from '../transfers/transfer.process';

/**
 * Carried-over money lapses after 31/12 of the year it was carried into. This process
 * learns each carried-over line's deadline from the log (it reads from the start on every
 * boot, so deadlines that passed while the service was down are caught) and, whenever
 * it runs, records the lapse of each line whose deadline has passed. The line decider
 * makes a second lapse a no-op, so running twice is safe.
 */
export class CarryOverLapseProcess {
  private readonly deadlines = new Map<string, string>();
  /** Position of the last event observed: lapses wait until it reaches the log's head. */
  observedUpTo: bigint | null = null;

  constructor(
    private readonly lines: LineCommands,
    private readonly clock: LedgerClock,
  ) {}

  observe(event: RecordedEvent): void {
    this.observedUpTo = event.position;
    if (event.type === 'FundsCarriedIn') {
      this.deadlines.set(textField(event, 'budgetLineId'), textField(event, 'deadline'));
    } else if (event.type === 'CarryOverLapsed') {
      this.deadlines.delete(textField(event, 'budgetLineId'));
    }
  }

  /** Lapses every line past its deadline; returns the lines lapsed. */
  async lapseDue(): Promise<string[]> {
    const today = this.clock.today();
    const lapsed: string[] = [];
    for (const [lineId, deadline] of [...this.deadlines]) {
      if (today <= deadline) continue;
      const result = await this.lines.run(
        lineId,
        {
          actor: SYSTEM_ACTOR,
          commandId: `lapse:${lineId}:${deadline}`,
          correlationId: `lapse:${lineId}`,
          causationId: null,
          // The lapse takes effect the day after the deadline.
          effectiveDate: nextDay(deadline),
          recordedOn: today,
        },
        { type: 'LapseCarryOver', data: { today } },
      );
      this.deadlines.delete(lineId);
      if (result.events.length > 0) lapsed.push(lineId);
    }
    return lapsed;
  }
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
