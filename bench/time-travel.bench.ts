/**
 * Time travel: the balance report as of a business date and/or as known at an instant
 * (queryBalances with asOf/knownAt, which sums the `movements` its two dates select),
 * against the present-day report (the `lines` documents) in the same run.
 *
 *   node -r @swc-node/register bench/time-travel.bench.ts [--smoke] [--events 100000]
 */
import { existsSync, rmSync } from 'node:fs';
import {
  balancesProjection,
  queryBalances,
  ReadModels,
  servingGeneration,
  SqliteDocumentStore,
} from '@app/read-models';
import { ensureHistory, type HistoryManifest } from './lib/history-generator';
import { ensureReadModels } from './lib/read-model-cache';
import { Random } from './lib/random';
import {
  finish,
  modeFromArgs,
  runMain,
  type BenchResult,
  type Mode,
  type Row,
  type Target,
} from './lib/report';
import { interleave, nowMs, percentile } from './lib/stats';

export interface TimeTravelFigures {
  readonly asOfP50: number;
  readonly asOfP99: number;
  readonly presentP50: number;
  readonly presentP99: number;
  readonly byKind: Record<string, { p50: number; p99: number; n: number }>;
  readonly queries: number;
}

export type Kind = 'asOf' | 'knownAt' | 'both';

/** A report's point: `daysBack` is how far asOf lies before the instant (0–60 days). */
export function params(
  random: Random,
  manifest: HistoryManifest,
  kind: Kind,
  daysBack = (): number => random.int(0, 60),
): {
  asOf?: string;
  knownAt?: string;
  fiscalYear?: number;
} {
  const first = Date.parse(manifest.firstRecordedAt);
  const last = Date.parse(manifest.lastRecordedAt);
  const at = new Date(first + random.next() * (last - first));
  // The fiscal year the instant falls in (a report of the year being looked back at).
  const year = manifest.fiscalYears.includes(at.getUTCFullYear())
    ? at.getUTCFullYear()
    : random.pick(manifest.fiscalYears);
  // Most reports are for one fiscal year; some span the whole programme.
  const fiscalYear = random.chance(0.75) ? { fiscalYear: year } : {};
  const asOf = new Date(at.getTime() - daysBack() * 86_400_000).toISOString().slice(0, 10);
  switch (kind) {
    case 'asOf':
      return { asOf, ...fiscalYear };
    case 'knownAt':
      return { knownAt: at.toISOString(), ...fiscalYear };
    case 'both':
      return { asOf, knownAt: at.toISOString(), ...fiscalYear };
  }
}

/** The balances projection version a cached read-model file was built with (null: none). */
async function balancesVersion(file: string): Promise<number | null> {
  if (!existsSync(file)) return null;
  const docs = new SqliteDocumentStore({ file });
  try {
    const tag = await docs.resolveAlias(balancesProjection.name);
    if (!tag) return null;
    return (await docs.checkpoint(`${balancesProjection.name}__g${tag}`))?.version ?? null;
  } finally {
    await docs.close();
  }
}

/**
 * Deletes a cached read-model file built by an older balances projection (other
 * collections, other documents), so that the next build or rebuild replaces it.
 */
