import type { RecordedEvent } from '@app/event-store';
import { DayClock } from '../testing/day-clock';
import type { LineCommands } from '../shared/line-commands';
import { CarryOverLapseProcess } from './carry-over-lapse.process';

const LINE = '2024.DA6.TDA2.district.2023.LDTBXH';

let position = 0n;
const recorded = (type: string, data: Record<string, unknown>): RecordedEvent =>
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
    const clock = new DayClock('2024-12-31');
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

  it('lapses at the deadline reallocated money brought, and at an extension’s, not before', async () => {
    const runs: string[] = [];
    const lines = {
      run: (_line: string, context: { commandId: string }) => {
        runs.push(context.commandId);
        return Promise.resolve({ events: [{}], position: null });
      },
    } as unknown as LineCommands;
    const clock = new DayClock('2024-10-01');
    const process = new CarryOverLapseProcess(lines, clock);
    // Money of no deadline (the year's own, or recorded before deadlines moved) sets none.
    process.observe(recorded('FundsTransferredIn', { fromLine: 'x' }));
    expect(await process.lapseDue()).toEqual([]);
    process.observe(
      recorded('FundsTransferredIn', {
        carriedDeadline: { deadline: '2024-09-30', deadlineBasis: 'decision', extensions: [] },
      }),
    );
    process.observe(recorded('CarryOverDeadlineExtended', { deadline: '2024-11-30' }));
    // Run at the first date too: the line's decider, knowing the extension, lapses nothing then.
    expect(await process.lapseDue()).toEqual([LINE]);
    clock.day = '2024-11-30';
    expect(await process.lapseDue()).toEqual([]);
    clock.day = '2024-12-01';
    expect(await process.lapseDue()).toEqual([LINE]);
    expect(runs).toEqual([`lapse:${LINE}:2024-09-30`, `lapse:${LINE}:2024-11-30`]);
  });
});
