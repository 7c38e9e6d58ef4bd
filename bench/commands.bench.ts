/**
 * Commands: 64 concurrent writers in one process, each proposing expenditures on its
 * own budget line through the command executor (load the stream, fold, decide, append
 * with the expected revision): one event per command, synchronous=FULL. Events/s and
 * latency percentiles of the store as it is, against the same writers on a group-commit
 * prototype (bench/lib/group-commit.ts) in the same run.
 *
 *   node -r @swc-node/register bench/commands.bench.ts [--smoke]
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { executeOnStream, type CommandContext, type StreamDecision } from '@app/application';
import { CachedExecutor } from './lib/cached-executor';
import {
  budgetLineDecider,
  type BudgetLineCommand,
  type BudgetLineEvent,
  type BudgetLineState,
} from '@app/budgeting';
import { SqliteEventStore } from '@app/event-store';
import { GroupCommitStore } from './lib/group-commit';
import { ensureHistory } from './lib/history-generator';
import { tempDir } from './lib/raw-log';
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

const WRITERS = 64;
const SIZES: Record<Mode, { rounds: number; seconds: number; history: number }> = {
  full: { rounds: 3, seconds: 3, history: 100_000 },
  smoke: { rounds: 1, seconds: 0.3, history: 10_000 },
};

interface Outcome {
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
  readonly commands: number;
  readonly failures: number;
}

/** Lines that take proposals (not carried over, so never lapsed), latest year first: one per writer. */
function writerLines(lines: readonly string[]): string[] {
  return lines
    .filter((l) => l.split('.').at(-2) === l.split('.')[0])
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .slice(0, WRITERS);
}

type Execute = (
  context: CommandContext,
  decision: StreamDecision<BudgetLineEvent, BudgetLineState>,
) => Promise<unknown>;