export async function dropStaleReadModels(
  readModelsFile: string,
  log?: (m: string) => void,
): Promise<void> {
  const version = await balancesVersion(readModelsFile);
  if (version === null || version === balancesProjection.version) return;
  log?.(`${readModelsFile}: balances v${version}, dropped for v${balancesProjection.version}`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${readModelsFile}${suffix}`, { force: true });
}

/** A current read-model file for the history beside it, rebuilt if it is missing or stale. */
export async function ensureCurrentReadModels(
  readModelsFile: string,
  log?: (m: string) => void,
): Promise<void> {
  await dropStaleReadModels(readModelsFile, log);
  await ensureReadModels(readModelsFile.replace(/\.read-models\.sqlite$/, '.sqlite'), log);
}

/** Interleaved rounds of present-day and time-travel reports on one read-model file. */
export async function measureTimeTravel(
  readModelsFile: string,
  manifest: HistoryManifest,
  options: { readonly rounds: number; readonly perRound: number },
): Promise<TimeTravelFigures> {
  await ensureCurrentReadModels(readModelsFile, (m) => console.log(`  ${m}`));
  const docs = new SqliteDocumentStore({ file: readModelsFile });
  // As the API does on start: indexes a newer version of the code declares land on the
  // serving generation of a cached file too.
  await servingGeneration(docs, balancesProjection);
  const models = new ReadModels(docs);
  const random = new Random(99);
  const times: Record<Kind | 'present', number[]> = {
    asOf: [],
    knownAt: [],
    both: [],
    present: [],
  };
  try {
    // Warm the page cache and the statement cache alike for both sides.
    await queryBalances(models, { fiscalYear: manifest.fiscalYears[0] ?? 2023 });
    await queryBalances(models, params(random, manifest, 'both'));
    await interleave(options.rounds, [
      {
        name: 'timeTravel',
        run: async () => {
          for (let i = 0; i < options.perRound; i++) {
            const kind = (['asOf', 'knownAt', 'both'] as const)[i % 3] ?? 'asOf';
            const p = params(random, manifest, kind);
            const started = nowMs();
            const answer = await queryBalances(models, p);
            times[kind].push(nowMs() - started);
            if (answer.lines.length === 0 && i === 0 && !p.fiscalYear)
              throw new Error('empty report');
          }
        },
      },
      {
        name: 'present',
        run: async () => {
          for (let i = 0; i < options.perRound; i++) {
            const year = random.pick(manifest.fiscalYears);
            const started = nowMs();
            await queryBalances(models, random.chance(0.75) ? { fiscalYear: year } : {});
            times.present.push(nowMs() - started);
          }
        },
      },
    ]);
  } finally {
    await docs.close();
  }
  const all = [...times.asOf, ...times.knownAt, ...times.both];
  const byKind: TimeTravelFigures['byKind'] = {};
  for (const kind of ['asOf', 'knownAt', 'both'] as const) {
    byKind[kind] = {
      p50: percentile(times[kind], 50),
      p99: percentile(times[kind], 99),
      n: times[kind].length,
    };
  }
  return {
    asOfP50: percentile(all, 50),
    asOfP99: percentile(all, 99),
    presentP50: percentile(times.present, 50),
    presentP99: percentile(times.present, 99),
    byKind,
    queries: all.length,
  };
}

const SIZES: Record<Mode, { events: number; rounds: number; perRound: number }> = {
  full: { events: 1_000_000, rounds: 3, perRound: 45 },
  smoke: { events: 10_000, rounds: 1, perRound: 6 },
};

export async function runTimeTravel(
  mode: Mode,
  given?: TimeTravelFigures,
  givenEvents?: number,
): Promise<BenchResult> {
  const started = Date.now();
  // `--events 100000`: another cached history than the mode's (measuring on a busy machine).
  const eventsArg = process.argv.indexOf('--events');
  const sizes = {
    ...SIZES[mode],
    ...(eventsArg > 0 ? { events: Number(process.argv[eventsArg + 1]) } : {}),
  };
  const log = (m: string): void => console.log(`  ${m}`);
  let figures: TimeTravelFigures;
  let logEvents: number;
  if (given && givenEvents !== undefined) {
    figures = given;
    logEvents = givenEvents;
  } else {
    const { file, manifest } = await ensureHistory(sizes.events, { log });
    figures = await measureTimeTravel(await ensureReadModels(file, log), manifest, {
      rounds: sizes.rounds,
      perRound: sizes.perRound,
    });
    logEvents = manifest.events;
  }
  const events = logEvents.toLocaleString('en-US');
  const rows: Row[] = [
    {
      label: `balance report at ${events} events: p99, as-of/known-at vs present`,
      unit: 'ms',
      subject: figures.asOfP99,
      baseline: figures.presentP99,
      baselineLabel: 'present-day report (lines documents)',
      ratio: figures.presentP99 / figures.asOfP99,
    },
    {
      label: `balance report at ${events} events: p50, as-of/known-at vs present`,
      unit: 'ms',
      subject: figures.asOfP50,
      baseline: figures.presentP50,
      baselineLabel: 'present-day report (lines documents)',
      ratio: figures.presentP50 / figures.asOfP50,
    },
    ...Object.entries(figures.byKind).map(([kind, f]) => ({
      label: `  ${kind} only: p99 (p50 ${f.p50.toFixed(1)} ms, n=${f.n})`,
      unit: 'ms',
      subject: f.p99,
    })),
  ];
  const targets: Target[] = [
    {
      id: 'time-travel-p99',
      what: `as-of/known-at balance report at ${events} events, p99`,
      target: '≤ 20 ms',
      measured: figures.asOfP99,
      unit: 'ms',
      pass: figures.asOfP99 <= 20,
    },
  ];
  return finish(
    'time-travel',
    mode,
    started,
    rows,
    targets,
    [
      `${figures.queries} time-travel queries (asOf, knownAt, both; 3 in 4 for one fiscal year), interleaved with as many present-day reports; ratio = present ÷ time travel (below 1: time travel is slower)`,
    ],
    { figures },
  );
}

if (require.main === module) runMain(() => runTimeTravel(modeFromArgs()));
