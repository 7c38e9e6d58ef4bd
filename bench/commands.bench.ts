/**
 * Commands: 64 concurrent writers in one process, each proposing expenditures on its
 * own budget line through the library's command executor (`executeOnStream`: the
 * stream's cached state caught up with one read of what was appended since, decide,
 * append with the expected revision, on the store as it is): one event per command,
 * synchronous=FULL. Events/s and latency percentiles against, in the same run, the same
 * writers without the state cache (every command reads and folds its whole line:
 * lib/uncached-executor.ts, the executor as it was) and on the group-commit prototype
 * (lib/group-commit.ts, a 2 ms window around the store); and the disk's ceiling for this
 * shape: the same number of events committed by raw prepared inserts in groups of 64,
 * one BEGIN IMMEDIATE … COMMIT (one fsync) per group, with nothing decided — no
 * store of one fsync per group of 64 writers can go faster.
 *
 *   node -r @swc-node/register bench/commands.bench.ts [--smoke]
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { executeOnStream, type CommandContext, type StreamDecision } from '@app/application';
import {
  budgetLineDecider,
  type BudgetLineCommand,
  type BudgetLineEvent,
  type BudgetLineState,
} from '@app/budgeting';
import { SqliteEventStore, type EventStore } from '@app/event-store';
import { GroupCommitStore } from './lib/group-commit';
import { ensureHistory } from './lib/history-generator';
import { openRawLog, rawAppender, rowsOf, tempDir } from './lib/raw-log';
import {
  finish,
  modeFromArgs,
  runMain,
  type BenchResult,
  type Mode,
  type Row,
  type Target,
} from './lib/report';
import { interleave, median, nowMs, percentile, samplesOf } from './lib/stats';
import { executeUncached } from './lib/uncached-executor';
import { planBatches } from './lib/workload';

export const WRITERS = 64;
const SIZES: Record<Mode, { rounds: number; seconds: number; history: number }> = {
  full: { rounds: 3, seconds: 3, history: 100_000 },
  smoke: { rounds: 1, seconds: 0.3, history: 10_000 },
};

export interface Outcome {
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
  readonly commands: number;
  readonly failures: number;
}

/** Lines that take proposals (not carried over, so never lapsed), latest year first: one per writer. */
export function writerLines(lines: readonly string[]): string[] {
  return lines
    .filter((l) => l.split('.').at(-2) === l.split('.')[0])
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .slice(0, WRITERS);
}

/** A fresh copy of the history file for each variant run (each writes its own). */
export function copiesOf(file: string, dir: string): () => string {
  let copy = 0;
  return () => {
    const target = join(dir, `log-${++copy}.sqlite`);
    copyFileSync(file, target);
    return target;
  };
}

/** The history's budget lines, as the writers take them (`writerLines`). */
export async function historyWriterLines(file: string): Promise<string[]> {
  const probe = new SqliteEventStore({ file });
  try {
    return writerLines(
      (await probe.readAll({ maxCount: 1_000_000 }))
        .filter((e) => e.type === 'BudgetLineOpened')
        .map((e) => e.data.budgetLineId)
        .filter((id): id is string => typeof id === 'string'),
    );
  } finally {
    await probe.close();
  }
}

export type Execute = (
  context: CommandContext,
  decision: StreamDecision<BudgetLineEvent, BudgetLineState>,
) => Promise<unknown>;

/** One proposal of 1,500,000 đ on the writer's line, with ids unique to the run. */
export function proposal(
  lineId: string,
  id: string,
): [CommandContext, StreamDecision<BudgetLineEvent, BudgetLineState>] {
  const unit = lineId.split('.').at(-1) ?? 'X';
  // In the line's own fiscal year: spending outside it (and its adjustment period) is refused.
  const on = `${lineId.slice(0, 4)}-06-02`;
  const actor = { userId: `off-${unit}`, name: 'Cán bộ', role: 'officer' as const, unit };
  const command = {
    type: 'ProposeExpenditure',
    actor,
    on,
    data: {
      expenditureId: `bench-${id}`,
      amount: 1_500_000n,
      category: 'meeting',
      description: 'Họp giao ban',
      payee: 'Văn phòng',
      activity: null,
      voucher: null,
      personDays: null,
      jointTeam: false,
      leadAgency: 'LDTBXH',
    },
  } as BudgetLineCommand;
  const context: CommandContext = {
    actor,
    commandId: id,
    correlationId: `c-${id}`,
    causationId: null,
    effectiveDate: on,
    recordedOn: on,
  };
  return [
    context,
    {
      streamId: `budget-line-${lineId}`,
      name: budgetLineDecider.name,
      initialState: budgetLineDecider.initialState,
      evolve: budgetLineDecider.evolveRecorded,
      decide: (state) => budgetLineDecider.decide(command, state, lineId),
    },
  ];
}

