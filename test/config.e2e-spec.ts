import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForPort } from '@app/testing/faults';

const ROOT = join(__dirname, '..');

/** A program as its users start it, with one bad variable in its environment. */
function start(
  entry: string[],
  env: Record<string, string>,
): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, entry, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const API = ['-r', '@swc-node/register', 'apps/api/src/main.ts'];
const PROJECTOR = ['-r', '@swc-node/register', 'apps/projector/src/main.ts'];
const CLI = ['bin/budget.js'];

describe('a bad configuration value at start', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'budget-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    { program: 'the API', entry: API, name: 'PORT', value: 'abc' },
    { program: 'the API', entry: API, name: 'BUDGET_RATE_LIMIT_PER_MINUTE', value: 'lots' },
    { program: 'the projector', entry: PROJECTOR, name: 'BUDGET_LEASE_TTL_MS', value: 'soon' },
    { program: 'the CLI', entry: [...CLI, 'balances'], name: 'BUDGET_LANG', value: 'klingon' },
  ])(
    'stops $program with exit 1 and one line naming $name=$value, before anything starts',
    ({ entry, name, value }) => {
      const run = start(entry, { BUDGET_DATA_DIR: dir, [name]: value });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toEqual([
        expect.stringMatching(
          new RegExp(
            `^Cấu hình không hợp lệ: ${name} phải là .+ \\(nhận "${value}"\\) / Invalid configuration: ${name} must be .+ \\(got "${value}"\\)$`,
          ),
        ),
      ]);
    },
  );
});

describe('the API on a port another program holds', () => {
  let dir: string;
  let holder: Server;
  let port: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-port-'));
    holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, resolve));
    port = (holder.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => holder.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops with exit 1 and one bilingual line naming the port, not a stack trace', () => {
    const run = start(API, { BUDGET_DATA_DIR: dir, BUDGET_NO_EXAMPLE: '1', PORT: String(port) });
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `Cổng ${port} đang được một chương trình khác dùng; đặt PORT khác (hoặc PORT=0) / Port ${port} is already in use by another program; set another PORT (or PORT=0)`,
    ]);
    expect(run.stdout).not.toContain('API listening');
  });
});

/**
 * Every test that starts the API in a child process lets it pick its port (PORT=0) and reads
 * it back from the start-up line. A port chosen by the test and handed over can be taken by
 * another suite's server first; the test then reads a stranger's green /health (this once
 * failed the interrupted-first-start suite on CI with the balances still empty).
 */
describe('PORT=0', () => {
  it('starts on a port the system picks, prints it, and answers there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-port0-'));
    const child = spawn(process.execPath, API, {
      cwd: ROOT,
      env: { ...process.env, BUDGET_DATA_DIR: dir, BUDGET_NO_EXAMPLE: '1', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const port = await waitForPort(child, () => output);
      expect(port).toBeGreaterThan(0);
      expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('is how every test file starts an API child (no port picked by the test)', () => {
    const offenders = testFiles(join(ROOT, 'test'))
      .concat(testFiles(join(ROOT, 'libs', 'testing')))
      .filter((file) => file !== __filename) // the occupied-port case above names its port on purpose
      .filter((file) => /PORT: String\(/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}
