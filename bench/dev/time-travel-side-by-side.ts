/**
 * The balance report's time travel, two checkouts side by side on one history: each
 * answers the same queries on its own read-model file (built by its own projection code),
 * one query each in turn (alternating which goes first), and the process CPU time per
 * query is compared by kind (as-of, known-at, both), with every pair of answers checked
 * equal. CPU time is less distorted than wall time on a loaded machine.
 *
 *   node -r @swc-node/register bench/dev/time-travel-side-by-side.ts \
 *     --history bench/.data/<history>.sqlite --queries 150 \
 *     --a <checkout>:<read-models.sqlite> --b <checkout>:<read-models.sqlite> [--present]
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { HistoryManifest } from '../lib/history-generator';
import { Random } from '../lib/random';
import { percentile } from '../lib/stats';
import { params, type Kind } from '../time-travel.bench';

interface Answer {
  cpuMs: number;
  wallMs: number;
  digest: string;
}

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i > 0 ? process.argv[i + 1] : undefined;
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}

/**
 * The time-travel bench's points, asOf as far back as it looks and up to a year back; with
 * `--present`, the present-day report instead (one year's lines, or all of them).
 */
function query(random: Random, manifest: HistoryManifest, kind: Kind): object {
  if (process.argv.includes('--present')) {
    return random.chance(0.75) ? { fiscalYear: random.pick(manifest.fiscalYears) } : {};
  }
  return params(random, manifest, kind, () =>
    random.chance(0.5) ? random.int(0, 60) : random.int(61, 365),
  );
}

class Side {
  readonly lines: Interface;
  private readonly pending: ((line: string) => void)[] = [];
  constructor(readonly child: ChildProcessWithoutNullStreams) {
    this.lines = createInterface({ input: child.stdout });
    this.lines.on('line', (line) => this.pending.shift()?.(line));
    child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
  }
  next(): Promise<string> {
    return new Promise((resolve) => this.pending.push(resolve));
  }
  async ask(q: object): Promise<Answer> {
    const answer = this.next();
    this.child.stdin.write(`${JSON.stringify(q)}\n`);
    return JSON.parse(await answer) as Answer;
  }
}

function start(spec: string): Side {
  const [checkout = '.', file = ''] = spec.split(':');
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(checkout, 'bench/dev/time-travel-worker.ts'), file],
    { cwd: checkout },
  );
  return new Side(child);
}

async function main(): Promise<void> {
  const manifest = JSON.parse(
    readFileSync(arg('history').replace(/\.sqlite$/, '.manifest'), 'utf8'),
  ) as HistoryManifest;
  const count = Number(arg('queries'));
  const sides = { a: start(arg('a')), b: start(arg('b')) };
  const ready = await Promise.all([sides.a.next(), sides.b.next()]);
  console.log(`a: ${arg('a')} ${ready[0]}\nb: ${arg('b')} ${ready[1]}`);
  const random = new Random(99);
  const cpu: Record<'a' | 'b', Record<Kind, number[]>> = {
    a: { asOf: [], knownAt: [], both: [] },
    b: { asOf: [], knownAt: [], both: [] },
  };
  let differ = 0;
  // Warm both (page cache, statements).
  for (const side of [sides.a, sides.b]) await side.ask(query(random, manifest, 'both'));
  for (let i = 0; i < count; i++) {
    const kind = (['asOf', 'knownAt', 'both'] as const)[i % 3]!;
    const q = query(random, manifest, kind);
    const order = i % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
    const answers: Partial<Record<'a' | 'b', Answer>> = {};
    for (const name of order) answers[name] = await sides[name].ask(q);
    cpu.a[kind].push(answers.a!.cpuMs);
    cpu.b[kind].push(answers.b!.cpuMs);
    if (answers.a!.digest !== answers.b!.digest) {
      differ++;
      console.log(`answers differ: ${JSON.stringify(q)}`);
    }
  }
  for (const side of [sides.a, sides.b]) side.child.stdin.end();
  console.log('CPU ms per query, a → b (p50 / p90 / p99, n):');
  for (const kind of ['asOf', 'knownAt', 'both'] as const) {
    const f = (xs: number[]) =>
      `${percentile(xs, 50).toFixed(1)} / ${percentile(xs, 90).toFixed(1)} / ${percentile(xs, 99).toFixed(1)}`;
    console.log(`  ${kind}: ${f(cpu.a[kind])} → ${f(cpu.b[kind])} (n=${cpu.a[kind].length})`);
  }
  console.log(`${count} queries, answers equal: ${count - differ}, differ: ${differ}`);
  if (differ > 0) process.exitCode = 1;
}

void main();
