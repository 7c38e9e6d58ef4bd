import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@app/event-store';
import { budgetLineStreamId, fiscalYearStreamId } from '@app/budgeting';
import {
  admin,
  approver,
  authority,
  context,
  registerReference,
} from '../testing/command-context.fixture';
import { LineCommands } from '../shared/line-commands';
import { AllocateFundsCommand, AllocateFundsHandler } from '../lines/allocate-funds.handler';
import {
  ApproveFiscalYearCloseCommand,
  ApproveFiscalYearCloseHandler,
  ProposeFiscalYearCloseCommand,
  ProposeFiscalYearCloseHandler,
} from './close-fiscal-year.handler';

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
      data: { amount: 1_000_000n, decision: '45/QĐ-UBND', reason: 'Hủy dự toán không sử dụng hết' },
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
   * line's stream waits at a gate, after the command has read the year and decided.
   */
  function gatedStore(): { store: EventStore; reached: Promise<void>; open: () => void } {
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
          if (gated && args[0] === budgetLineStreamId(LINE)) {
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

  it('refuses the line command or settles it, never neither', async () => {
    const other = gatedStore();
    const otherLines = new LineCommands(other.store);
    // A late allocation of 500.000 đồng to the year, decided while the year is open.
    const lineCommand = new AllocateFundsHandler(other.store, otherLines)
      .execute(
        new AllocateFundsCommand(context(admin, '2024-12-20'), KEY, 500_000n, '30/QĐ-UBND', [
          '30/QĐ-UBND',
        ]),
      )
      .then(
        () => 'recorded' as const,
        (e: unknown) => e,
      );
    // Reached the append (decided on an open year); a refusal here would make the test moot.
    const first = await Promise.race([other.reached.then(() => 'reached'), lineCommand]);
    expect(first).toBe('reached');

    const approve = new ApproveFiscalYearCloseHandler(store, new LineCommands(store));
    const closing = approve
      .execute(
        new ApproveFiscalYearCloseCommand(
          { ...context(approver, '2025-02-20'), effectiveDate: null },
          2024,
          { ...authority, validTo: '2025-12-31' },
        ),
      )
      .then(
        () => 'closed' as const,
        (e: unknown) => e,
      );
    // Let the close run as far as it can while the line command waits to append.
    await Promise.race([closing, new Promise((r) => setTimeout(r, 500))]);
    other.open();
    const [lineOutcome, closeOutcome] = await Promise.all([lineCommand, closing]);

    const lineEvents = (await store.readStream(budgetLineStreamId(LINE))).map((e) => e.type);
    const closed = (await store.readStream(fiscalYearStreamId(2024))).find(
      (e) => e.type === 'FiscalYearClosed',
    );
    const allocated = lineEvents.filter((t) => t === 'FundsAllocated').length === 2;
    if (lineOutcome === 'recorded') {
      expect(allocated).toBe(true);
      // The close saw the allocation: refused (money left), or not recorded before it.
      expect(closed).toBeUndefined();
      expect(closeOutcome).toMatchObject({ code: 'FISCAL_YEAR.LINES_NOT_SETTLED' });
    } else {
      expect(lineOutcome).toMatchObject({ code: 'BUDGET.FISCAL_YEAR_CLOSED' });
      expect(allocated).toBe(false);
      expect(closeOutcome).toBe('closed');
      expect(closed).toBeDefined();
    }
  });
});
