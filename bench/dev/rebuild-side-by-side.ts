/**
 * `budget rebuild` as users run it, this tree against another checkout (main's code),
 * interleaved on copies of the same log: process CPU time (user + sys of the command and
 * its child, from GNU time) and peak RSS, medians of the runs. CPU, not wall time: on a
 * shared machine the wall clock measures the neighbours.
 *
 *   node -r @swc-node/register bench/dev/rebuild-side-by-side.ts \
 *     --base /work/wt/base --log bench/.data/history-v4-s7-n100000.sqlite [--runs 5]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from '../lib/stats';

interface Run {
  readonly cpuS: number;
  readonly rssMb: number;
  readonly rebuildMs: number;
  /** The whole command's wall time (startup included), as users wait for it. */
  readonly wallS: number;
  /** The machine's 1-minute load average when the run ended. */
  readonly load: number;
}

function arg(name: string, fallback?: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? process.argv[at + 1] : fallback;
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}

function rebuild(tree: string, log: string): Run {
  const data = mkdtempSync(join(tmpdir(), 'rebuild-sbs-'));
  try {
    copyFileSync(log, join(data, 'events.sqlite'));
    const run = spawnSync(
      '/usr/bin/time',
      [
        '-f',
        'cpu %U %S rss %M wall %e',
        process.execPath,
        join(tree, 'bin', 'budget.js'),
        'rebuild',
        '--data',
        data,
        '--json',
      ],
      { cwd: tree, encoding: 'utf8', maxBuffer: 1 << 26 },
    );
    if (run.status !== 0) throw new Error(`${tree}: rebuild failed: ${run.stderr.slice(-2000)}`);
    const m = /cpu ([\d.]+) ([\d.]+) rss (\d+) wall ([\d.]+)/.exec(run.stderr);
    if (!m) throw new Error(`no GNU time figures: ${run.stderr.slice(-500)}`);
    const report = JSON.parse(run.stdout) as { reports: { durationMs: number }[] };
    return {
      cpuS: Number(m[1]) + Number(m[2]),
      rssMb: Number(m[3]) / 1024,
      rebuildMs: report.reports[0]?.durationMs ?? 0,
      wallS: Number(m[4]),
      load: loadavg()[0] ?? 0,
    };
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

function main(): void {
  const base = resolve(arg('base'));
  const log = resolve(arg('log'));
  const runs = Number(arg('runs', '5'));
  const self = resolve(__dirname, '..', '..');
  const sides: Record<'base' | 'this', Run[]> = { base: [], this: [] };
  for (let i = 0; i < runs; i++) {
    // Alternate which side goes first, so a drift in the machine's load hits both.
    const order: ('base' | 'this')[] = i % 2 === 0 ? ['base', 'this'] : ['this', 'base'];
    for (const side of order) {
      const r = rebuild(side === 'base' ? base : self, log);
      sides[side].push(r);
      console.log(
        `run ${i + 1} ${side.padEnd(4)} cpu ${r.cpuS.toFixed(2)} s  wall ${r.wallS.toFixed(2)} s  rss ${r.rssMb.toFixed(0)} MB  rebuild ${r.rebuildMs} ms  load ${r.load.toFixed(1)}`,
      );
    }
  }
  const med = (side: 'base' | 'this', f: (r: Run) => number): number => median(sides[side].map(f));
  const cpuBase = med('base', (r) => r.cpuS);
  const cpuThis = med('this', (r) => r.cpuS);
  console.log(
    `median cpu: base ${cpuBase.toFixed(2)} s, this ${cpuThis.toFixed(2)} s, this/base ${(cpuThis / cpuBase).toFixed(3)}`,
  );
  const wallBase = med('base', (r) => r.wallS);
  const wallThis = med('this', (r) => r.wallS);
  console.log(
    `median wall: base ${wallBase.toFixed(2)} s, this ${wallThis.toFixed(2)} s, this/base ${(wallThis / wallBase).toFixed(3)}`,
  );
  console.log(
    `peak rss: base max ${Math.max(...sides.base.map((r) => r.rssMb)).toFixed(0)} MB (median ${med('base', (r) => r.rssMb).toFixed(0)}), ` +
      `this max ${Math.max(...sides.this.map((r) => r.rssMb)).toFixed(0)} MB (median ${med('this', (r) => r.rssMb).toFixed(0)})`,
  );
}

main();
