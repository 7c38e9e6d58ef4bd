import type { RecordedEvent } from '@app/event-store';
import { textField } from '../event-codec';
import type { LedgerClock } from '../shared/ledger-clock';
import type { LineCommands } from '../shared/line-commands';
import { SYSTEM_ACTOR } from '../transfers/transfer.process';

/**
 * Carried-over money lapses after its line's deadline. This process learns each
 * carried-over line's deadline from the log — its carry-in, money a reallocation moved to it
 * (which keeps its deadline), each extension — reading from the start on every boot, so
 * deadlines that passed while the service was down are caught; whenever it runs, it
 * records the lapse of each line whose deadline has passed. A decision keeping approved
 * expenditures past the deadline (CommitmentRetained) adds a later date on which the line
 * is lapsed again for what it kept. The line decider makes a repeated lapse a no-op, so
 * running twice is safe.
 */
export class CarryOverLapseProcess {
  /** Line → the dates after which something of it lapses (its deadline, retentions' ends). */
  private readonly due = new Map<string, Set<string>>();
  /** Position of the last event observed: lapses wait until it reaches the log's head. */
  observedUpTo: bigint | null = null;

  constructor(
    private readonly lines: LineCommands,
    private readonly clock: LedgerClock,
  ) {}

  observe(event: RecordedEvent): void {
    this.observedUpTo = event.position;
    const lineId = () => textField(event, 'budgetLineId');
    if (event.type === 'FundsCarriedIn' || event.type === 'CarryOverDeadlineExtended') {
      // An extension moves the line's deadline: the lapse is due after the new one.
      this.dueOn(lineId(), textField(event, 'deadline'));
    } else if (event.type === 'FundsTransferredIn') {
      // Reallocated carried-over money keeps its deadline on the line it moved to.
      const carried = carriedDeadlineOf(event);
      if (carried !== null) this.dueOn(lineId(), carried);
    } else if (event.type === 'CommitmentRetained') {
      this.dueOn(lineId(), textField(event, 'until'));
    } else if (event.type === 'CarryOverLapsed') {
      this.due.get(lineId())?.delete(textField(event, 'deadline'));
    }
  }

  private dueOn(lineId: string, date: string): void {
    const dates = this.due.get(lineId) ?? new Set<string>();
    dates.add(date);
    this.due.set(lineId, dates);
  }

  /** Lapses every line past one of its dates; returns the lines lapsed. */
  async lapseDue(): Promise<string[]> {
    const today = this.clock.today();
    const lapsed: string[] = [];
    for (const [lineId, dates] of [...this.due]) {
      const passed = [...dates].filter((date) => today > date).sort();
      const date = passed.at(-1);
      if (date === undefined) continue;
      const result = await this.lines.run(
        lineId,
        {
          actor: SYSTEM_ACTOR,
          commandId: `lapse:${lineId}:${date}`,
          correlationId: `lapse:${lineId}`,
          causationId: null,
          // The lapse takes effect the day after the date that passed.
          effectiveDate: nextDay(date),
          recordedOn: today,
        },
        { type: 'LapseCarryOver', data: { today } },
      );
      for (const d of passed) dates.delete(d);
      if (dates.size === 0) this.due.delete(lineId);
      if (result.events.length > 0) lapsed.push(lineId);
    }
    return lapsed;
  }
}

/** The deadline a reallocation's credit says its money keeps (null: none). */
function carriedDeadlineOf(event: RecordedEvent): string | null {
  const carried = event.data.carriedDeadline;
  if (carried === null || typeof carried !== 'object' || Array.isArray(carried)) return null;
  return typeof carried.deadline === 'string' ? carried.deadline : null;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
