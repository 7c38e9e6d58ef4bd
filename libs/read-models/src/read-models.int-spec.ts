import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeEvent } from '@app/application';
import { budgetLineDecider, type BudgetLineEvent, type BudgetLineState } from '@app/budgeting';
import { SqliteEventStore, type RecordedEvent } from '@app/event-store';
import { generateBudgetHistory, ManualClock, SeededRandom } from '@app/testing';
import {
  ALL_PROJECTIONS,
  checkpointName,
  collectionsOf,
  freezeAlias,
  projectPage,
  ProjectionRunner,
  projectRange,
  queryBalances,
  queryDisbursement,
  queryHistory,
  ReadModels,
  rebuildProjection,
  servingGeneration,
  SqliteDocumentStore,
  type Doc,
  type DocumentStore,
  type Projection,
} from '@app/read-models';

const SEED = Number(process.env.HISTORY_SEED ?? 20240319);
const OPERATIONS = Number(process.env.HISTORY_OPERATIONS ?? 250);

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

async function projectAll(
  events: SqliteEventStore,
  docs: DocumentStore,
  batchSize: number,
): Promise<void> {
  for (const projection of ALL_PROJECTIONS) {
    await projectRange(events, docs, await servingGeneration(docs, projection), { batchSize });
  }
}

async function wholeLog(events: SqliteEventStore): Promise<RecordedEvent[]> {
  return events.readAll({ maxCount: 10_000_000 });
}

/**
 * The effective date an event moves money on. The domain's rule, written out independently
 * of the projections: a late entry's LapseCorrected reinstates money on the date of the
 * lapse it corrects (its `lapsedOn`), not on the entry's own earlier date.
 */
function moneyDate(e: RecordedEvent): string {
  const lapsedOn = e.type === 'LapseCorrected' ? e.data.lapsedOn : null;
  const own = e.metadata.effectiveDate;
  return typeof lapsedOn === 'string' && lapsedOn > own ? lapsedOn : own;
}

/** The reference: fold exactly the events a (asOf, knownAt) point selects, with the domain's own evolve. */
function replayBalances(
  log: readonly RecordedEvent[],
  asOf: string,
  knownAt: string,
): Map<string, BudgetLineState> {
  const lines = new Map<string, BudgetLineState>();
  for (const e of log) {
    if (!e.streamId.startsWith('budget-line-')) continue;
    if (moneyDate(e) > asOf || e.metadata.recordedAt > knownAt) continue;
    const event = decodeEvent<BudgetLineEvent>(e);
    const id = event.data.budgetLineId;
    lines.set(id, budgetLineDecider.evolve(lines.get(id) ?? budgetLineDecider.initialState, event));
  }
  return lines;
}

function nonZero(b: BudgetLineState['balances']): boolean {
  return Object.values(b).some((v) => v !== 0n);
}

