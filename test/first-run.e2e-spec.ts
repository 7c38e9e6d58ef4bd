import ExcelJS from 'exceljs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { listeningPort } from '@app/testing/faults';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const SEED_TOTAL = 2_444_771_300n;
const SEED_PARTS: Record<string, bigint> = {
  'DA6.TDA2': 378_000_000n,
  'DA7.TDA1': 1_470_000_000n,
  'DA7.TDA2': 596_771_300n,
};

function budget(
  dataDir: string,
  ...args: string[]
): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'budget.js'), ...args, '--data', dataDir],
    { encoding: 'utf8' },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

type Lines = {
  lines: { programPart: string; allocated: string; carriedIn: string }[];
  totals: { allocated: string; carriedIn: string };
};

function received(body: Lines): { total: bigint; parts: Record<string, bigint> } {
  const parts: Record<string, bigint> = {};
  for (const l of body.lines)
    parts[l.programPart] = (parts[l.programPart] ?? 0n) + BigInt(l.allocated) + BigInt(l.carriedIn);
  return { total: BigInt(body.totals.allocated) + BigInt(body.totals.carriedIn), parts };
}

/** As a new user meets it: start on an empty folder, get a token, see the seed's money. */
describe('first run: npm start on an empty data folder', () => {
  let dir: string;
  let server: ChildProcess;
  let base: string;
  let output = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-first-run-'));
    server = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join(ROOT, 'apps/api/src/main.ts')],
      {
        cwd: ROOT,
        // PORT=0: the system picks a free port and the start-up line prints it; the URL
        // printed is the one this test then uses (a port picked here could be taken first).
        env: { ...process.env, PORT: '0', BUDGET_DATA_DIR: dir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    for (let i = 0; i < 300 && !output.includes('API running'); i++)
      await new Promise((r) => setTimeout(r, 100));
    if (!output.includes('API running')) throw new Error(`the API did not start:\n${output}`);
    base = `http://127.0.0.1:${listeningPort(output) ?? 0}`;
  }, 60_000);

  afterAll(async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the URL and loads the Ba Tơ 2024 example; /health is green', async () => {
    expect(output).toContain('Loaded the Ba Tơ 2024 example');
    // Both start-up lines print the URL it listens on; the checks below use that URL.
    expect(output).toContain(`API running: ${base.replace('127.0.0.1', 'localhost')}`);
    // Ready once the read models have caught up with the example (a moment after loading).
    let health = await fetch(`${base}/health`);
    for (let i = 0; i < 300 && health.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      health = await fetch(`${base}/health`);
    }
    expect(health.status).toBe(200);
  });

  it("shows exactly the seed's totals through HTTP, the CLI --json and the XLSX report", async () => {
    const issued = budget(dir, 'users', 'token', 'lu-dinh-tich', '--json');
    expect(issued.code).toBe(0);
    const { token } = JSON.parse(issued.stdout) as { token: string };
    const res = await fetch(`${base}/api/v1/budget-lines?fiscalYear=2024`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const http = received((await res.json()) as Lines);
    expect(http).toEqual({ total: SEED_TOTAL, parts: SEED_PARTS });

    const cli = budget(dir, 'balances', '--fiscal-year', '2024', '--json');
    expect(cli.code).toBe(0);
    expect(received(JSON.parse(cli.stdout) as Lines)).toEqual({
      total: SEED_TOTAL,
      parts: SEED_PARTS,
    });

    const file = join(dir, 'giai-ngan-2024.xlsx');
    expect(
      budget(
        dir,
        'report',
        'disbursement',
        '--fiscal-year',
        '2024',
        '--format',
        'xlsx',
        '--out',
        file,
        '--as-of',
        '2024-12-31',
      ).code,
    ).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    let estimate: unknown = null;
    workbook.worksheets[0]?.eachRow((row) => {
      // The 11th column: the usable estimate (7 = 2+3+4+5+6), after C and D.
      if (row.getCell(2).value === 'TỔNG CỘNG') estimate = row.getCell(11).value;
    });
    expect(estimate).toBe(Number(SEED_TOTAL));
    // Three CLI processes one after the other: on a loaded 2-core machine, past 60 s.
  }, 180_000);
});
