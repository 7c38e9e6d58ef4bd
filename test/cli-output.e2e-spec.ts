import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');

function budget(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  // stdout and stderr are pipes here, as in a script or CI: no terminal.
  const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'budget.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, BUDGET_LANG: 'vi' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the budget CLI as a script sees it', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'budget-cli-output-'));
    const imported = budget(
      'import',
      join(ROOT, 'examples', 'ba-to-2024'),
      '--data',
      dir,
      '--json',
    );
    if (imported.code !== 0) throw new Error(imported.stderr);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints its version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(budget('--version')).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it.each([
    { why: 'a usage error of commander', args: ['balances', '--bogus'], code: 'USAGE', exit: 2 },
    {
      why: 'a bad option value',
      args: ['balances', '--as-of', '2024-13-01'],
      code: 'USAGE',
      exit: 2,
    },
    { why: 'a refusal', args: ['users', 'token', 'nobody'], code: 'USER.NOT_FOUND', exit: 1 },
    {
      why: 'a missing data folder',
      args: ['balances', '--data', '/nonexistent/budget'],
      code: 'DATA.NOT_FOUND',
      exit: 1,
    },
  ])('under --json answers $why with one JSON document on stderr', ({ args, code, exit }) => {
    const run = budget(...args, ...(args.includes('--data') ? [] : ['--data', dir]), '--json');
    expect(run.code).toBe(exit);
    expect(run.stdout).toBe('');
    const failure = JSON.parse(run.stderr) as {
      error: { code: string; exitCode: number; message: { vi: string; en: string } };
    };
    expect(failure.error).toMatchObject({ code, exitCode: exit });
    expect(failure.error.message.vi).not.toBe('');
    expect(failure.error.message.en).not.toBe('');
  });

  it('writes every position as the same plain decimal string', () => {
    const history = budget('history', '2024.DA7.TDA1.central.2023.LDTBXH', '--data', dir, '--json');
    const approvals = budget('approvals', '--data', dir, '--json');
    const positions = [
      ...(JSON.parse(history.stdout) as { entries: { position: string }[] }).entries.map(
        (e) => e.position,
      ),
      ...(JSON.parse(approvals.stdout) as { approvals: { position: string }[] }).approvals.map(
        (a) => a.position,
      ),
    ];
    expect(positions.length).toBeGreaterThan(3);
    for (const position of positions) expect(position).toMatch(/^[1-9]\d*$/);
  });

  it('says transfer kinds in words in the approvals table, as the dashboard does', () => {
    const table = budget('approvals', '--data', dir).stdout;
    expect(table).toContain('Chuyển nguồn kinh phí: — → 2024.DA7.TDA1.central.2023.LDTBXH');
    expect(table).not.toContain('carry_over');
  });

  it('shows no progress bar when stderr is not a terminal', () => {
    const run = budget('rebuild', '--data', dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
});
