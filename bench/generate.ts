/**
 * Generates (or reuses) a cached history and, with --check, proves it sane.
 *   node -r @swc-node/register bench/generate.ts --events 10000 [--seed 7] [--check]
 */
import { ensureHistory } from './lib/history-generator';
import { checkHistory } from './lib/history-check';
import { runMain } from './lib/report';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

async function main(): Promise<void> {
  const events = arg('events', 10_000);
  const seed = arg('seed', 7);
  const { file, manifest } = await ensureHistory(events, { seed, log: (m) => console.log(m) });
  console.log(file);
  console.log(JSON.stringify({ ...manifest, pending: manifest.pending.length }, null, 2));
  if (process.argv.includes('--check')) {
    const check = await checkHistory(file);
    console.log(JSON.stringify(check, null, 2));
    const ok =
      check.conservationOk &&
      check.chainOk &&
      check.projectedHeld === check.conservationHeld &&
      check.recordedBackwards === 0;
    if (!ok) throw new Error('the generated history is not sane');
    console.log(
      'history sane: conservation ok, hash chain ok, projections agree, recorded in order',
    );
  }
}

runMain(main);
