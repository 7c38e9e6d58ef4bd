import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CredentialStore } from '@app/api-state';
import { ApiHarness } from './support/api-harness';

const BIN = join(__dirname, '..', 'bin', 'budget.js');
const EXAMPLE = join(__dirname, '..', 'examples', 'ba-to-2024');

/** The seed's sub-projects and their funds (Kế hoạch Ba Tơ 2024, mục II.4.1). */
const SEED_PARTS: Readonly<Record<string, bigint>> = {
  'DA6.TDA2': 378_000_000n,
  'DA7.TDA1': 1_470_000_000n,
  'DA7.TDA2': 596_771_300n,
};

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The real bin in a child process, from another folder, as an administrator runs it. */
function budget(dataDir: string, ...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, BUDGET_DATA_DIR: dataDir };
  delete env.BUDGET_LANG;
  delete env.EVENT_STORE;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: tmpdir(), env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The number of events in the log, as `budget verify` counts them while checking it. */
async function eventCount(dataDir: string): Promise<number> {
  const run = await budget(dataDir, 'verify', '--json');
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { eventsChecked: number }).eventsChecked;
}

/** A copy of the example with some files edited, in a fresh temporary folder. */
function exampleCopy(edits: Readonly<Record<string, (text: string) => string>>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'budget-set-')), 'ba-to-2024');
  cpSync(EXAMPLE, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    const before = readFileSync(path, 'utf8');
    const after = edit(before);
    if (after === before) throw new Error(`the edit of ${file} changed nothing`);
    writeFileSync(path, after);
  }
  return dir;
}

interface BalanceLine {
  readonly programPart: string;
  readonly allocated: string;
  readonly carriedIn: string;
}

// Each case runs the CLI (a child process) one to five times on the whole example, which
// since 0.9.0 records its payments too: a few seconds each alone, minutes on a loaded machine.
jest.setTimeout(180_000);

