/**
 * Rebuild: `budget rebuild` as users run it (bin/budget.js, the CLI's own heap limits),
 * every projection replayed from the whole log into a fresh read-model file, its peak RSS
 * measured, against a child that reads the same log raw and parses each event's JSON —
 * the floor any replay stands on (Node's default flags).
 *
 *   node -r @swc-node/register bench/rebuild.bench.ts [--smoke]
 */
import { join } from 'node:path';
import { ensureHistory } from './lib/history-generator';
import { keepReadModels, readModelsFileFor } from './lib/read-model-cache';
import { cliRebuild } from './lib/cli-rebuild';
import { inChild } from './lib/rebuild-runner';
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
  /** Events ÷ the whole command's time (node and Nest starting, files opened). */
  readonly commandRates: readonly number[];
  readonly rawRates: readonly number[];
  readonly peakRssMb: number;
  readonly rawPeakRssMb: number;
}

/** Raw read, rebuild, raw read, …: the rebuild always has a baseline on each side. */
export async function measureRebuild(historyFile: string, rounds: number): Promise<RebuildFigures> {
  const tmp = tempDir('bench-rebuild-');
  const rebuildRates: number[] = [];
  const commandRates: number[] = [];
  const rawRates: number[] = [];
  let peakRssMb = 0;
  let rawPeakRssMb = 0;
  let events = 0;
  try {
    const raw = async (): Promise<void> => {
      const r = await inChild({ kind: 'raw', log: historyFile }, []);
      rawRates.push(r.events / (r.ms / 1000));
      rawPeakRssMb = Math.max(rawPeakRssMb, r.peakRssMb);
    };
    await raw();
    for (let round = 0; round < rounds; round++) {
      const dataDir = join(tmp.dir, `data-${round}`);
      const r = await cliRebuild(historyFile, dataDir);
      events = r.events;
      rebuildRates.push(r.events / (r.ms / 1000));
      commandRates.push(r.events / (r.wallMs / 1000));
      peakRssMb = Math.max(peakRssMb, r.peakRssMb);
      const readModels = join(dataDir, 'read-models.sqlite');
      // The first rebuild's documents serve the time-travel benchmark later.
      if (round === 0) keepReadModels(readModels, readModelsFileFor(historyFile));
      await raw();
    }
  } finally {
    tmp.dispose();
  }
  return {
    events,
    rebuildRates,
    commandRates,
    rawRates,
    peakRssMb,
    rawPeakRssMb,
  };
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
      label: `  the whole command (node, Nest and the stores starting)`,
      unit: 'events/s',
      subject: median(f.commandRates),
    },
    {
      label: `rebuild peak RSS (budget rebuild, largest process)`,
      unit: 'MB',
      subject: f.peakRssMb,
      baseline: f.rawPeakRssMb,
      baselineLabel: 'raw read + JSON.parse peak RSS',
    },
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
      "rate = events in the log ÷ the rebuild's time as `budget rebuild --json` reports it (every projection: one pass over the log for all of them, new generations in the store's bulk mode, indexes built after the load, then the switch); the command's own startup is in the row below it",
      "the CLI runs with its own heap limits (bin/budget.js re-runs itself with them for `rebuild`); the raw read runs with Node's defaults",
      `${f.rebuildRates.length} rebuild(s) with a raw read before and after each; medians`,
    ],
    { figures: f },
  );
}

if (require.main === module) runMain(() => runRebuild(modeFromArgs()));