describe(`read models on a seeded budget history (seed ${SEED}, ${OPERATIONS} operations)`, () => {
  let dir: string;
  let events: SqliteEventStore;
  let incremental: SqliteDocumentStore;
  let log: RecordedEvent[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-rm-'));
    const clock = new ManualClock(new Date('2024-03-19T01:00:00.000Z'));
    events = new SqliteEventStore({ file: join(dir, 'events.sqlite'), clock: clock.now });
    incremental = new SqliteDocumentStore({ file: join(dir, 'incremental.sqlite') });
    // Projected while the history is written, in small odd-sized batches.
    await generateBudgetHistory(events, clock, {
      seed: SEED,
      operations: OPERATIONS,
      // Entries back-dated by up to a year: the time-travel trees' whole range.
      maxDaysLate: 365,
      onStep: async (i) => {
        if (i % 7 === 0) await projectAll(events, incremental, 5);
      },
    });
    await projectAll(events, incremental, 13);
    log = await wholeLog(events);
  }, 120_000);

  afterAll(async () => {
    await incremental.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same read models projected incrementally and rebuilt from scratch', async () => {
    const fresh = new SqliteDocumentStore({ file: join(dir, 'fresh.sqlite') });
    try {
      await projectAll(events, fresh, 1000);
      const built = await everything(incremental);
      // Every projection built something: equal empty stores would prove nothing. (The
      // generated history writes straight to the line streams: it drafts no plan, registers
      // no unit and reports no output, so the plans and reporting projections have nothing
      // to write; test/read-models.e2e-spec.ts rebuilds reporting over registered units.)
      const unfed = ['plans', 'reporting'];
      const fed = ALL_PROJECTIONS.filter((p) => !unfed.includes(p.name));
      expect(fed).toHaveLength(ALL_PROJECTIONS.length - unfed.length);
      for (const projection of fed) {
        const docs = Object.entries(built).filter(([name]) =>
          name.startsWith(`${projection.name}/`),
        );
        expect({
          projection: projection.name,
          documents: docs.reduce((n, [, d]) => n + d.length, 0) > 0,
        }).toEqual({ projection: projection.name, documents: true });
      }
      expect(await everything(fresh)).toEqual(built);
    } finally {
      await fresh.close();
    }
  });

  // Failing in evolve stops a projection before its commit; an invalid write fails the
  // round's joint commit, which is then retried projection by projection.
  it.each([
    ['throws in evolve', 'Error: poisoned event'],
    ['writes an invalid document', 'READ_MODELS.INVALID_WRITE'],
  ])(
    'keeps the live runner exact when one projection %s: the others land their pages, the failing one stops before its bad event and resumes once fixed',
    async (how, reported) => {
      const live = new SqliteDocumentStore({ file: join(dir, `poisoned-${how.length}.sqlite`) });
      const approvals = ALL_PROJECTIONS.find((p) => p.name === 'approvals')!;
      // An approval event two thirds of the way: approvals' evolve throws there until cured.
      const poisoned = log.filter((e) => approvals.handles.has(e.type));
      const bad = poisoned[Math.floor((2 * poisoned.length) / 3)]!;
      let cured = false;
      const sick: Projection = {
        ...approvals,
        evolve: (lookup, event) => {
          const writes = approvals.evolve(lookup, event);
          if (cured || event.position !== bad.position) return writes;
          if (how === 'throws in evolve') throw new Error('poisoned event');
          return [...writes, { op: 'put', collection: 'approvals', doc: { id: '' } }];
        },
      };
      const projections = ALL_PROJECTIONS.map((p) => (p === approvals ? sick : p));
      const errors: string[] = [];
      const runner = new ProjectionRunner(events, live, projections, {
        batchSize: 17,
        pollIntervalMs: 5,
        onError: (name, error) =>
          errors.push(`${name}: ${String(error)} ${(error as { code?: string }).code ?? ''}`),
      });
      try {
        await runner.start();
        const head = log.at(-1)!.position;
        for (let i = 0; i < 1000 && errors.length < 3; i++) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        // Everyone else reached the head; approvals stopped just before its bad event, again
        // and again (each round reports it), and nothing of its bad page landed.
        for (const p of projections.filter((q) => q !== sick)) {
          for (let i = 0; i < 500 && runner.appliedUpTo(p.name) !== head; i++) {
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
          expect({ name: p.name, at: runner.appliedUpTo(p.name) }).toEqual({
            name: p.name,
            at: head,
          });
        }
        expect(errors.length).toBeGreaterThanOrEqual(3);
        expect(errors.every((e) => e.startsWith('approvals: ') && e.includes(reported))).toBe(true);
        const stuck = runner.appliedUpTo('approvals');
        expect(stuck === null || stuck < bad.position).toBe(true);
        expect(
          (await live.checkpoint(checkpointName(await servingGeneration(live, approvals))))
            ?.position ?? null,
        ).toBe(stuck);

        cured = true;
        expect(await runner.waitFor(head, 60_000)).toBe(true);
        await runner.stop();
        expect(await everything(live)).toEqual(await everything(incremental));
      } finally {
        await runner.stop();
        await live.close();
      }
    },
  );

  it('gives the same read models from the live runner, its projections starting from different checkpoints, one frozen then thawed', async () => {
    const live = new SqliteDocumentStore({ file: join(dir, 'live.sqlite') });
    const runner = new ProjectionRunner(events, live, ALL_PROJECTIONS, {
      batchSize: 17,
      pollIntervalMs: 5,
      onError: (name, error) => {
        throw new Error(`${name}: ${String(error)}`);
      },
    });
    try {
      // Balances a third of the way, history two thirds, the others nowhere: the runner
      // reads each page once for all of them (see ProjectionRunner.round).
      const [balances, history] = ['balances', 'history'].map((name) =>
        ALL_PROJECTIONS.find((p) => p.name === name)!,
      );
      const third = log[Math.floor(log.length / 3)]!.position;
      await projectRange(events, live, await servingGeneration(live, balances!), {
        until: third,
        batchSize: 50,
      });
      await projectRange(events, live, await servingGeneration(live, history!), {
        until: log[Math.floor((2 * log.length) / 3)]!.position,
        batchSize: 50,
      });
      // Approvals frozen halfway, as a rebuild freezes the serving generation it replaces.
      const half = log[Math.floor(log.length / 2)]!.position;
      await live.setAlias(freezeAlias('approvals'), half.toString());
      await runner.start();
      const head = log.at(-1)!.position;
      expect(await runner.waitFor(half, 60_000)).toBe(true);
      for (let i = 0; i < 200 && runner.appliedUpTo('balances') !== head; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(runner.appliedUpTo('balances')).toBe(head);
      expect(runner.appliedUpTo('approvals')).toBe(half);

      await live.setAlias(freezeAlias('approvals'), '');
      expect(await runner.waitFor(head, 60_000)).toBe(true);
      await runner.stop();
      expect(await everything(live)).toEqual(await everything(incremental));
    } finally {
      await runner.stop();
      await live.close();
    }
  });

  it('changes nothing when events are delivered a second time', async () => {
    const before = await everything(incremental);
    for (const projection of ALL_PROJECTIONS) {
      const generation = await servingGeneration(incremental, projection);
      for (let start = 0; start < log.length; start += 50) {
        expect(await projectPage(incremental, generation, log.slice(start, start + 50))).toBe(
          false,
        );
      }
      // An overlapping redelivery: half old, half beyond nothing new.
      expect(await projectPage(incremental, generation, log.slice(-30))).toBe(false);
    }
    expect(await everything(incremental)).toEqual(before);
  });

  it('answers balances as of any date and as known at any instant exactly as a replay of the events they name', async () => {
    const models = new ReadModels(incremental);
    const random = new SeededRandom(SEED + 1);
    const instants = log.map((e) => e.metadata.recordedAt);
    const dates = log.map((e) => e.metadata.effectiveDate);
    let linesCompared = 0;
    for (let i = 0; i < 25; i++) {
      const asOf = random.pick(dates);
      const knownAt = random.pick(instants);
      const expected = replayBalances(log, asOf, knownAt);
      const answer = await queryBalances(models, { asOf, knownAt });
      const got = new Map(
        answer.lines
          .filter((l) => Object.values(l.amounts).some((v) => v !== 0n))
          .map((l) => [l.id, l.amounts]),
      );
      const want = new Map(
        [...expected].filter(([, s]) => nonZero(s.balances)).map(([id, s]) => [id, s.balances]),
      );
      expect({ asOf, knownAt, lines: Object.fromEntries(got) }).toEqual({
        asOf,
        knownAt,
        lines: Object.fromEntries(want),
      });
      linesCompared += want.size;
      // Not asserted: available ≥ 0 at past effective dates. Spending entered back-dated
      // before its line's allocation took effect shows negative there (see README).
    }
    // The points fell where money had landed, not only before the first allocation.
    expect(linesCompared).toBeGreaterThanOrEqual(25);
  });

  it('shows a back-dated entry for its effective date only once it was known', async () => {
    const backdated = log.find(
      (e) =>
        e.streamId.startsWith('budget-line-') &&
        e.type === 'ExpenditureApproved' &&
        e.metadata.recordedAt.slice(0, 10) > e.metadata.effectiveDate,
    );
    expect(backdated).toBeDefined();
    if (!backdated) return;
    const models = new ReadModels(incremental);
    const lineId = backdated.data.budgetLineId as string;
    const justBefore = new Date(Date.parse(backdated.metadata.recordedAt) - 1).toISOString();
    const asOf = backdated.metadata.effectiveDate;
    const known = await queryHistory(models, lineId, {
      asOf,
      knownAt: backdated.metadata.recordedAt,
    });
    const unknown = await queryHistory(models, lineId, { asOf, knownAt: justBefore });
    expect(known.entries.map((e) => e.id)).toContain(backdated.id);
    expect(unknown.entries.map((e) => e.id)).not.toContain(backdated.id);
    const replayed = replayBalances(log, asOf, backdated.metadata.recordedAt).get(lineId);
    expect(known.entries.at(-1)?.balance).toMatchObject({
      committed: replayed?.balances.committed.toString(),
    });
  });

  it('reports disbursement per part, source and source year, carried-over money apart, as a replay', async () => {
    const models = new ReadModels(incremental);
    const asOf = '2024-09-30';
    const knownAt = log[Math.floor(log.length * 0.8)]?.metadata.recordedAt ?? '';
    const report = await queryDisbursement(models, { fiscalYear: 2024, asOf, knownAt });
    const expected = new Map<string, bigint>();
    for (const state of replayBalances(log, asOf, knownAt).values()) {
      const key = state.key;
      if (!key) continue;
      const group = `${key.programPart}|${key.fundSource}|${key.sourceYear}`;
      expected.set(group, (expected.get(group) ?? 0n) + state.balances.disbursed);
    }
    // Money was paid out in current-year and in carried-over groups by then: the
    // comparisons below are over real rows, not empty lists.
    const paid = [...expected].filter(([, disbursed]) => disbursed > 0n).map(([group]) => group);
    expect(paid.some((g) => g.endsWith('|2024'))).toBe(true);
    expect(paid.some((g) => g.endsWith('|2023'))).toBe(true);
    expect(report.current.length).toBeGreaterThan(0);
    expect(report.carriedOver.length).toBeGreaterThan(0);
    const got = new Map(
      [...report.current, ...report.carriedOver].map((r) => [
        `${r.programPart}|${r.fundSource}|${r.sourceYear}`,
        r.amounts.disbursed,
      ]),
    );
    for (const [group, disbursed] of expected)
      expect({ group, disbursed: got.get(group) ?? 0n }).toEqual({ group, disbursed });
    expect(
      report.carriedOver.every((r) => r.sourceYear === 2023 && r.deadline === '2024-12-31'),
    ).toBe(true);
  });

  it('rebuilds every projection into a new generation that equals the one it replaces', async () => {
    const before = await everything(incremental);
    for (const projection of ALL_PROJECTIONS) {
      const progress: number[] = [];
      const report = await rebuildProjection(events, incremental, projection, (p) =>
        progress.push(p.events),
      );
      expect({
        projection: projection.name,
        equal: report.equal,
        differences: report.differences,
      }).toEqual({
        projection: projection.name,
        equal: true,
        differences: [],
      });
      expect(report.eventsReplayed).toBe(log.length);
      expect(progress.at(-1)).toBe(log.length);
      const serving = await servingGeneration(incremental, projection);
      expect(serving.tag).toBe(report.toGeneration);
      expect((await incremental.checkpoint(checkpointName(serving)))?.version).toBe(
        projection.version,
      );
    }
    expect(await everything(incremental)).toEqual(before);
  });

  it('resumes a rebuild that crashed halfway from its own checkpoint, and still finds it equal', async () => {
    const [projection] = ALL_PROJECTIONS;
    if (!projection) throw new Error('no projection');
    let seen = 0;
    const crashing = {
      ...projection,
      evolve: (lookup: Parameters<typeof projection.evolve>[0], event: RecordedEvent) => {
        if (++seen === Math.floor(log.length / 2)) throw new Error('power cut');
        return projection.evolve(lookup, event);
      },
    };
    await expect(
      rebuildProjection(events, incremental, crashing, undefined, { batchSize: 20 }),
    ).rejects.toThrow('power cut');
    const report = await rebuildProjection(events, incremental, projection);
    expect(report).toMatchObject({ resumed: true, equal: true });
    expect(report.eventsReplayed).toBeLessThan(log.length);
  });
});
