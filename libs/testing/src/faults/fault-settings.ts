import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SeededRandom } from '../history/seeded-random';

/**
 * Settings shared by the fault suites (test/faults). Each runs short inside `npm test`
 * and long under `npm run test:faults` (FAULT_LONG=1). Every random choice — kill times,
 * batch sizes, tamper positions, bad requests — comes from one seed, printed in the
 * suite's title and in every failure, so a failing run is replayed with FAULT_SEED.
 * (A real SIGKILL lands wherever the child happens to be: the seed fixes the plan, the
 * operating system the exact instruction.)
 */
export const FAULT_LONG = process.env.FAULT_LONG === '1';

const ROOT = join(__dirname, '..', '..', '..', '..');

/**
 * FAULT_SEED when given; otherwise a fixed seed for the short run (the same green run
 * from a clean clone) and a fresh one for the long run (new ground every time).
 */
export function faultSeed(shortDefault: number): number {
  const given = process.env.FAULT_SEED;
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed) || seed < 0)
      throw new Error(`FAULT_SEED must be an integer ≥ 0, got ${given}`);
    return seed;
  }
  return FAULT_LONG ? Math.floor(Math.random() * 2 ** 31) : shortDefault;
}

/** A count: env FAULT_<NAME> when set, else the short or the long default. */
export function faultSize(name: string, short: number, long: number): number {
  const given = process.env[`FAULT_${name}`];
  if (given !== undefined && given !== '') {
    const value = Number(given);
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`FAULT_${name} must be an integer ≥ 0`);
    return value;
  }
  return FAULT_LONG ? long : short;
}

/** The command that replays a run. */
export function replayCommand(testFile: string, seed: number): string {
  const file = relative(ROOT, testFile);
  return `${FAULT_LONG ? 'FAULT_LONG=1 ' : ''}FAULT_SEED=${seed} npx jest ${file}`;
}

/** Runs a trial; a failure is rethrown with the seed, the trial and how to replay it. */
export async function trial<T>(
  context: { readonly file: string; readonly seed: number; readonly label: string },
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const wrapped = new Error(
      `${context.label} failed (seed ${context.seed}; replay: ${replayCommand(context.file, context.seed)})\n${message}`,
    );
    if (error instanceof Error && error.stack) wrapped.stack = `${wrapped.message}\n${error.stack}`;
    throw wrapped;
  }
}

/** A PRNG for one part of a suite, derived from the suite's seed so parts stay independent. */
export function randomFor(seed: number, part: string): SeededRandom {
  let h = seed >>> 0;
  for (const c of part) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return new SeededRandom(h);
}

/**
 * Keeps a suite's figures (trials, seed, results, duration) in
 * `.test-output/faults/<suite>.json`, for the reliability section of the README.
 */
export function recordFigures(suite: string, figures: Record<string, unknown>): void {
  const dir = join(ROOT, '.test-output', 'faults');
  mkdirSync(dir, { recursive: true });
  const document = { suite, long: FAULT_LONG, at: new Date().toISOString(), ...figures };
  writeFileSync(join(dir, `${suite}.json`), `${JSON.stringify(document, null, 2)}\n`);
  if (FAULT_LONG) console.log(`[faults] ${suite}: ${JSON.stringify(figures)}`);
}