describe('budget import', () => {
  const folders: string[] = [];
  const fresh = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-import-'));
    folders.push(dir);
    return dir;
  };

  afterAll(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  describe('when the Ba Tơ 2024 example is imported into an empty data folder', () => {
    let dataDir: string;
    let first: Run;

    beforeAll(async () => {
      dataDir = fresh();
      first = await budget(dataDir, 'import', EXAMPLE, '--json');
    });

    it('records it and answers one JSON document with the seed total', () => {
      expect(first.code).toBe(0);
      const answer = JSON.parse(first.stdout) as Record<string, unknown>;
      expect(answer).toMatchObject({
        dataSet: 'ba-to-2024',
        imported: {
          units: 6,
          documents: 8,
          people: 4,
          delegations: 1,
          lines: 11,
          allocations: 8,
          carryOvers: 3,
          plans: 1,
          activities: 11,
          payments: 3,
        },
        amounts: { total: '2444771300' },
        alreadyPresent: false,
        accountsCreated: [
          'lu-dinh-tich',
          'can-bo-ldtbxh',
          'truong-phong-ldtbxh',
          'ke-toan-truong-ldtbxh',
        ],
      });
      expect(answer.events).toBeGreaterThan(0);
    });

    it('changes nothing when imported again: the same number of events', async () => {
      const before = await eventCount(dataDir);
      const again = await budget(dataDir, 'import', EXAMPLE, '--json');

      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({
        events: 0,
        alreadyPresent: true,
        accountsCreated: [],
      });
      expect(await eventCount(dataDir)).toBe(before);
    });

    it('summarises in Vietnamese with Vietnamese amounts', async () => {
      const again = await budget(dataDir, 'import', EXAMPLE);

      expect(again).toMatchObject({ code: 0, stderr: '' });
      expect(again.stdout).toContain('6 đơn vị, 8 văn bản, 4 người dùng');
      expect(again.stdout).toContain('1 kế hoạch (11 hoạt động), 3 khoản chi');
      expect(again.stdout).toContain('11 dòng ngân sách');
      expect(again.stdout).toContain('Tổng kinh phí: 2.444.771.300 đồng');
      expect(again.stdout).toContain('không ghi thêm sự kiện nào');
    });

    it('makes the people users who can sign in, with no token issued', () => {
      const credentials = new CredentialStore(join(dataDir, 'auth.sqlite'));
      try {
        const signer = credentials.getUser('lu-dinh-tich');
        expect(signer).toMatchObject({
          actor: { name: 'Lữ Đình Tích', role: 'approver' },
          authority: { capacity: 'KT. Chủ tịch', programParts: ['DA6', 'DA7'] },
        });
        // No token was issued: revoking finds none.
        expect(credentials.revokeUserTokens('lu-dinh-tich')).toBe(0);
      } finally {
        credentials.close();
      }
    });

    describe('and the API is started on it', () => {
      let api: ApiHarness;
      let token: string;

      beforeAll(async () => {
        api = await ApiHarness.start({ BUDGET_DATA_DIR: dataDir });
        // Lữ Đình Tích signs in with a token issued to his imported account.
        const credentials = api.app.get(CredentialStore);
        token = credentials.issueToken('lu-dinh-tich');
      });

      afterAll(async () => {
        await api.stop();
      });

      it('shows the seed total, 2.444.771.300 đồng, allocated and carried in', async () => {
        const res = await api.get('/api/v1/budget-lines?fiscalYear=2024', token);

        expect(res.status).toBe(200);
        const totals = res.body.totals as BalanceLine;
        expect(BigInt(totals.allocated) + BigInt(totals.carriedIn)).toBe(2_444_771_300n);
      });

      it("puts on each sub-project's lines exactly the seed's amount", async () => {
        const res = await api.get('/api/v1/budget-lines?fiscalYear=2024', token);

        const byPart: Record<string, bigint> = {};
        for (const line of res.body.lines as BalanceLine[]) {
          byPart[line.programPart] =
            (byPart[line.programPart] ?? 0n) + BigInt(line.allocated) + BigInt(line.carriedIn);
        }
        expect(byPart).toEqual(SEED_PARTS);
      });

      it('has the plan with its three sub-projects, approved as the example records it (illustrative)', async () => {
        const res = await api.get('/api/v1/plans/2024/LDTBXH', token);

        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          status: 'approved',
          number: '89/KH-UBND',
          issuedOn: '2024-04-15',
          approval: {
            authority: { capacity: 'KT. Chủ tịch', title: 'Phó Chủ tịch' },
            approvedBy: { userId: 'lu-dinh-tich' },
          },
        });
        const parts = res.body.inForce.parts as { code: string; budgetAmount: string }[];
        expect(parts.map((p) => [p.code, BigInt(p.budgetAmount)])).toEqual(
          Object.entries(SEED_PARTS),
        );
        expect(res.body.inForce.activities).toHaveLength(11);
      });
    });
  });

  describe('when the data set has mistakes', () => {
    const broken = (): string =>
      exampleCopy({
        'budget-lines.yaml': (text) =>
          text
            .replace("amount: '300000000'", "amount: '1.5'")
            .replace(
              "unit: LDTBXH\n    kind: allocation\n    amount: '1200000000'",
              "unit: XA_KHONG_CO\n    kind: allocation\n    amount: '1200000000'",
            ),
        // 83/KH-UBND is cited by the plan but no longer defined.
        'documents.yaml': (text) => text.replace(/ {2}- number: 83\/KH-UBND[\s\S]*?\n\n/, ''),
      });

    it('exits 1 naming each problem with its file and path, and records nothing', async () => {
      const dataDir = fresh();
      const set = broken();
      folders.push(join(set, '..'));

      const run = await budget(dataDir, 'import', set);

      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('có 3 lỗi — chưa ghi gì vào sổ');
      expect(run.stderr).toContain('budget-lines.yaml: lines[0].amount');
      expect(run.stderr).toContain('"1.5"');
      expect(run.stderr).toContain('budget-lines.yaml: lines[2].unit');
      expect(run.stderr).toContain('đơn vị XA_KHONG_CO không có trong units.yaml');
      expect(run.stderr).toContain('plan.yaml: legalBasis[3]');
      expect(run.stderr).toContain('document 83/KH-UBND is not in documents.yaml');
      const log = join(dataDir, 'events.sqlite');
      expect(!existsSync(log) || statSync(log).size === 0).toBe(true);
    });

    it('lists the problems as one JSON document with --json', async () => {
      const dataDir = fresh();
      const set = broken();
      folders.push(join(set, '..'));

      const run = await budget(dataDir, 'import', set, '--json');

      expect(run.code).toBe(1);
      const answer = JSON.parse(run.stdout) as { problems: { file: string; path: string }[] };
      expect(answer.problems.map((p) => `${p.file}: ${p.path}`)).toEqual([
        'budget-lines.yaml: lines[0].amount',
        'budget-lines.yaml: lines[2].unit',
        'plan.yaml: legalBasis[3]',
      ]);
    });

    it('refuses an edit of what was imported before, and records nothing', async () => {
      const dataDir = fresh();
      expect((await budget(dataDir, 'import', EXAMPLE)).code).toBe(0);
      const before = await eventCount(dataDir);
      // The split moves 10.000.000 đồng: the part's total still matches the plan.
      const edited = exampleCopy({
        'budget-lines.yaml': (text) =>
          text
            .replace("amount: '300000000'", "amount: '290000000'")
            .replace("amount: '48000000'", "amount: '58000000'"),
      });
      folders.push(join(edited, '..'));

      const run = await budget(dataDir, 'import', edited);

      expect(run.code).toBe(1);
      expect(run.stderr).toContain('budget-lines.yaml: lines[0]');
      expect(run.stderr).toContain('amount: "300000000" → "290000000"');
      expect(run.stderr).toContain('budget-lines.yaml: lines[8]');
      expect(await eventCount(dataDir)).toBe(before);
    }, 180_000);
  });

  describe('when the data set extends a carry-over deadline (gia hạn)', () => {
    const withExtension = (deadline: string, effectiveDate = '2024-11-20'): string => {
      const dir = exampleCopy({
        // The example's own 812/QĐ-UBND, commented out at the end of documents.yaml.
        'documents.yaml': (text) => {
          const at = text.search(/ {2}# - number: 812/);
          return text.slice(0, at) + text.slice(at).replace(/^( *)# ?/gm, '$1');
        },
        'budget-lines.yaml': (text) =>
          `${text.trimEnd()}\nextensions:\n  - decision: 812/QĐ-UBND\n` +
          `    deadline: '${deadline}'\n    effectiveDate: '${effectiveDate}'\n    lines:\n` +
          `      - { programPart: DA7.TDA1, fundSource: central, sourceYear: 2023, unit: LDTBXH }\n`,
      });
      folders.push(join(dir, '..'));
      return dir;
    };

    it('records the extension once, and the line shows the new deadline and the decision behind it', async () => {
      const dataDir = fresh();
      const set = withExtension('2025-06-30');

      const run = await budget(dataDir, 'import', set);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('3 chuyển nguồn, 1 quyết định gia hạn');
      const before = await eventCount(dataDir);
      const again = await budget(dataDir, 'import', set, '--json');
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({
        alreadyPresent: true,
        imported: { extensions: 1 },
      });
      expect(await eventCount(dataDir)).toBe(before);

      const balances = await budget(dataDir, 'balances', '--fiscal-year', '2024', '--json');
      const lines = (
        JSON.parse(balances.stdout) as {
          lines: { id: string; carryOverDeadline: string; deadlineExtensions: string[] }[];
        }
      ).lines;
      expect(lines.find((l) => l.id === '2024.DA7.TDA1.central.2023.LDTBXH')).toMatchObject({
        carryOverDeadline: '2025-06-30',
        deadlineExtensions: ['812/QĐ-UBND'],
      });
      expect(lines.find((l) => l.id === '2024.DA6.TDA2.central.2023.LDTBXH')).toMatchObject({
        carryOverDeadline: '2024-12-31',
        deadlineExtensions: [],
      });
      const history = await budget(dataDir, 'history', '2024.DA7.TDA1.central.2023.LDTBXH');
      expect(history.stdout).toContain('Gia hạn chuyển nguồn');

      // People read each line's deadline and where it comes from.
      const table = await budget(dataDir, 'balances', '--fiscal-year', '2024');
      const tableRow = (id: string): string | undefined =>
        table.stdout.split('\n').find((row) => row.includes(id));
      expect(tableRow('2024.DA7.TDA1.central.2023.LDTBXH')).toContain(
        '30/6/2025 (gia hạn: 812/QĐ-UBND)',
      );
      expect(tableRow('2024.DA6.TDA2.central.2023.LDTBXH')).toContain(
        '31/12/2024 (mặc định 31/12)',
      );
      const csv = await budget(dataDir, 'balances', '--fiscal-year', '2024', '--format', 'csv');
      const csvRow = csv.stdout
        .split('\r\n')
        .find((row) => row.startsWith('2024.DA6.TDA2.central.2023.LDTBXH,'));
      expect(csvRow).toContain(',2024-12-31,default,699/QĐ-UBND,,');
    }, 180_000);

    it('adds an extension to a set imported before; a balance as of a date shows the deadline in effect then, as known then', async () => {
      const dataDir = fresh();
      expect((await budget(dataDir, 'import', EXAMPLE)).code).toBe(0);
      const knownBefore = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const added = await budget(dataDir, 'import', withExtension('2025-06-30'), '--json');
      expect(added.code).toBe(0);
      // The decision's registration in the document register, and the extension.
      expect(JSON.parse(added.stdout)).toMatchObject({ alreadyPresent: false, events: 2 });

      const deadlineAt = async (...point: string[]) => {
        const run = await budget(dataDir, 'balances', '--fiscal-year', '2024', '--json', ...point);
        const lines = (JSON.parse(run.stdout) as { lines: Record<string, unknown>[] }).lines;
        return lines.find((l) => l.id === '2024.DA7.TDA1.central.2023.LDTBXH');
      };
      const original = {
        carryOverDeadline: '2024-12-31',
        deadlineBasis: 'default',
        deadlineDecision: '699/QĐ-UBND',
        deadlineExtensions: [],
      };
      const extended = {
        ...original,
        carryOverDeadline: '2025-06-30',
        deadlineExtensions: ['812/QĐ-UBND'],
      };
      expect(await deadlineAt('--as-of', '2024-11-19')).toMatchObject(original);
      expect(await deadlineAt('--as-of', '2024-12-01')).toMatchObject(extended);
      expect(await deadlineAt('--as-of', '2024-12-01', '--known-at', knownBefore)).toMatchObject(
        original,
      );

      // The log keeps what was imported: another deadline for the same decision is an edit.
      const edited = await budget(dataDir, 'import', withExtension('2025-09-30'));
      expect(edited.code).toBe(1);
      expect(edited.stderr).toContain('budget-lines.yaml: extensions[0]');
      expect(edited.stderr).toContain('IMPORT.ALREADY_IMPORTED_DIFFERENTLY');
    }, 180_000);

    it("refuses what the route refuses, at the extension's field, and records nothing", async () => {
      const dataDir = fresh();
      // Dated after 31/12/2024, and the decision does not say it revives lapsed money.
      const run = await budget(dataDir, 'import', withExtension('2025-06-30', '2025-02-10'));

      expect(run.code).toBe(1);
      expect(run.stderr).toContain('có 1 lỗi — chưa ghi gì vào sổ');
      expect(run.stderr).toContain('budget-lines.yaml: extensions[0].coversLapsed');
      expect(run.stderr).toContain('[BUDGET.CARRY_OVER_ALREADY_LAPSED]');
      const log = join(dataDir, 'events.sqlite');
      expect(!existsSync(log) || statSync(log).size === 0).toBe(true);
    });
  });
});
