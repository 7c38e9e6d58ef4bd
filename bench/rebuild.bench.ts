/**
 * Rebuild: every projection replayed from the whole log into a fresh read-model file, in
 * a child process whose peak RSS (VmHWM) is measured, against a child that reads the
 * same log raw and parses each event's JSON — the floor any replay stands on.
 *
 *   node -r @swc-node/register bench/rebuild.bench.ts [--smoke]
 */
import { join } from 'node:path';
import { ensureHistory } from './lib/history-generator';
import { keepReadModels, readModelsFileFor } from './lib/read-model-cache';
import { inChild, REBUILD_HEAP_FLAGS } from './lib/rebuild-runner';
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
import { median } from './lib/stats';

export interface RebuildFigures {
  readonly events: number;
  readonly rebuildRates: readonly number[];
  readonly rawRates: readonly number[];
  readonly peakRssMb: number;
  readonly rawPeakRssMb: number;
  readonly perProjectionMs: Record<string, number>;
}

/** Raw read, rebuild, raw read, …: the rebuild always has a baseline on each side. */
export async function measureRebuild(historyFile: string, rounds: number): Promise<RebuildFigures> {
  const tmp = tempDir('bench-rebuild-');
  const rebuildRates: number[] = [];
  const rawRates: number[] = [];
  let peakRssMb = 0;
  let rawPeakRssMb = 0;
  let events = 0;
  let perProjectionMs: Record<string, number> = {};
  try {
    const raw = async (): Promise<void> => {
      const r = await inChild({ kind: 'raw', log: historyFile });
      rawRates.push(r.events / (r.ms / 1000));
      rawPeakRssMb = Math.max(rawPeakRssMb, r.peakRssMb);
    };
    await raw();
    for (let round = 0; round < rounds; round++) {
      const readModels = join(tmp.dir, `read-models-${round}.sqlite`);
      const r = await inChild({ kind: 'rebuild', log: historyFile, readModels });
      events = r.events;
      rebuildRates.push(r.events / (r.ms / 1000));
      peakRssMb = Math.max(peakRssMb, r.peakRssMb);
      perProjectionMs = Object.fromEntries((r.projections ?? []).map((p) => [p.projection, p.ms]));
      // The first rebuild's documents serve the time-travel benchmark later.
      if (round === 0) keepReadModels(readModels, readModelsFileFor(historyFile));
      await raw();
    }
  } finally {
    tmp.dispose();
  }
  return { events, rebuildRates, rawRates, peakRssMb, rawPeakRssMb, perProjectionMs };
}

const SIZES: Record<Mode, { events: number; rounds: number }> = {
  full: { events: 1_000_000, rounds: 1 },
  smoke: { events: 10_000, rounds: 1 },
};

export async function runRebuild(
  mode: Mode,
  given?: RebuildFigures,
  givenEvents?: number,
): Promise<BenchResult> {
  const started = Date.now();
  const sizes = SIZES[mode];
  let f: RebuildFigures;
  let logEvents: number;
  if (given && givenEvents !== undefined) {
    f = given;
    logEvents = givenEvents;
  } else {
    const { file, manifest } = await ensureHistory(sizes.events, {
      log: (m) => console.log(`  ${m}`),
    });
    f = await measureRebuild(file, sizes.rounds);
    logEvents = manifest.events;
  }
  const rate = median(f.rebuildRates);
  const rawRate = median(f.rawRates);
  const events = logEvents.toLocaleString('en-US');
  const rows: Row[] = [
    {
      label: `rebuild all projections from ${events} events`,
      unit: 'events/s',
      subject: rate,
      baseline: rawRate,
      baselineLabel: 'raw read + JSON.parse of the same log (child process)',
      ratio: rate / rawRate,
      samples: { subject: f.rebuildRates, baseline: f.rawRates },
    },
    {
      label: `rebuild peak RSS (child process VmHWM)`,
      unit: 'MB',
      subject: f.peakRssMb,
      baseline: f.rawPeakRssMb,
      baselineLabel: 'raw read + JSON.parse peak RSS',
    },
    ...Object.entries(f.perProjectionMs).map(([name, ms]) => ({
      label: `  replay into ${name}`,
      unit: 'events/s',
      subject: f.events / (ms / 1000),
    })),
  ];
  const targets: Target[] = [
    {
      id: 'rebuild-rate',
      what: `rebuild all projections at ${events} events`,
      target: '≥ 100,000 events/s',
      measured: rate,
      unit: 'events/s',
      pass: rate >= 100_000,
    },
    {
      id: 'rebuild-rss',
      what: `rebuild peak RSS at ${events} events`,
      target: '≤ 300 MB',
      measured: f.peakRssMb,
      unit: 'MB',
      pass: f.peakRssMb <= 300,
    },
  ];
  return finish(
    'rebuild',
    mode,
    started,
    rows,
    targets,
    [
      "rate = events in the log ÷ time to rebuild every projection (balances, history, approvals, plans) as `budget rebuild` does: one pass over the log for all of them, new generations in the store's bulk mode, indexes built after the load, then the switch",
      `both children run with ${REBUILD_HEAP_FLAGS.join(' ')} (V8 collects earlier; the replay itself holds a bounded amount)`,
      `${f.rebuildRates.length} rebuild(s) with a raw read before and after each; medians`,
    ],
    { figures: f },
  );
}

if (require.main === module) runMain(() => runRebuild(modeFromArgs()));
