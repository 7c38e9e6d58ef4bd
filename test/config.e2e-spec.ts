import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
