import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@app/event-store';
import { generateBudgetHistory, ManualClock, REBUILD_CRASH_WORKER } from '@app/testing';
import {
  ALL_PROJECTIONS,
  checkpointName,
  collectionsOf,
  projectRange,
  rebuildProjections,
  servingGeneration,
  SqliteDocumentStore,
  type Doc,
  type DocumentStore,
  type Projection,
} from '@app/read-models';

/** Every serving document of every projection, by projection/collection. */
async function everything(docs: DocumentStore): Promise<Record<string, Doc[]>> {
  const out: Record<string, Doc[]> = {};
  for (const projection of ALL_PROJECTIONS) {
    const generation = await servingGeneration(docs, projection);
    for (const collection of collectionsOf(generation)) {
      const logical = collection.replace(/__g\d+$/, '');
      out[`${projection.name}/${logical}`] = await docs.scan(collection, null, 1_000_000);
    }
  }
  return out;
}

/**
 * The projection, failing once on its nth event (a crash in the middle of a replay);
 * `failed` learns that event's position.
 */
function failingAt(
  projection: Projection,
  nth: number,
  failed: { position?: bigint } = {},
): Projection {
  let seen = 0;
  return {
    ...projection,
    evolve: (lookup, event: RecordedEvent) => {
      if (++seen === nth) {
        failed.position = event.position;
        throw new Error('power cut');
      }
      return projection.evolve(lookup, event);
    },
  };
}

