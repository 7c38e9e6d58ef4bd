import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '@app/budgeting';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '@app/event-store';
import type { DataSet } from './data-set';
import { DataSetImporter } from './data-set.importer';
import { importHandlers } from './import-handlers';
import { formatPath } from './import-problem';
import { importContext } from './import-step';
import { planImport } from './import-steps';
import { loadDataSet } from './load-data-set';
import { ProgramSettings } from '../shared/program-settings';

const EXAMPLE = join(__dirname, '..', '..', '..', '..', 'examples', 'ba-to-2024');

async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  return store.readAll({ maxCount: 100_000 });
}

const asPlanned = (e: RecordedEvent) => ({
  streamId: e.streamId,
  id: e.id,
  type: e.type,
  data: e.data,
});

describe('the import dry run (the handlers over a scratch store)', () => {
  let dir: string;
  let stores: EventStore[];
  let example: DataSet;

  const openStore = (name: string): EventStore => {
    const store = new SqliteEventStore({ file: join(dir, `${name}.sqlite`) });
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    const { dataSet } = await loadDataSet(EXAMPLE);
    if (!dataSet) throw new Error('the example does not load');
    example = dataSet;
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dry-run-'));
    stores = [];
  });

  afterEach(async () => {
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when the log is empty', () => {
    it('reports exactly the events a real import then records (ids, types, data), recording nothing itself', async () => {
      const store = openStore('log');
      const importer = new DataSetImporter(store);

      const dry = await importer.dryRun(example);

      expect(dry.problems).toEqual([]);
      expect(await store.headPosition()).toBeNull();
      const result = await importer.importDataSet(example);
      const recorded = (await allEvents(store)).map(asPlanned);
      expect(dry.events).toEqual(recorded);
      expect(dry.expectedEvents).toBe(result.events);
      // Every line the import opened was listed in its year's register before its first event.
      const log = await allEvents(store);
      const listedAt = new Map(
        log
          .filter((e) => e.type === 'FiscalYearLineRegistered')
          .map((e) => [e.data.budgetLineId, e.position] as const),
      );
      const opened = log.filter((e) => e.type === 'BudgetLineOpened');
      expect(opened.length).toBeGreaterThan(0);
      expect(listedAt.size).toBe(opened.length);
      for (const e of opened) {
        expect(listedAt.get(e.data.budgetLineId)! < e.position).toBe(true);
      }
    });
  });

  describe('when the set was imported before', () => {
    it('finds every step present and plans nothing', async () => {
      const store = openStore('log');
      const importer = new DataSetImporter(store);
      await importer.importDataSet(example);
      const head = await store.headPosition();

      const dry = await importer.dryRun(example);

      expect(dry.problems).toEqual([]);
      expect(dry.todo).toEqual([]);
      expect(dry.events).toEqual([]);
      expect(dry.present).toBeGreaterThan(0);
      expect(await store.headPosition()).toBe(head);
    });

    it('refuses an item edited since, naming what changed, and records nothing', async () => {
      const store = openStore('log');
      const importer = new DataSetImporter(store);
      await importer.importDataSet(example);
      const head = await store.headPosition();
      const lines = example.lines;
      if (!lines) throw new Error('the example has lines');
      const first = lines.lines[0];
      if (!first) throw new Error('the example has a first line');
      const edited: DataSet = {
        ...example,
        lines: { ...lines, lines: [{ ...first, amount: '1' }, ...lines.lines.slice(1)] },
      };

      const dry = await importer.dryRun(edited);

      expect(dry.problems.map((p) => [p.path, p.code])).toEqual([
        ['lines[0]', 'IMPORT.ALREADY_IMPORTED_DIFFERENTLY'],
      ]);
      expect(dry.problems[0]?.message.en).toContain(`amount: "${first.amount}" → "1"`);
      expect(await store.headPosition()).toBe(head);
    });
  });

  describe('when rows are refused by the rules', () => {
    /** The example with an allocation to an unregistered unit and a carry-over of nothing. */
    const badSet = (): DataSet => {
      const lines = example.lines;
      if (!lines) throw new Error('the example has lines');
      const allocation = lines.lines.findIndex((l) => l.kind === 'allocation');
      const carryOver = lines.lines.findIndex((l) => l.kind === 'carry_over');
      const edited = lines.lines.map((line, i) =>
        i === allocation
          ? { ...line, unit: 'KHONG_CO' }
          : i === carryOver
            ? { ...line, amount: '0' }
            : line,
      );
      return { ...example, lines: { ...lines, lines: edited } };
    };

    it('refuses the rows the handlers refuse when run for real, with the same codes, and records nothing', async () => {
      const set = badSet();
      const store = openStore('log');

      const dry = await new DataSetImporter(store).dryRun(set);

      expect(await store.headPosition()).toBeNull();
      // The same steps sent to the handlers over a real log, an item's later steps skipped
      // once it failed, as the dry run does.
      const real = openStore('real');
      const handlers = importHandlers(real, ProgramSettings.ofProcess());
      const io = {
        ...handlers,
        context: (s: Parameters<typeof importContext>[1]) => importContext(set.name, s, 'real'),
      };
      const refused: [string, string][] = [];
      for (const step of planImport(set)) {
        const item = formatPath(step.path);
        if (refused.some(([path]) => item === path || item.startsWith(`${path}.`))) continue;
        try {
          await step.run(io);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          refused.push([item, error.code]);
        }
      }
      // The two lines, and the payment from the line left without money.
      expect(refused.map(([path]) => path)).toEqual(['lines[0]', 'lines[8]', 'payments[0]']);
      expect(dry.problems.map((p) => [p.path.replace(/\..*$/, ''), p.code])).toEqual(refused);
    });
  });
});
