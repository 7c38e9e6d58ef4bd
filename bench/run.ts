/**
 * Runs every benchmark and prints the table of targets.
 *   npm run bench        (full: ~10–15 minutes on a 2-core machine; 1M-event history)
 *   npm run bench:smoke  (seconds: every benchmark at toy sizes; checks that each runs and
 *                         yields finite figures above zero — never a timing)
 */
import { runAppend } from './append.bench';
import { runCommands } from './commands.bench';
import { runEventStoreDb } from './eventstoredb.bench';
import { measureGrowth, runGrowth, targetPoint } from './growth.bench';
import { runHashChain } from './hash-chain.bench';
import { runHttp } from './http.bench';
import { runRebuild } from './rebuild.bench';
import {
  machine,
  modeFromArgs,
  readResult,
  runMain,
  sanityProblems,
  writeResult,
  type BenchResult,
  type Mode,
  type Target,
} from './lib/report';
import { formatNumber } from './lib/stats';
import { runTimeTravel } from './time-travel.bench';

function only(): Set<string> | null {
  const i = process.argv.indexOf('--only');
  const list = i >= 0 ? process.argv[i + 1] : undefined;
  return list ? new Set(list.split(',')) : null;
}

async function main(): Promise<void> {
  const mode: Mode = modeFromArgs();
  const started = Date.now();
  const chosen = only();
  const want = (name: string): boolean => chosen === null || chosen.has(name);
  const results: BenchResult[] = [];
  /** Benchmarks that need a server that is not configured: they print a SKIP line. */
  const skipped: string[] = [];
  const step = async (name: string, run: () => Promise<BenchResult>): Promise<void> => {
    if (!want(name)) return;
    const t = Date.now();
    console.log(`\n▶ ${name}`);
    results.push(await run());
    console.log(`  (${name}: ${((Date.now() - t) / 1000).toFixed(1)} s)`);
  };
  await step('hash-chain', () => runHashChain(mode));
  await step('append', () => runAppend(mode));
  await step('commands', () => runCommands(mode));
  await step('http', () => runHttp(mode));
  // Growth measures rebuild and time travel at every size; its 1M point is the rebuild and
  // time-travel benchmarks' figure, so the 1M replay runs once (a 3M point, with
  // --growth-3m, only extends the growth table).
  if (want('growth') || want('rebuild') || want('time-travel')) {
    console.log('\n▶ growth (append, rebuild, as-of at each size)');
    const t = Date.now();
    const points = await measureGrowth(mode);
    const largest = targetPoint(points);
    if (!largest) throw new Error('growth measured nothing');
    if (want('growth')) results.push(await runGrowth(mode, points));
    if (want('rebuild')) results.push(await runRebuild(mode, largest.rebuild, largest.events));
    if (want('time-travel')) {
      results.push(await runTimeTravel(mode, largest.timeTravel, largest.events));
    }
    console.log(`  (growth, rebuild, time travel: ${((Date.now() - t) / 1000).toFixed(1)} s)`);
  }

  // Only with EVENTSTORE_CONNECTION_STRING (npm run test:servers); a SKIP line otherwise.
  if (want('eventstoredb')) {
    console.log('\n▶ eventstoredb');
    const result = await runEventStoreDb(mode);
    if (result) results.push(result);
    else skipped.push('eventstoredb');
  }

  let targets: (Target & { benchmark: string })[] = results.flatMap((r) =>
    r.targets.map((t) => ({ ...t, benchmark: r.benchmark })),
  );
  // A partial run (--only) updates its benchmarks' rows of the last summary, keeping the rest.
  const previous = chosen === null ? null : readResult('summary', mode);
  if (previous) {
    const rerun = new Set(results.map((r) => r.benchmark));
    const kept = (previous.targets as (Target & { benchmark: string })[]).filter(
      (t) => !rerun.has(t.benchmark),
    );
    targets = [...kept, ...targets];
  }
  console.log(`\n== Targets (${mode}; ${JSON.stringify(machine())})`);
  console.log('| benchmark | figure | measured | target | |');
  console.log('| --- | --- | ---: | --- | --- |');
  for (const t of targets) {
    console.log(
      `| ${t.benchmark} | ${t.what} | ${formatNumber(t.measured)} ${t.unit} | ${t.target} | ${t.pass ? 'PASS' : 'MISS'} |`,
    );
  }
  const summary: BenchResult = {
    benchmark: 'summary',
    mode,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    machine: machine(),
    rows: [],
    targets,
    notes: results.map((r) => `${r.benchmark}: ${r.durationMs} ms`),
  };
  console.log(`\n→ ${await writeResult(summary)}`);
  console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);

  if (mode === 'smoke') {
    const problems = results.flatMap((r) => sanityProblems(r).map((p) => `${r.benchmark}: ${p}`));
    const expected = chosen === null ? 7 : chosen.size - skipped.length;
    if (results.length < expected)
      problems.push(`only ${results.length} of ${expected} benchmarks ran`);
    if (problems.length > 0) {
      console.error(`\nbench:smoke found ${problems.length} problem(s):`);
      for (const p of problems) console.error(`  - ${p}`);
      throw new Error('bench:smoke failed');
    }
    console.log(
      `bench:smoke: ${results.length} benchmarks ran, every figure finite and above zero` +
        (skipped.length > 0 ? `; SKIP ${skipped.join(', ')} (no server configured)` : ''),
    );
  }
}

runMain(main);
