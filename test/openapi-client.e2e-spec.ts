import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, startApiProcess, type ApiProcess } from '@app/testing/faults';
import { registerReferenceOverHttp } from './support/reference-over-http';

const ROOT = join(__dirname, '..');
/** Under the project, so that the generated client resolves openapi-fetch from node_modules. */
const OUT = join(ROOT, '.test-output', 'openapi-client');

function node(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** What a generator and its users meet: the served document, linted, made into a typed client. */
describe('the OpenAPI document, as a client generator uses it', () => {
  let dir: string;
  let api: ApiProcess;
  let documentFile: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-openapi-client-'));
    // The real server, with the Ba Tơ example loaded (ready only once it is).
    api = await startApiProcess(dir, { BUDGET_NO_EXAMPLE: '0' });
    const res = await fetch(`http://127.0.0.1:${api.port}/docs-json`);
    expect(res.status).toBe(200);
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    documentFile = join(OUT, 'openapi.json');
    writeFileSync(documentFile, await res.text());
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("passes Redocly's recommended rules with no error", () => {
    const lint = node([
      '-r',
      '@swc-node/register',
      'test/openapi-client/lint-openapi.ts',
      documentFile,
    ]);
    expect(lint.stderr).toBe('');
    const problems = JSON.parse(lint.stdout) as { rule: string; severity: string; where: string }[];
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('generates a typed client that compiles a program listing lines, proposing and approving', () => {
    const generated = node([
      join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'),
      documentFile,
      '--output',
      join(OUT, 'schema.d.ts'),
    ]);
    expect(generated.code).toBe(0);
    copyFileSync(
      join(__dirname, 'openapi-client', 'client', 'ledger-client.ts'),
      join(OUT, 'ledger-client.ts'),
    );
    const compiled = node([
      join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
      '--ignoreConfig',
      '--noEmit',
      '--strict',
      '--noUncheckedIndexedAccess',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2023',
      '--types',
      'node',
      '--skipLibCheck',
      join(OUT, 'ledger-client.ts'),
    ]);
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.code).toBe(0);
  });

  it('runs that program against the real server: the expenditure is proposed, approved and committed', async () => {
    const cli = (args: string[]): { token: string } => {
      const done = node(['bin/budget.js', 'users', ...args, '--json', '--data', dir]);
      expect(done.code).toBe(0);
      return JSON.parse(done.stdout) as { token: string };
    };
    // The example's office (LĐTBXH) ended with the district level on 30/6/2025, and its
    // payments need its two registered signatories, whose signatures are checked on the day
    // they are recorded too: nothing of it can be signed today. The program spends instead
    // on a unit of today's ledger with one approver, set up as an administrator would: the
    // unit, a decision, an allocation; an officer of that unit; an approver with a current
    // delegation.
    const admin = cli(['add', 'Quản trị (thử)', '--role', 'admin']).token;
    // The CLI ran synchronously (spawnSync) with the event loop blocked: let it see the API
    // close the idle keep-alive socket of the first request, or fetch reuses it and fails.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await registerReferenceOverHttp(
      api.port,
      admin,
      ['XA_THU'],
      [{ number: '77/QĐ-UBND', issuedOn: '2024-05-20', title: 'Giao bổ sung dự toán (thử)' }],
    );
    const allocated = await call(
      api.port,
      'POST',
      '/api/v1/allocations',
      admin,
      {
        fiscalYear: 2024,
        programPart: 'DA7.TDA1',
        fundSource: 'central',
        sourceYear: 2024,
        unit: 'XA_THU',
        amount: '10000000',
        decision: '77/QĐ-UBND',
        effectiveDate: '2024-05-20',
      },
      'client-allocation',
    );
    expect(allocated.status).toBe(201);
    const officer = cli(['add', 'Cán bộ xã (thử)', '--role', 'officer', '--unit', 'XA_THU']).token;
    const approver = cli([
      'add',
      'Phó Chủ tịch (thử)',
      '--role',
      'approver',
      '--capacity',
      'KT. Chủ tịch',
      '--title',
      'Phó Chủ tịch',
      '--from',
      '2024-01-01',
    ]).token;
    const run = node(['-r', '@swc-node/register', join(OUT, 'ledger-client.ts')], {
      LEDGER_URL: `http://127.0.0.1:${api.port}`,
      OFFICER_TOKEN: officer,
      APPROVER_TOKEN: approver,
    });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as Record<string, string | number | null>;
    expect(result.lines).toBeGreaterThan(0);
    expect(result.approvedAt).toMatch(/^[1-9]\d*$/);
    expect(BigInt(result.committedAfter as string) - BigInt(result.committedBefore as string)).toBe(
      2_500_000n,
    );
  });
});
