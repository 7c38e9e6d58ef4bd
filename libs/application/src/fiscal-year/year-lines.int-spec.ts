import { randomUUID } from 'node:crypto';
import type { EventStore } from '@app/event-store';
import {
  budgetLineStreamId,
  fiscalYearStreamId,
  yearLinesStreamId,
  type BudgetLineKey,
} from '@app/budgeting';
import {
  admin,
  approver,
  authority,
  context,
  embeddedLedgerPerTest,
  givenLineOpenedBeforeRegister,
} from '../testing/command-context.fixture';
import { LineCommands } from '../shared/line-commands';
import { SYSTEM_ACTOR } from '../transfers/transfer.process';
import { AllocateFundsCommand, AllocateFundsHandler } from '../lines/allocate-funds.handler';
import {
  ApproveFiscalYearCloseCommand,
  ApproveFiscalYearCloseHandler,
  ProposeFiscalYearCloseCommand,
  ProposeFiscalYearCloseHandler,
} from './close-fiscal-year.handler';
import { registeredDecision } from '@app/testing';

const OLD = '2024.DA7.TDA1.central.2024.LDTBXH';
const NEXT_YEAR = '2025.DA7.TDA1.central.2025.LDTBXH';
const key = (programPart: string, sourceYear = 2024): BudgetLineKey => ({
  fiscalYear: 2024,
  programPart,
  fundSource: 'central',
  sourceYear,
  unit: 'LDTBXH',
});
const idOf = (k: BudgetLineKey) =>
  `${k.fiscalYear}.${k.programPart}.${k.fundSource}.${k.sourceYear}.${k.unit}`;

/**
 * The register of a year's lines (fiscal-year-lines-<year>): every door that opens a line
 * lists it before the line's first event, and the close reads the year's lines from it; a
 * log whose lines predate it is backfilled by the first proposal recorded (one pass over
 * the log). Its races with the close: close-fiscal-year.race.int-spec.ts.
 */
