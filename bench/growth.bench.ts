/**
 * Growth: how append, rebuild and the as-of report cost as the log grows from 10k to
 * 100k to 1M events (and 3M with `--growth-3m`) — the curve, each point with its same-run
 * baseline.
 *
 *   node -r @swc-node/register bench/growth.bench.ts [--smoke] [--growth-3m]
 *
 * The 3M point is optional: generating its history takes ~3–10 min (once, cached in
 * bench/.data like the others) and measuring it ~15–25 min on a shared 2-core machine.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { ensureHistory } from './lib/history-generator';
import { readModelsFileFor } from './lib/read-model-cache';
import { openRawLog, rawAppender, rowsOf, tempDir, type PlannedBatch } from './lib/raw-log';
import {
  finish,
  modeFromArgs,
  rateRow,
  runMain,
  type BenchResult,
  type Mode,
  type Row,
} from './lib/report';
import { interleave, median, nowMs, samplesOf } from './lib/stats';
import { planBatches } from './lib/workload';
import { measureRebuild, type RebuildFigures } from './rebuild.bench';
import {
  dropStaleReadModels,
  measureTimeTravel,
  type TimeTravelFigures,
} from './time-travel.bench';

export interface GrowthPoint {
  readonly events: number;
  readonly appendPort: readonly number[];
  readonly appendRaw: readonly number[];
  readonly rebuild: RebuildFigures;
  readonly timeTravel: TimeTravelFigures;
}

const SIZES: Record<Mode, { sizes: number[]; appends: number; rounds: number; queries: number }> = {
  full: { sizes: [10_000, 100_000, 1_000_000], appends: 40, rounds: 3, queries: 45 },
  smoke: { sizes: [1_000, 3_000], appends: 3, rounds: 1, queries: 6 },
};

const RECORDED_AT = '2026-01-05T03:00:00.000Z';

async function appendOnto(copy: string, batches: readonly PlannedBatch[]): Promise<number> {
  const store = new SqliteEventStore({ file: copy, clock: () => new Date(RECORDED_AT) });
  try {
    const started = nowMs();
    for (const b of batches) {
      await store.append(b.streamId, b.events, {
        expectedRevision: b.firstRevision === 0n ? 'no_stream' : b.firstRevision - 1n,
      });
    }
    return nowMs() - started;
  } finally {
    await store.close();
  }
}

function rawOnto(copy: string, batches: readonly PlannedBatch[]): number {
  const db = openRawLog(copy);
  try {
    const rows = rowsOf(batches, RECORDED_AT);
    const append = rawAppender(db);
    const started = nowMs();
    for (const r of rows) append(r);
    return nowMs() - started;
  } finally {
    db.close();
  }
}

/** The largest point, 3M events: only on request (`--growth-3m` or BENCH_GROWTH_3M=1). */
export const GROWTH_3M = 3_000_000;

export function wantsGrowth3m(argv: readonly string[] = process.argv): boolean {
  return argv.includes('--growth-3m') || process.env.BENCH_GROWTH_3M === '1';
}

/** The sizes a run measures: the mode's, plus 3M in a full run that asks for it. */
export function growthSizes(mode: Mode, with3m = wantsGrowth3m()): number[] {
  const sizes = SIZES[mode].sizes;
  return mode === 'full' && with3m ? [...sizes, GROWTH_3M] : sizes;
}

/**
 * The point the rebuild and time-travel targets are read from: the one nearest 1M events
 * (the targets are stated at 1M), whatever larger point the growth table also measured.
 */
export function targetPoint(points: readonly GrowthPoint[]): GrowthPoint | undefined {
  const distance = (p: GrowthPoint): number => Math.abs(Math.log(p.events / 1_000_000));
  return [...points].sort((a, b) => distance(a) - distance(b))[0];
}

export async function measureGrowth(mode: Mode): Promise<GrowthPoint[]> {
  const sizes = SIZES[mode];
  const points: GrowthPoint[] = [];
  for (const size of growthSizes(mode)) {
    const { file, manifest } = await ensureHistory(size, { log: (m) => console.log(`  ${m}`) });
    const tmp = tempDir('bench-growth-');
    try {
      let n = 0;
      const copy = (): string => {
        const target = join(tmp.dir, `log-${++n}.sqlite`);
        copyFileSync(file, target);
        return target;
      };
      const batches = planBatches(sizes.appends, 100, { salt: 9 });
      const rate = (ms: number): number => (sizes.appends * 100) / (ms / 1000);
      const samples = await interleave(sizes.rounds, [
        { name: 'port', run: async () => rate(await appendOnto(copy(), batches)) },
        { name: 'raw', run: async () => rate(rawOnto(copy(), batches)) },
      ]);
      tmp.dispose();
      console.log(`  ${size}: append done`);
      // The rebuild's documents serve the time-travel figures: not a cache of an older projection.
      await dropStaleReadModels(readModelsFileFor(file), (m) => console.log(`  ${m}`));
      const rebuild = await measureRebuild(file, 1);
      console.log(`  ${size}: rebuild done`);
      const timeTravel = await measureTimeTravel(readModelsFileFor(file), manifest, {
        rounds: sizes.rounds,
        perRound: sizes.queries,
      });
      console.log(`  ${size}: time travel done`);
      points.push({
        events: manifest.events,
        appendPort: samplesOf(samples, 'port'),
        appendRaw: samplesOf(samples, 'raw'),
        rebuild,
        timeTravel,
      });
    } finally {
      tmp.dispose();
    }
  }
  return points;
}

export async function runGrowth(mode: Mode, given?: GrowthPoint[]): Promise<BenchResult> {
  const started = Date.now();
  const points = given ?? (await measureGrowth(mode));
  const rows: Row[] = [];
  for (const p of points) {
    const at = `at ${p.events.toLocaleString('en-US')}`;
    rows.push(
      rateRow(
        `${at}: append 100/batch onto the log, port vs raw`,
        'events/s',
        p.appendPort,
        p.appendRaw,
        'raw prepared inserts onto a copy of the same log',
        median,
      ),
      rateRow(
        `${at}: rebuild all projections vs raw read + parse`,
        'events/s',
        p.rebuild.rebuildRates,
        p.rebuild.rawRates,
        'raw read + JSON.parse',
        median,
      ),
      { label: `${at}: rebuild peak RSS`, unit: 'MB', subject: p.rebuild.peakRssMb },
      {
        label: `${at}: as-of/known-at report p99 vs present`,
        unit: 'ms',
        subject: p.timeTravel.asOfP99,
        baseline: p.timeTravel.presentP99,
        baselineLabel: 'present-day report',
        ratio: p.timeTravel.presentP99 / p.timeTravel.asOfP99,
      },
    );
  }
  return finish(
    'growth',
    mode,
    started,
    rows,
    [],
    [
      'the same measurements at each size: append 100-event batches onto a copy of the log (port vs raw, interleaved), one rebuild between raw reads, as-of/known-at vs present-day reports',
      ...(mode === 'full' && !points.some((p) => p.events >= GROWTH_3M)
        ? ['3M events: add --growth-3m (BENCH_GROWTH_3M=1) to measure that point too']
        : []),
    ],
    { points },
  );
}

if (require.main === module) runMain(() => runGrowth(modeFromArgs()));