async function drive(
  execute: Execute,
  lines: readonly string[],
  seconds: number,
  tag: string,
): Promise<Outcome> {
  const latencies: number[] = [];
  let failures = 0;
  const deadline = nowMs() + seconds * 1000;
  let n = 0;
  const writer = async (lineId: string, w: number): Promise<void> => {
    const unit = lineId.split('.').at(-1) ?? 'X';
    const actor = { userId: `off-${unit}`, name: 'Cán bộ', role: 'officer' as const, unit };
    while (nowMs() < deadline) {
      const i = ++n;
      const context: CommandContext = {
        actor,
        commandId: `${tag}-${w}-${i}`,
        correlationId: `${tag}-${i}`,
        causationId: null,
        effectiveDate: '2025-06-02',
      };
      const command = {
        type: 'ProposeExpenditure',
        actor,
        on: '2025-06-02',
        data: {
          expenditureId: `bench-${tag}-${i}`,
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
      const started = nowMs();
      try {
        await execute(context, {
          streamId: `budget-line-${lineId}`,
          initialState: budgetLineDecider.initialState,
          evolve: budgetLineDecider.evolve,
          decide: (state) => budgetLineDecider.decide(command, state, lineId),
        });
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
    let copy = 0;
    const fresh = (): string => {
      const target = join(tmp.dir, `log-${++copy}.sqlite`);
      copyFileSync(file, target);
      return target;
    };
    const probe = new SqliteEventStore({ file });
    const lines = writerLines(
      (await probe.readAll({ maxCount: 1_000_000 }))
        .filter((e) => e.type === 'BudgetLineOpened')
        .map((e) => e.data.budgetLineId)
        .filter((id): id is string => typeof id === 'string'),
    );
    await probe.close();
    if (lines.length < WRITERS) throw new Error(`only ${lines.length} writer lines in the history`);
    const samples = await interleave<Outcome>(
      sizes.rounds,
      [
        {
          name: 'asIs',
          run: async (round) => {
            const store = new SqliteEventStore({ file: fresh() });
            try {
              return await drive(
                (context, decision) => executeOnStream(store, context, decision),
                lines,
                sizes.seconds,
                `a${round}`,
              );
            } finally {
              await store.close();
            }
          },
        },
        {
          name: 'group',
          run: async (round) => {
            const store = new GroupCommitStore(new SqliteEventStore({ file: fresh() }), {
              windowMs: 2,
              maxBatch: WRITERS,
            });
            try {
              return await drive(
                (context, decision) => executeOnStream(store, context, decision),
                lines,
                sizes.seconds,
                `g${round}`,
              );
            } finally {
              groups += store.groups;
              grouped += store.appended;
              await store.close();
            }
          },
        },
        {
          name: 'cachedGroup',
          run: async (round) => {
            const store = new GroupCommitStore(new SqliteEventStore({ file: fresh() }), {
              windowMs: 2,
              maxBatch: WRITERS,
            });
            const executor = new CachedExecutor(store);
            try {
              return await drive(
                (context, decision) => executor.execute(context, decision),
                lines,
                sizes.seconds,
                `c${round}`,
              );
            } finally {
              await store.close();
            }
          },
        },
      ],
      { warmup: false },
    );
    const cached = samplesOf(samples, 'cachedGroup');
    const asIs = samplesOf(samples, 'asIs');
    const group = samplesOf(samples, 'group');
    const med = (o: readonly Outcome[], f: (x: Outcome) => number): number => median(o.map(f));
    const rows: Row[] = [
      {
        label: `${WRITERS} writers, single-event commands: throughput`,
        unit: 'events/s',
        subject: med(asIs, (o) => o.rate),
        baseline: med(group, (o) => o.rate),
        baselineLabel: 'same writers, group-commit prototype (2 ms window)',
        ratio: med(asIs, (o) => o.rate) / med(group, (o) => o.rate),
        samples: { subject: asIs.map((o) => o.rate), baseline: group.map((o) => o.rate) },
      },
      {
        label: `${WRITERS} writers: p99 latency (ratio: baseline ÷ subject)`,
        unit: 'ms',
        subject: med(asIs, (o) => o.p99),
        baseline: med(group, (o) => o.p99),
        baselineLabel: 'same writers, group-commit prototype (2 ms window)',
        ratio: med(group, (o) => o.p99) / med(asIs, (o) => o.p99),
        samples: { subject: asIs.map((o) => o.p99), baseline: group.map((o) => o.p99) },
      },
      {
        label: `${WRITERS} writers: throughput vs state cache + group commit prototype`,
        unit: 'events/s',
        subject: med(asIs, (o) => o.rate),
        baseline: med(cached, (o) => o.rate),
        baselineLabel: 'prototype: cached stream state + group commit',
        ratio: med(asIs, (o) => o.rate) / med(cached, (o) => o.rate),
        samples: { subject: asIs.map((o) => o.rate), baseline: cached.map((o) => o.rate) },
      },
      {
        label: `${WRITERS} writers: p99 vs state cache + group commit prototype`,
        unit: 'ms',
        subject: med(asIs, (o) => o.p99),
        baseline: med(cached, (o) => o.p99),
        baselineLabel: 'prototype: cached stream state + group commit',
        ratio: med(cached, (o) => o.p99) / med(asIs, (o) => o.p99),
      },
      {
        label: `${WRITERS} writers: p50 latency (ratio: baseline ÷ subject)`,
        unit: 'ms',
        subject: med(asIs, (o) => o.p50),
        baseline: med(group, (o) => o.p50),
        baselineLabel: 'same writers, group-commit prototype (2 ms window)',
        ratio: med(group, (o) => o.p50) / med(asIs, (o) => o.p50),
      },
    ];
    const rate = rows[0]?.subject ?? 0;
    const p99 = rows[1]?.subject ?? 0;
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
    const failures = [...asIs, ...group, ...cached].reduce((n, o) => n + o.failures, 0);
    if (failures > 0) throw new Error(`${failures} commands failed`);
    const notes = [
      `each writer proposes expenditures on its own line of a ${manifest.events.toLocaleString('en-US')}-event history (copied fresh per round), so every command loads and folds a real line stream; ${sizes.rounds} interleaved rounds of ${sizes.seconds} s, medians`,
      `group-commit prototype: ${groups} groups, ${(grouped / Math.max(1, groups)).toFixed(1)} events per fsync on average`,
      ...(failures > 0 ? [`${failures} commands failed`] : []),
    ];
    return await finish('commands', mode, started, rows, targets, notes, {
      writers: WRITERS,
      asIs,
      groupCommit: group,
      cachedStateAndGroupCommit: cached,
    });
  } finally {
    tmp.dispose();
  }
}

if (require.main === module) runMain(() => runCommands(modeFromArgs()));
