import type { RecordedEvent } from '@app/event-store';
import { LedgerClock } from '../shared/ledger-clock';
import type { LineCommands } from '../shared/line-commands';
import { CarryOverLapseProcess } from './carry-over-lapse.process';

const LINE = '2024.DA6.TDA2.district.2023.LDTBXH';

class Clock extends LedgerClock {
  constructor(public day: string) {
    super();
  }
  now(): Date {
    return new Date(`${this.day}T00:00:00Z`);
  }
}

let position = 0n;
const recorded = (type: string, data: Record<string, string>): RecordedEvent =>
  ({
    id: `e${++position}`,
    streamId: `budget-line-${LINE}`,
    revision: position,
    position,
    type,
    schemaVersion: 1,
    data: { budgetLineId: LINE, ...data },
    metadata: {},
    previousHash: null,
  }) as unknown as RecordedEvent;

/**
 * The lapse follow-up runs the line's lapse the day after its deadline, and again the day
 * after what a decision kept expires (the decider decides what lapses each time).
 */
describe('the carry-over lapse follow-up', () => {
  it('lapses after the deadline, and again after a retention’s date', async () => {
    const runs: { commandId: string; effectiveDate: string; today: string }[] = [];
    const lines = {
      run: (
        _line: string,
        context: { commandId: string; effectiveDate: string },
        command: {
          data: { today: string };
        },
      ) => {
        runs.push({
          commandId: context.commandId,
          effectiveDate: context.effectiveDate,
          today: command.data.today,
        });
        return Promise.resolve({ events: [{}], position: null });
      },
    } as unknown as LineCommands;
    const clock = new Clock('2024-12-31');
    const process = new CarryOverLapseProcess(lines, clock);
    process.observe(recorded('FundsCarriedIn', { deadline: '2024-12-31' }));
    process.observe(recorded('CommitmentRetained', { until: '2025-03-31' }));

    expect(await process.lapseDue()).toEqual([]);
    clock.day = '2025-01-02';
    expect(await process.lapseDue()).toEqual([LINE]);
    // Its own lapse event, observed, changes nothing more; the retention's date is to come.
    process.observe(recorded('CarryOverLapsed', { deadline: '2024-12-31' }));
    clock.day = '2025-03-31';
    expect(await process.lapseDue()).toEqual([]);
    clock.day = '2025-04-01';
    expect(await process.lapseDue()).toEqual([LINE]);
    expect(await process.lapseDue()).toEqual([]);
    expect(runs).toEqual([
      { commandId: `lapse:${LINE}:2024-12-31`, effectiveDate: '2025-01-01', today: '2025-01-02' },
      { commandId: `lapse:${LINE}:2025-03-31`, effectiveDate: '2025-04-01', today: '2025-04-01' },
    ]);
  });
});