/**
 * Each writer first sends one command unmeasured (a server that has been running has its
 * lines in memory: the cold fold of each line is paid once, not in the steady state
 * measured), then proposes as fast as its commands are answered until the deadline.
 */
export async function drive(
  execute: Execute,
  lines: readonly string[],
  seconds: number,
  tag: string,
): Promise<Outcome> {
  const latencies: number[] = [];
  let failures = 0;
  let n = 0;
  await Promise.all(lines.map((lineId, w) => execute(...proposal(lineId, `${tag}-warm-${w}`))));
  const deadline = nowMs() + seconds * 1000;
  const writer = async (lineId: string, w: number): Promise<void> => {
    while (nowMs() < deadline) {
      const [context, decision] = proposal(lineId, `${tag}-${w}-${++n}`);
      const started = nowMs();
      try {
        await execute(context, decision);
        latencies.push(nowMs() - started);
      } catch {
        failures++;
      }
    }
  };
  const started = nowMs();
  await Promise.all(lines.map((l, w) => writer(l, w)));
  const elapsed = (nowMs() - started) / 1000;
  return {
    rate: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    commands: latencies.length,
    failures,
  };
}

/**
 * The disk's ceiling: groups of 64 single-event rows (hashes computed beforehand) committed
 * one after another for `seconds`, each group's commit timed as its writers' latency.
 */
export function diskCeiling(file: string, seconds: number): Outcome {
  const groups = rowsOf(planBatches(WRITERS * 400, 1, { streams: WRITERS, salt: 9 }), RECORDED_AT);
  const db = openRawLog(file);
  try {
    const append = rawAppender(db);
    const latencies: number[] = [];
    const deadline = nowMs() + seconds * 1000;
    const started = nowMs();
    for (let g = 0; g + WRITERS <= groups.length && nowMs() < deadline; g += WRITERS) {
      const t = nowMs();
      append(groups.slice(g, g + WRITERS).flat());
      latencies.push(nowMs() - t);
    }
    const elapsed = (nowMs() - started) / 1000;
    return {
      rate: (latencies.length * WRITERS) / elapsed,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      commands: latencies.length * WRITERS,
      failures: 0,
    };
  } finally {
    db.close();
  }
}

const RECORDED_AT = '2024-06-02T03:00:00.000Z';

