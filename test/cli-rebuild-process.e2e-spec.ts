import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// What keeps `budget rebuild` under its memory budget (≤ 300 MB at a million events,
// BENCHMARKS.md, rebuild RSS), as rules a change could undo without any other test noticing:
// the command runs in a child process with its own heap limits, without the TypeScript
// compiler, and with small SQLite page caches (the log read once in order, the bulk load),
// and without the clients of the stores it does not use.
const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'budget.js');

interface Probe {
  readonly execArgv: readonly string[];
  readonly modules: readonly string[];
  /** `pragma` calls, as `<file name>: <pragma>`. */
  readonly pragmas: readonly string[];
}

/** Preloaded into `budget`'s processes: the rebuild child reports what it loaded and set. */
const PROBE = `
const Database = require(require.resolve('better-sqlite3', { paths: [${JSON.stringify(ROOT)}] }));
const pragmas = [];
const pragma = Database.prototype.pragma;
Database.prototype.pragma = function (source, options) {
  pragmas.push(require('node:path').basename(this.name) + ': ' + source);
  return pragma.call(this, source, options);
};
process.on('exit', () => {
  if (!process.execArgv.some((a) => a.startsWith('--max-old-space-size'))) return;
  require('node:fs').writeFileSync(process.env.PROBE_OUT, JSON.stringify({
    execArgv: process.execArgv, modules: Object.keys(require.cache), pragmas,
  }));
});
`;

function budget(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [...args], {
    encoding: 'utf8',
    env: { ...process.env, BUDGET_LANG: 'en', ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('budget rebuild’s process', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'budget-rebuild-process-'));
    const imported = budget([BIN, 'import', join(ROOT, 'examples', 'ba-to-2024'), '--data', dir]);
    if (imported.code !== 0) throw new Error(imported.stderr);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs in a child with its heap limits, no TypeScript compiler, a 2 MiB log cache and a 16 MiB bulk-load cache', () => {
    const probe = join(dir, 'probe.js');
    const out = join(dir, 'probe.json');
    writeFileSync(probe, PROBE);

    const run = budget(['-r', probe, BIN, 'rebuild', '--data', dir, '--json'], {
      PROBE_OUT: out,
    });

    expect(run.code).toBe(0);
    const seen = JSON.parse(readFileSync(out, 'utf8')) as Probe;
    expect(seen.execArgv).toEqual(
      expect.arrayContaining(['--max-old-space-size=160', '--max-semi-space-size=8']),
    );
    expect(seen.modules.filter((m) => m.includes('/node_modules/typescript/'))).toEqual([]);
    expect(seen.modules.filter((m) => m.includes('/node_modules/@swc-node/register/'))).toEqual([]);
    // On SQLite, neither the MongoDB driver nor EventStoreDB's gRPC client (~17 MB and their
    // loading time): they load only where READ_STORE / EVENT_STORE choose them.
    const clients = /\/node_modules\/(?:mongodb|bson|@eventstore|@grpc|@mongodb-js)\//;
    expect(seen.modules.filter((m) => clients.test(m))).toEqual([]);
    expect(seen.pragmas).toContain('events.sqlite: cache_size = -2048');
    expect(seen.pragmas).toContain('read-models.sqlite: cache_size = -16384');
    // No connection's cache set above 16 MiB.
    const caches = seen.pragmas.map((p) => /cache_size = -(\d+)$/.exec(p)?.[1]).filter(Boolean);
    expect(Math.max(...caches.map(Number))).toBeLessThanOrEqual(16_384);
  }, 120_000);
});
