import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@app/event-store';
import { budgetLineStreamId, fiscalYearStreamId, yearLinesStreamId } from '@app/budgeting';
import {
  admin,
  approver,
  authority,
  context,
  registerReference,
} from '../testing/command-context.fixture';
import { LineCommands } from '../shared/line-commands';
import { checkConservation } from '../audit/conservation';
import { AllocateFundsCommand, AllocateFundsHandler } from '../lines/allocate-funds.handler';
import {
  ApproveFiscalYearCloseCommand,
  ApproveFiscalYearCloseHandler,
  ProposeFiscalYearCloseCommand,
  ProposeFiscalYearCloseHandler,
} from './close-fiscal-year.handler';
import { registeredDecision } from '@app/testing';

const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const KEY = {
  fiscalYear: 2024,
  programPart: 'DA7.TDA1',
  fundSource: 'central' as const,
  sourceYear: 2024,
  unit: 'LDTBXH',
};

/**
 * The close's approval and a command on a line of the year, run concurrently: the line
 * command has read the year as open and is about to append when the close is recorded.
 * Exactly one must hold afterwards: the line command was refused (year closed), or the
 * close's settlement saw what it wrote. Never both missing (money moved in a closed year
 * that the close did not settle).
 */
describe('closing a fiscal year while a line command is in flight (embedded store)', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'close-year-race-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await registerReference(store, ['LDTBXH']);
    const lines = new LineCommands(store);
    await new AllocateFundsHandler(store, lines).execute(
      new AllocateFundsCommand(context(admin, '2024-03-25'), KEY, 1_000_000n, '30/QĐ-UBND', [
        '30/QĐ-UBND',
      ]),
    );
    await lines.run(LINE, context(admin, '2025-01-20'), {
      type: 'CancelFunds',
      data: {
        amount: 1_000_000n,
        decision: '45/QĐ-UBND',
        reason: 'Hủy dự toán không sử dụng hết',
        ...registeredDecision('45/QĐ-UBND', '2025-01-15'),
      },
    });
    await new ProposeFiscalYearCloseHandler(store, lines).execute(
      new ProposeFiscalYearCloseCommand(context(admin, '2025-02-15'), 2024),
    );
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * The store as a second process sees it (its own stream cache): its first append to the
   * stream (the line's, by default) waits at a gate, after the command has read the year and
   * decided.
   */
  function gatedStore(stream = budgetLineStreamId(LINE)): {
    store: EventStore;
    reached: Promise<void>;
    open: () => void;
  } {
    let reach!: () => void;
    let open!: () => void;
    const reached = new Promise<void>((r) => (reach = r));
    const gate = new Promise<void>((r) => (open = r));
    let gated = true;
    const proxy = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop !== 'append') {
          const value: unknown = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        }
        return async (...args: Parameters<EventStore['append']>) => {
          if (gated && args[0] === stream) {
            gated = false;
            reach();
            await gate;
          }
          return target.append(...args);
        };
      },
    });
    return { store: proxy, reached, open };
  }

  /** 'done', or what the command threw. */
  const outcome = (p: Promise<unknown>): Promise<unknown> =>
    p.then(
      () => 'done',
      (e: unknown) => e,
    );
  /** A late allocation of 500.000 đồng to the year (dated in it, as an adjustment would be). */
  const lateAllocation = (on: EventStore) =>
    outcome(
      new AllocateFundsHandler(on, new LineCommands(on)).execute(
        new AllocateFundsCommand(context(admin, '2024-12-20'), KEY, 500_000n, '30/QĐ-UBND', [
          '30/QĐ-UBND',
        ]),
      ),
    );
  const approveClose = (on: EventStore) =>
    outcome(
      new ApproveFiscalYearCloseHandler(on, new LineCommands(on)).execute(
        new ApproveFiscalYearCloseCommand(
          { ...context(approver, '2025-02-20'), effectiveDate: null },
          2024,
          { ...authority, validTo: '2025-12-31' },
        ),
      ),
    );
  /** What the log holds afterwards. */
  async function logged(): Promise<{ allocations: number; closed: boolean; sealed: boolean }> {
    const line = (await store.readStream(budgetLineStreamId(LINE))).map((e) => e.type);
    const year = (await store.readStream(fiscalYearStreamId(2024))).map((e) => e.type);
    return {
      allocations: line.filter((t) => t === 'FundsAllocated').length,
      closed: year.includes('FiscalYearClosed'),
      sealed: line.lastIndexOf('BudgetLineSealed') > line.lastIndexOf('BudgetLineUnsealed'),
    };
  }

  it('refuses a line command that decided on the open year and lands after the seal', async () => {
    const other = gatedStore();
    const lineCommand = lateAllocation(other.store);
    // Reached the append (decided on an open year); a refusal here would make the test moot.
    expect(await Promise.race([other.reached.then(() => 'reached'), lineCommand])).toBe('reached');
    const closing = approveClose(store);
    // The close runs as far as it can while the line command waits to append.
    await Promise.race([closing, new Promise((r) => setTimeout(r, 500))]);
    other.open();

    expect(await closing).toBe('done');
    expect(await lineCommand).toMatchObject({ code: 'BUDGET.FISCAL_YEAR_CLOSED' });
    expect(await logged()).toEqual({ allocations: 1, closed: true, sealed: true });
  });

  it('settles a line command that lands before the seal: the close sees it, and is refused', async () => {
    // The close's first seal waits at the gate, after the close decided on the lines unmoved.
    const closer = gatedStore();
    const closing = approveClose(closer.store);
    expect(await Promise.race([closer.reached.then(() => 'reached'), closing])).toBe('reached');
    expect(await lateAllocation(store)).toBe('done');
    closer.open();

    const refused = await closing;
    expect(refused).toMatchObject({ code: 'FISCAL_YEAR.LINES_NOT_SETTLED' });
    expect((refused as { messages: { vi: string } }).messages.vi).toContain('500.000');
    // The refused close gave the line back: it takes commands again, and the year can close.
    expect(await logged()).toEqual({ allocations: 2, closed: false, sealed: false });
    await new LineCommands(store).run(LINE, context(admin, '2025-01-25'), {
      type: 'CancelFunds',
      data: {
        amount: 500_000n,
        decision: '46/QĐ-UBND',
        reason: 'Hủy dự toán bổ sung',
        ...registeredDecision('46/QĐ-UBND', '2025-01-15'),
      },
    });
    expect(await approveClose(store)).toBe('done');
    expect(await logged()).toEqual({ allocations: 2, closed: true, sealed: true });
  });

  const NEW_LINE = '2024.DA6.TDA2.central.2024.LDTBXH';
  /** 500.000 đồng to a line of the year that has no stream yet (its first allocation). */
  const opening = (on: EventStore) =>
    outcome(
      new AllocateFundsHandler(on, new LineCommands(on)).execute(
        new AllocateFundsCommand(
          context(admin, '2024-12-20'),
          { ...KEY, programPart: 'DA6.TDA2' },
          500_000n,
          '30/QĐ-UBND',
          ['30/QĐ-UBND'],
        ),
      ),
    );
  const typesOf = async (stream: string) => (await store.readStream(stream)).map((e) => e.type);

  // Was the gap (README, "Closing a year: seal the lines, then settle them"): a command that
  // opens a NEW line has no stream to seal. It lists its line in the year's register first.
  it('refuses a command that listed a new line and lands after the close sealed it', async () => {
    const other = gatedStore(budgetLineStreamId(NEW_LINE));
    const opened = opening(other.store);
    // Listed in the register, decided on an open year, waiting to write the line's first event.
    expect(await Promise.race([other.reached.then(() => 'reached'), opened])).toBe('reached');
    const closing = approveClose(store);
    await Promise.race([closing, new Promise((r) => setTimeout(r, 500))]);
    other.open();

    expect(await closing).toBe('done');
    const refused = await opened;
    expect(refused).toMatchObject({ code: 'BUDGET.FISCAL_YEAR_CLOSED' });
    expect((refused as { messages: { vi: string; en: string } }).messages).toEqual({
      vi: expect.stringContaining('Năm ngân sách 2024 đã khóa sổ') as string,
      en: expect.stringContaining('Fiscal year 2024 is closed') as string,
    });
    // The close sealed the listed line before it had an event: no money landed on it.
    expect(await typesOf(budgetLineStreamId(NEW_LINE))).toEqual(['BudgetLineSealed']);
    // A line stream that begins with its seal holds no money: the audit still balances.
    expect(await checkConservation(store)).toMatchObject({ ok: true, held: 0n });
    expect(await typesOf(yearLinesStreamId(2024))).toEqual([
      'FiscalYearLineRegistered',
      // Recorded by the proposal (beforeEach): from here on the register alone is read.
      'FiscalYearLinesBackfilled',
      'FiscalYearLineRegistered',
      'FiscalYearLinesSealed',
    ]);
  });

  it('refuses a command that decided on the open register and lists after its seal', async () => {
    // Fails if the close stops sealing the register: the listing and the line's first event
    // would then land after the close, money moved in a closed year that nothing settled.
    const other = gatedStore(yearLinesStreamId(2024));
    const opened = opening(other.store);
    expect(await Promise.race([other.reached.then(() => 'reached'), opened])).toBe('reached');
    expect(await approveClose(store)).toBe('done');
    other.open();

    expect(await opened).toMatchObject({ code: 'BUDGET.FISCAL_YEAR_CLOSED' });
    expect(await store.readStream(budgetLineStreamId(NEW_LINE))).toEqual([]);
    const register = await typesOf(yearLinesStreamId(2024));
    expect(register.at(-1)).toBe('FiscalYearLinesSealed');
    expect(register.filter((t) => t === 'FiscalYearLineRegistered')).toHaveLength(1);
  });

  it('settles a new line opened before the seal: the close sees it, and is refused', async () => {
    // The close's seal of the register waits at the gate, after the close decided.
    const closer = gatedStore(yearLinesStreamId(2024));
    const closing = approveClose(closer.store);
    expect(await Promise.race([closer.reached.then(() => 'reached'), closing])).toBe('reached');
    expect(await opening(store)).toBe('done');
    closer.open();

    const refused = await closing;
    expect(refused).toMatchObject({ code: 'FISCAL_YEAR.LINES_NOT_SETTLED' });
    expect((refused as { messages: { vi: string } }).messages.vi).toContain(NEW_LINE);
    // Given back: the register takes new lines again, the new line takes commands.
    expect((await typesOf(yearLinesStreamId(2024))).at(-1)).toBe('FiscalYearLinesUnsealed');
    expect((await typesOf(budgetLineStreamId(NEW_LINE))).at(-1)).toBe('BudgetLineUnsealed');
    await new LineCommands(store).run(NEW_LINE, context(admin, '2025-01-25'), {
      type: 'CancelFunds',
      data: {
        amount: 500_000n,
        decision: '46/QĐ-UBND',
        reason: 'Hủy dự toán bổ sung',
        ...registeredDecision('46/QĐ-UBND', '2025-01-15'),
      },
    });
    expect(await approveClose(store)).toBe('done');
  });
});