export async function runCommands(mode: Mode): Promise<BenchResult> {
  const started = Date.now();
  const sizes = SIZES[mode];
  const { file, manifest } = await ensureHistory(sizes.history, {
    log: (m) => console.log(`  ${m}`),
  });
  const tmp = tempDir('bench-commands-');
  let groups = 0;
  let grouped = 0;
  try {
    const fresh = copiesOf(file, tmp.dir);
    const lines = await historyWriterLines(file);
    if (lines.length < WRITERS) throw new Error(`only ${lines.length} writer lines in the history`);
    const variant = (
      name: string,
      open: (file: string) => EventStore,
      run: (store: EventStore) => Execute,
    ) => ({
      name,
      run: async (round: number): Promise<Outcome> => {
        const store = open(fresh());
        try {
          return await drive(run(store), lines, sizes.seconds, `${name}${round}`);
        } finally {
          if (store instanceof GroupCommitStore) {
            groups += store.groups;
            grouped += store.appended;
          }
          await store.close();
        }
      },
    });
    const library =
      (store: EventStore): Execute =>
      (c, d) =>
        executeOnStream(store, c, d);
    const samples = await interleave<Outcome>(
      sizes.rounds,
      [
        variant('libs', (f) => new SqliteEventStore({ file: f }), library),
        variant(
          'uncached',
          (f) => new SqliteEventStore({ file: f }),
          (store) => (c, d) => executeUncached(store, c, d),
        ),
        variant(
          'groupProto',
          (f) =>
            new GroupCommitStore(new SqliteEventStore({ file: f }), {
              windowMs: 2,
              maxBatch: WRITERS,
            }),
          library,
        ),
        { name: 'disk', run: () => Promise.resolve(diskCeiling(fresh(), sizes.seconds)) },
      ],
      { warmup: false },
    );
    const libs = samplesOf(samples, 'libs');
    const uncached = samplesOf(samples, 'uncached');
    const group = samplesOf(samples, 'groupProto');
    const disk = samplesOf(samples, 'disk');
    const med = (o: readonly Outcome[], f: (x: Outcome) => number): number => median(o.map(f));
    const rate = med(libs, (o) => o.rate);
    const p99 = med(libs, (o) => o.p99);
    const uncachedLabel = 'same writers, no state cache (whole line read and folded per command)';
    const groupLabel = 'same writers and executor on the group-commit prototype (2 ms window)';
    const diskLabel = `raw inserts, ${WRITERS} events per BEGIN IMMEDIATE … COMMIT, nothing decided`;
    const rows: Row[] = [
      {
        label: `${WRITERS} writers, single-event commands: throughput`,
        unit: 'events/s',
        subject: rate,
        baseline: med(uncached, (o) => o.rate),
        baselineLabel: uncachedLabel,
        ratio: rate / med(uncached, (o) => o.rate),
        samples: { subject: libs.map((o) => o.rate), baseline: uncached.map((o) => o.rate) },
      },
      {
        label: `${WRITERS} writers: p99 latency (ratio: baseline ÷ subject)`,
        unit: 'ms',
        subject: p99,
        baseline: med(uncached, (o) => o.p99),
        baselineLabel: uncachedLabel,
        ratio: med(uncached, (o) => o.p99) / p99,
        samples: { subject: libs.map((o) => o.p99), baseline: uncached.map((o) => o.p99) },
      },
      {
        label: `${WRITERS} writers: p50 latency (ratio: baseline ÷ subject)`,
        unit: 'ms',
        subject: med(libs, (o) => o.p50),
        baseline: med(uncached, (o) => o.p50),
        baselineLabel: uncachedLabel,
        ratio: med(uncached, (o) => o.p50) / med(libs, (o) => o.p50),
      },
      {
        label: `${WRITERS} writers: throughput vs the group-commit prototype`,
        unit: 'events/s',
        subject: rate,
        baseline: med(group, (o) => o.rate),
        baselineLabel: groupLabel,
        ratio: rate / med(group, (o) => o.rate),
        samples: { subject: libs.map((o) => o.rate), baseline: group.map((o) => o.rate) },
      },
      {
        label: `${WRITERS} writers: p99 vs the group-commit prototype (ratio: baseline ÷ subject)`,
        unit: 'ms',
        subject: p99,
        baseline: med(group, (o) => o.p99),
        baselineLabel: groupLabel,
        ratio: med(group, (o) => o.p99) / p99,
      },
      {
        label: `${WRITERS} writers: throughput vs the disk's ceiling (groups of ${WRITERS}, one fsync each)`,
        unit: 'events/s',
        subject: rate,
        baseline: med(disk, (o) => o.rate),
        baselineLabel: diskLabel,
        ratio: rate / med(disk, (o) => o.rate),
        samples: { subject: libs.map((o) => o.rate), baseline: disk.map((o) => o.rate) },
      },
      {
        label: `the disk's ceiling: one group's commit, p50 / p99 (ms)`,
        unit: 'ms',
        subject: med(disk, (o) => o.p50),
        baseline: med(disk, (o) => o.p99),
        baselineLabel: 'p99 of the same commits',
      },
    ];
    const targets: Target[] = [
      {
        id: 'commands-throughput',
        what: `${WRITERS} writers, single-event commands`,
        target: '≥ 20,000 events/s',
        measured: rate,
        unit: 'events/s',
        pass: rate >= 20_000,
      },
      {
        id: 'commands-p99',
        what: `${WRITERS} writers, p99 latency`,
        target: '≤ 15 ms',
        measured: p99,
        unit: 'ms',
        pass: p99 <= 15,
      },
    ];
    const failures = [...libs, ...uncached, ...group].reduce((n, o) => n + o.failures, 0);
    if (failures > 0) throw new Error(`${failures} commands failed`);
    const notes = [
      `each writer proposes expenditures on its own line of a ${manifest.events.toLocaleString('en-US')}-event history (copied fresh per round), after one unmeasured command per writer (its line's first, cold fold); ${sizes.rounds} interleaved rounds of ${sizes.seconds} s, medians`,
      `group-commit prototype: ${groups} groups, ${(grouped / Math.max(1, groups)).toFixed(1)} events per fsync on average`,
    ];
    return await finish('commands', mode, started, rows, targets, notes, {
      writers: WRITERS,
      library: libs,
      uncached,
      groupCommitPrototype: group,
    });
  } finally {
    tmp.dispose();
  }
}

if (require.main === module) runMain(() => runCommands(modeFromArgs()));