describe('single-pass rebuild of every projection', () => {
  let dir: string;
  let events: SqliteEventStore;
  let incremental: SqliteDocumentStore;
  let logLength: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-rebuild-'));
    const clock = new ManualClock(new Date('2024-03-19T01:00:00.000Z'));
    events = new SqliteEventStore({ file: join(dir, 'events.sqlite'), clock: clock.now });
    incremental = new SqliteDocumentStore({ file: join(dir, 'incremental.sqlite') });
    await generateBudgetHistory(events, clock, {
      seed: 20240319,
      operations: 150,
      // Entries back-dated by up to a year: live and rebuilt trees alike.
      maxDaysLate: 365,
      onStep: async (i) => {
        if (i % 5 !== 0) return;
        for (const projection of ALL_PROJECTIONS) {
          await projectRange(
            events,
            incremental,
            await servingGeneration(incremental, projection),
            {
              batchSize: 7,
            },
          );
        }
      },
    });
    for (const projection of ALL_PROJECTIONS) {
      await projectRange(events, incremental, await servingGeneration(incremental, projection));
    }
    logLength = (await events.readAll({ maxCount: 1_000_000 })).length;
  }, 120_000);

  afterAll(async () => {
    await incremental.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['on a second thread', true],
    ['on the replaying thread', false],
  ])(
    'builds a fresh store in one pass to what incremental projection built, writing %s',
    async (_, thread) => {
      const fresh = new SqliteDocumentStore({
        file: join(dir, `fresh-${String(thread)}.sqlite`),
        bulkWriterThread: thread,
      });
      const opened = jest.spyOn(fresh, 'openBulkWriter');
      try {
        // Tiny pages, commits and caches: many commits, and lookups that miss the cache.
        const reports = await rebuildProjections(events, fresh, ALL_PROJECTIONS, undefined, {
          pageSize: 11,
          commitEvery: 17,
          maxCachedDocs: 3,
        });
        expect(reports.map((r) => [r.projection, r.equal, r.eventsReplayed])).toEqual(
          ALL_PROJECTIONS.map((p) => [p.name, true, logLength]),
        );
        expect(await everything(fresh)).toEqual(await everything(incremental));
        expect(opened).toHaveBeenCalledTimes(1);
        expect((await opened.mock.results[0]!.value) !== null).toBe(thread);
      } finally {
        await fresh.close();
      }
    },
  );

  it('rebuilds beside serving generations, compares equal and switches every alias', async () => {
    const before = await everything(incremental);
    const progress: number[] = [];
    const reports = await rebuildProjections(
      events,
      incremental,
      ALL_PROJECTIONS,
      (p) => progress.push(p.events),
      { batchSize: 23 },
    );
    for (const report of reports) {
      expect(report).toMatchObject({ equal: true, differenceCount: 0, resumed: false });
      expect(report.toGeneration).not.toBe(report.fromGeneration);
    }
    expect(progress.at(-1)).toBe(logLength);
    for (const projection of ALL_PROJECTIONS) {
      const serving = await servingGeneration(incremental, projection);
      const report = reports.find((r) => r.projection === projection.name);
      expect(serving.tag).toBe(report?.toGeneration);
    }
    expect(await everything(incremental)).toEqual(before);
  });

  it('resumes a bulk load that crashed halfway from each checkpoint, and still finds it equal', async () => {
    const before = await everything(incremental);
    const [first, ...rest] = ALL_PROJECTIONS;
    if (!first) throw new Error('no projection');
    const crashing = [failingAt(first, Math.floor(logLength / 2)), ...rest];
    await expect(
      rebuildProjections(events, incremental, crashing, undefined, { batchSize: 20 }),
    ).rejects.toThrow('power cut');
    // The crash left every new generation's checkpoint somewhere in the log, never ahead
    // of its documents: what the resumed rebuild compares proves it.
    const reports = await rebuildProjections(events, incremental, ALL_PROJECTIONS);
    for (const report of reports) expect(report).toMatchObject({ resumed: true, equal: true });
    expect(reports[0]?.eventsReplayed).toBeLessThan(logLength);
    expect(await everything(incremental)).toEqual(before);
  });

  it('resumes a bulk load whose process was killed (SIGKILL) mid-way, to what incremental projection built', async () => {
    const file = join(dir, 'killed.sqlite');
    const child = fork(REBUILD_CRASH_WORKER, [join(dir, 'events.sqlite'), file], {
      execArgv: ['-r', '@swc-node/register'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exit = await new Promise<NodeJS.Signals | number | null>((resolve) => {
      child.on('message', (events: number) => {
        if (events >= logLength / 3) child.kill('SIGKILL');
      });
      child.on('exit', (code, signal) => resolve(signal ?? code));
    });
    expect(exit).toBe('SIGKILL');
    const docs = new SqliteDocumentStore({ file });
    try {
      const reports = await rebuildProjections(events, docs, ALL_PROJECTIONS);
      for (const report of reports) expect(report).toMatchObject({ resumed: true, equal: true });
      // Killed during the load: the resumed rebuild replayed the rest of the log only.
      expect(reports[0]?.eventsReplayed).toBeGreaterThan(0);
      expect(reports[0]?.eventsReplayed).toBeLessThan(logLength);
      expect(await everything(docs)).toEqual(await everything(incremental));
    } finally {
      await docs.close();
    }
  }, 60_000);

  it('restores normal durability once the bulk load ends, even when it fails', async () => {
    const file = join(dir, 'bulk.sqlite');
    const docs = new SqliteDocumentStore({ file });
    const probe = new Database(file);
    const synchronous = (): unknown =>
      (docs as unknown as { db: Database.Database }).db.pragma('synchronous', { simple: true });
    try {
      const [first] = ALL_PROJECTIONS;
      if (!first) throw new Error('no projection');
      const failed: { position?: bigint } = {};
      await expect(
        rebuildProjections(events, docs, [failingAt(first, 30, failed)], undefined, {
          batchSize: 10,
        }),
      ).rejects.toThrow('power cut');
      expect(synchronous()).toBe(1n); // NORMAL
      // What the failed load committed is in the file, with a checkpoint no further than it:
      // short of the event that failed, and exactly where the committed documents stand
      // (they equal a clean projection of the log up to the checkpoint, no more, no less).
      const next = { projection: first, tag: '2' };
      const at = (await docs.checkpoint(checkpointName(next)))?.position ?? null;
      if (at === null || failed.position === undefined) throw new Error('nothing was committed');
      expect(at).toBeGreaterThan(0n);
      expect(at).toBeLessThan(failed.position);
      const upTo = new SqliteDocumentStore({ file: join(dir, 'up-to-checkpoint.sqlite') });
      try {
        await projectRange(events, upTo, next, { until: at });
        let documents = 0;
        for (const collection of collectionsOf(next)) {
          const committed = await docs.scan(collection, null, 1_000_000);
          expect({ collection, docs: committed }).toEqual({
            collection,
            docs: await upTo.scan(collection, null, 1_000_000),
          });
          documents += committed.length;
        }
        expect(documents).toBeGreaterThan(0);
      } finally {
        await upTo.close();
      }
      expect(probe.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      probe.close();
      await docs.close();
    }
  });
});

describe('a log whose recorded time steps back by more than a week', () => {
  // Two writers with different clocks on one log (a projector's follow-ups at today's
  // date beside an import stamped in the past): the balances snapshots cannot be kept in
  // place and the lines concerned file those movements in their own trees. Whatever it writes must not depend on how the log
  // was cut into pages, or a rebuild would differ from the live read models.
  it('builds the same documents incrementally in small pages as in one replay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-clock-back-'));
    const clock = new ManualClock(new Date('2024-03-19T01:00:00.000Z'));
    const events = new SqliteEventStore({ file: join(dir, 'events.sqlite'), clock: clock.now });
    const incremental = new SqliteDocumentStore({ file: join(dir, 'incremental.sqlite') });
    const fresh = new SqliteDocumentStore({ file: join(dir, 'fresh.sqlite') });
    const DAY = 86_400_000;
    try {
      await generateBudgetHistory(events, clock, {
        seed: 699,
        operations: 120,
        onStep: async (i) => {
          if (i === 40) clock.advance(300 * DAY);
          if (i === 60) clock.advance(-290 * DAY);
          if (i === 80) clock.advance(200 * DAY);
          if (i === 100) clock.advance(-150 * DAY);
          if (i % 3 !== 0) return;
          for (const projection of ALL_PROJECTIONS) {
            const generation = await servingGeneration(incremental, projection);
            await projectRange(events, incremental, generation, { batchSize: 5 });
          }
        },
      });
      for (const projection of ALL_PROJECTIONS) {
        await projectRange(events, incremental, await servingGeneration(incremental, projection));
      }
      await rebuildProjections(events, fresh, ALL_PROJECTIONS, undefined, {
        pageSize: 13,
        commitEvery: 29,
        maxCachedDocs: 2,
      });
      const built = await everything(incremental);
      // The lines recorded out of order keep those movements in their own trees.
      expect(built['balances/lines']?.some((d) => d.outOfOrder === 1)).toBe(true);
      expect(await everything(fresh)).toEqual(built);
    } finally {
      await fresh.close();
      await incremental.close();
      await events.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