describe('the register of a year’s lines, on the embedded store', () => {
  const ledger = embeddedLedgerPerTest('year-lines', ['LDTBXH']);
  const types = async (stream: string) =>
    (await ledger.store.readStream(stream)).map((e) => e.type);
  const register = () => ledger.store.readStream(yearLinesStreamId(2024));

  const allocate = (k: BudgetLineKey, on = '2024-03-25', amount = 1_000_000n) =>
    new AllocateFundsHandler(ledger.store, ledger.lines).execute(
      new AllocateFundsCommand(context(admin, on), k, amount, '30/QĐ-UBND', ['30/QĐ-UBND']),
    );
  const cancel = (lineId: string, amount = 1_000_000n) =>
    ledger.lines.run(lineId, context(admin, '2025-01-20'), {
      type: 'CancelFunds',
      data: {
        amount,
        decision: '45/QĐ-UBND',
        reason: 'Hủy dự toán không sử dụng hết',
        ...registeredDecision('45/QĐ-UBND', '2025-01-15'),
      },
    });
  const propose = (on: EventStore = ledger.store) =>
    new ProposeFiscalYearCloseHandler(on, new LineCommands(on)).execute(
      new ProposeFiscalYearCloseCommand(context(admin, '2025-02-15'), 2024),
    );
  const approve = (on: EventStore = ledger.store) =>
    new ApproveFiscalYearCloseHandler(on, new LineCommands(on)).execute(
      new ApproveFiscalYearCloseCommand(
        { ...context(approver, '2025-02-20'), effectiveDate: null },
        2024,
        { ...authority, validTo: '2025-12-31' },
      ),
    );
  /** The store, counting the close's passes over the whole log. */
  const counting = (): { store: EventStore; passes: () => number } => {
    let passes = 0;
    const store = new Proxy(ledger.store, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (prop === 'readAll') passes++;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    return { store, passes: () => passes };
  };

  describe('a command opening a line', () => {
    it('lists the line before its first event, once', async () => {
      await allocate(key('DA6.TDA2'));
      await allocate(key('DA6.TDA2'));
      const listed = await register();
      expect(listed.map((e) => [e.type, e.data.budgetLineId])).toEqual([
        ['FiscalYearLineRegistered', idOf(key('DA6.TDA2'))],
      ]);
      const [first] = await ledger.store.readStream(budgetLineStreamId(idOf(key('DA6.TDA2'))));
      expect(first?.type).toBe('BudgetLineOpened');
      expect(listed[0]!.position < first!.position).toBe(true);
    });

    it('lists nothing when it is refused', async () => {
      // An allocation dated after its year: refused before anything is written.
      await expect(allocate(key('DA6.TDA2'), '2025-01-05')).rejects.toMatchObject({
        code: 'BUDGET.OUTSIDE_FISCAL_YEAR',
      });
      expect(await register()).toEqual([]);
    });

    it('lists a line opened by a carry-in and by a transfer-in (carry-over, reallocation)', async () => {
      const carried = key('DA3.TDA1', 2023);
      await ledger.lines.run(idOf(carried), context(SYSTEM_ACTOR, '2024-03-19'), {
        type: 'CarryIn',
        data: {
          key: carried,
          amount: 700_000n,
          decision: '699/QĐ-UBND',
          transferId: randomUUID(),
          fromLine: null,
        },
      });
      const moved = key('DA4.TDA1');
      await ledger.lines.run(idOf(moved), context(SYSTEM_ACTOR, '2024-06-03'), {
        type: 'TransferIn',
        data: {
          key: moved,
          amount: 300_000n,
          decision: '301/QĐ-UBND',
          transferId: randomUUID(),
          fromLine: OLD,
        },
      });
      expect((await register()).map((e) => e.data.budgetLineId)).toEqual([
        idOf(carried),
        idOf(moved),
      ]);
    });

    it('is refused as in a closed year while the register is sealed, and writes no line', async () => {
      // A close that died between its seals and its decision leaves the register sealed.
      await allocate(key('DA7.TDA1'));
      await cancel(OLD);
      await propose();
      await ledger.store.append(
        yearLinesStreamId(2024),
        [
          {
            id: randomUUID(),
            type: 'FiscalYearLinesSealed',
            schemaVersion: 1,
            data: { fiscalYear: 2024 },
            metadata: {
              actor: approver.userId,
              correlationId: 'dead-close',
              causationId: null,
              effectiveDate: '2025-02-20',
            },
          },
        ],
        { expectedRevision: 'any' },
      );
      const refused = allocate(key('DA6.TDA2'), '2024-12-20');
      await expect(refused).rejects.toMatchObject({
        code: 'BUDGET.FISCAL_YEAR_CLOSED',
        messages: {
          vi: expect.stringContaining('Năm ngân sách 2024 đã khóa sổ') as string,
          en: expect.stringContaining('Fiscal year 2024 is closed') as string,
        },
      });
      expect(await ledger.store.readStream(budgetLineStreamId(idOf(key('DA6.TDA2'))))).toEqual([]);
      // Approving again is the way out: it finishes the close.
      await approve();
      expect(await types(fiscalYearStreamId(2024))).toContain('FiscalYearClosed');
    });
  });

  describe('a log whose lines predate the register', () => {
    it('is read by a pass over the log until a recorded proposal backfills the register', async () => {
      await givenLineOpenedBeforeRegister(ledger.store, OLD, 1_000_000n);
      await givenLineOpenedBeforeRegister(ledger.store, NEXT_YEAR, 5_000n);
      // Found by the pass (money left on it): refused, and nothing written to the register.
      await expect(propose()).rejects.toMatchObject({
        code: 'FISCAL_YEAR.LINES_NOT_SETTLED',
        details: { lines: '1', line: OLD },
      });
      expect(await register()).toEqual([]);

      await cancel(OLD);
      await allocate(key('DA6.TDA2'));
      await cancel(idOf(key('DA6.TDA2')));
      await propose();
      expect((await register()).map((e) => [e.type, e.data])).toEqual([
        ['FiscalYearLineRegistered', { fiscalYear: 2024, budgetLineId: idOf(key('DA6.TDA2')) }],
        ['FiscalYearLineRegistered', { fiscalYear: 2024, budgetLineId: OLD }],
        ['FiscalYearLinesBackfilled', { fiscalYear: 2024, lines: 1 }],
      ]);
    });

    it('then closes reading the register alone, and seals the old lines too', async () => {
      await givenLineOpenedBeforeRegister(ledger.store, OLD, 1_000_000n);
      await cancel(OLD);
      await propose();
      const log = counting();
      await approve(log.store);
      expect(log.passes()).toBe(0);
      expect((await types(budgetLineStreamId(OLD))).at(-1)).toBe('BudgetLineSealed');
      expect((await types(yearLinesStreamId(2024))).at(-1)).toBe('FiscalYearLinesSealed');
      expect(await types(fiscalYearStreamId(2024))).toEqual([
        'FiscalYearCloseProposed',
        'FiscalYearClosed',
      ]);
    });

    it('is backfilled by the approval when the proposal was recorded before the register', async () => {
      await givenLineOpenedBeforeRegister(ledger.store, OLD, 1_000_000n);
      await cancel(OLD);
      // A proposal recorded by an older release: it listed nothing.
      await ledger.store.append(
        fiscalYearStreamId(2024),
        [
          {
            id: randomUUID(),
            type: 'FiscalYearCloseProposed',
            schemaVersion: 1,
            data: { fiscalYear: 2024, proposedBy: admin.userId, lines: 1 },
            metadata: {
              actor: admin.userId,
              correlationId: 'old-proposal',
              causationId: null,
              effectiveDate: '2025-02-15',
            },
          },
        ],
        { expectedRevision: 'no_stream' },
      );
      const log = counting();
      await approve(log.store);
      expect(log.passes()).toBeGreaterThan(0);
      expect(await types(yearLinesStreamId(2024))).toEqual([
        'FiscalYearLineRegistered',
        'FiscalYearLinesBackfilled',
        'FiscalYearLinesSealed',
      ]);
      expect((await types(budgetLineStreamId(OLD))).at(-1)).toBe('BudgetLineSealed');
    });
  });
});
