import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LINES, physical, SqliteDocumentStore, tableFor } from '@app/read-models';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';

const BIN = join(__dirname, '..', 'bin', 'budget.js');
const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const BOM = '\uFEFF';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The real bin in a child process, from another folder, on the given data folder. */
function budget(
  dataDir: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, BUDGET_DATA_DIR: dataDir, ...env };
  if (!('BUDGET_LANG' in env)) delete childEnv.BUDGET_LANG;
  delete childEnv.EVENT_STORE;
  delete childEnv.READ_STORE;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: tmpdir(), env: childEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** stdout as exactly one JSON document (JSON.parse refuses anything around it). */
function oneDocument(run: Run): Record<string, unknown> {
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

/** Asserts the fragments appear in this order in the text. */
function expectInOrder(text: string, fragments: readonly string[]): void {
  const at = fragments.map((f) => text.indexOf(f));
  expect(at.every((i) => i >= 0)).toBe(true);
  expect(at).toEqual([...at].sort((a, b) => a - b));
}

const ALLOCATION = {
  fiscalYear: 2024,
  programPart: 'DA7.TDA1',
  fundSource: 'central',
  sourceYear: 2024,
  unit: 'LDTBXH',
  amount: '1470000000',
  decision: '30/QĐ-UBND',
  effectiveDate: '2024-03-25',
};

describe('budget balances, history, approvals and rebuild', () => {
  let dataDir: string;
  let approverId: string;
  /** What the API answered for the same data, before it stopped. */
  const http: Record<string, unknown> = {};

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'budget-cli-reads-'));
    const api = await ApiHarness.start({ BUDGET_DATA_DIR: dataDir });
    try {
      const admin = api.user('Quản trị', 'admin');
      const officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
      const accountant = api.user('Kế toán', 'accountant', { unit: 'LDTBXH' });
      const approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
      await api.registerReference(admin);
      await api.post('/api/v1/allocations', admin, ALLOCATION).expect(201);
      const proposed = await api
        .post('/api/v1/expenditures', officer, {
          budgetLineId: LINE,
          amount: '120000000',
          category: 'study_tour',
          description: 'Học tập kinh nghiệm ngoài tỉnh 04 ngày',
          payee: 'Đoàn học tập huyện Ba Tơ',
          effectiveDate: '2024-06-03',
        })
        .expect(201);
      const id = (proposed.body as { id: string }).id;
      await api.post(`/api/v1/expenditures/${id}/approve`, approver, {}).expect(200);
      await api
        .post(`/api/v1/expenditures/${id}/disburse`, accountant, {
          voucher: 'UNC-0601',
          paidOn: '2024-06-20',
        })
        .expect(200);

      for (const [name, path] of [
        ['balances', '/api/v1/budget-lines'],
        ['balancesAsOf', '/api/v1/budget-lines?asOf=2024-06-10'],
        ['history', `/api/v1/budget-lines/${LINE}/history`],
        ['approvals', '/api/v1/approvals'],
      ] as const) {
        http[name] = (await api.get(path, admin).expect(200)).body;
      }
      const approvals = (http.approvals as { approvals: { decidedById: string }[] }).approvals;
      approverId = approvals[0]?.decidedById ?? '';
    } finally {
      await api.stop();
    }
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('balances', () => {
    it('prints with --json exactly the document of GET /api/v1/budget-lines', async () => {
      const run = await budget(dataDir, ['balances', '--json']);

      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(oneDocument(run)).toEqual(http.balances);
      expect(http.balances).toMatchObject({
        lines: [{ id: LINE, allocated: '1470000000', disbursed: '120000000' }],
      });
    });

    it('shows people a Vietnamese table with Vietnamese numbers and a totals row', async () => {
      const run = await budget(dataDir, ['balances', '--fiscal-year', '2024']);

      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toContain('Số dư các dòng ngân sách năm 2024');
      expect(run.stdout).toContain('Tính đến hiện tại');
      expectInOrder(run.stdout, [
        'Dòng ngân sách',
        'Dự án',
        'Nguồn',
        'Năm nguồn',
        'Đơn vị',
        'Được giao',
        'Chuyển sang',
        'Đã cam kết',
        'Đã giải ngân',
        'Còn lại',
      ]);
      expect(run.stdout).toMatch(
        /2024\.DA7\.TDA1\.central\.2024\.LDTBXH +DA7\.TDA1 +Trung ương +2024 +LDTBXH +1\.470\.000\.000 +0 +120\.000\.000 +120\.000\.000 +1\.350\.000\.000\n/,
      );
      expect(run.stdout).toMatch(
        /Tổng cộng +1\.470\.000\.000 +0 +120\.000\.000 +120\.000\.000 +1\.350\.000\.000\n/,
      );
      expect(run.stdout).toContain('Đơn vị tính: đồng');
    });

    it('travels back with --as-of: before the payment nothing was disbursed', async () => {
      const json = await budget(dataDir, ['balances', '--as-of', '2024-06-10', '--json']);
      const human = await budget(dataDir, ['balances', '--as-of', '2024-06-10']);

      expect(oneDocument(json)).toEqual(http.balancesAsOf);
      expect(oneDocument(json)).toMatchObject({
        asOf: '2024-06-10',
        lines: [{ committed: '120000000', disbursed: '0' }],
      });
      expect(human.stdout).toContain('Tính đến ngày 10/6/2024');
      expect(human.stdout).toMatch(
        /Tổng cộng +1\.470\.000\.000 +0 +120\.000\.000 +0 +1\.350\.000\.000\n/,
      );
    });

    it('names the --known-at instant in Vietnam time', async () => {
      const run = await budget(dataDir, ['balances', '--known-at', '2020-01-01T00:00:00Z']);
      const json = await budget(dataDir, ['balances', '--known-at', '2020-01-01T07:00', '--json']);

      expect(run.stdout).toContain('Theo sổ sách lúc 1/1/2020 07:00:00 (giờ Việt Nam, UTC+7)');
      expect(run.stdout).toContain('Không có dòng ngân sách nào.');
      // Without a zone the instant is read on Vietnamese clocks.
      expect(oneDocument(json)).toMatchObject({ knownAt: '2020-01-01T00:00:00.000Z', lines: [] });
    });

    it('writes CSV for Excel: the BOM, Vietnamese headers, plain integer amounts', async () => {
      const run = await budget(dataDir, ['balances', '--format', 'csv']);

      expect(run.code).toBe(0);
      expect(run.stdout.startsWith(BOM)).toBe(true);
      const [header, row] = run.stdout.slice(1).split('\r\n');
      expect(header).toBe(
        'Dòng ngân sách,Dự án,Nguồn,Năm nguồn,Đơn vị,Năm ngân sách,Hạn chuyển nguồn,Căn cứ hạn,Quyết định chuyển nguồn,Gia hạn theo,Được giao,Chuyển sang,Chuyển đi,Điều chuyển đến,Điều chuyển đi,Đã cam kết,Đã giải ngân,"Hủy, hết hạn",Hoàn trả cấp trên,Chờ Kho bạc,Đã tạm ứng,Đã thanh toán tạm ứng,Đã thu hồi tạm ứng,Còn lại,Tạm ứng chưa thanh toán',
      );
      expect(row).toBe(
        `${LINE},DA7.TDA1,Trung ương,2024,LDTBXH,2024,,,,,1470000000,0,0,0,0,120000000,120000000,0,0,0,0,0,0,1350000000,0`,
      );
    });

    it('refuses a malformed command line with exit 2, every problem listed', async () => {
      const run = await budget(dataDir, ['balances', '--as-of', '2024-02-30', '--format', 'xlsx']);

      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('--as-of: invalid date "2024-02-30"');
      expect(run.stderr).toContain('--format: định dạng không hợp lệ "xlsx"');
    });
  });

  describe('history', () => {
    it("lists the line's events in order, with actor, capacity, basis and balance", async () => {
      const run = await budget(dataDir, ['history', LINE]);

      expect(run).toMatchObject({ code: 0, stderr: '' });
      expectInOrder(run.stdout, [
        'Mở dòng ngân sách',
        'Giao dự toán',
        'Đề nghị chi',
        'Phê duyệt chi',
        'Giải ngân',
      ]);
      expect(run.stdout).toContain('Lữ Đình Tích (người phê duyệt)');
      expect(run.stdout).toContain('KT. Chủ tịch');
      expect(run.stdout).toContain('30/QĐ-UBND');
      expect(run.stdout).toMatch(/25\/3\/2024 .*Giao dự toán .*1\.470\.000\.000/);
      expect(run.stdout).toMatch(
        /Phê duyệt chi .*120\.000\.000 +120\.000\.000 +0 +1\.350\.000\.000/,
      );
    });

    it('prints with --json the document of GET /budget-lines/{id}/history', async () => {
      const run = await budget(dataDir, ['history', LINE, '--json']);

      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(oneDocument(run)).toEqual(http.history);
    });

    it('speaks English with BUDGET_LANG=en, and writes CSV', async () => {
      const english = await budget(dataDir, ['history', LINE], { BUDGET_LANG: 'en' });
      const csv = await budget(dataDir, ['history', LINE, '--format', 'csv']);

      expectInOrder(english.stdout, [
        'Funds allocated',
        'Expenditure proposed',
        'Expenditure approved',
      ]);
      expect(csv.stdout.startsWith(`${BOM}Ngày hiệu lực,Ghi sổ lúc (giờ Việt Nam),Nghiệp vụ`)).toBe(
        true,
      );
      expect(csv.stdout).toContain(',Giao dự toán,FundsAllocated,Quản trị (quản trị viên),');
    });

    it('refuses a malformed line id with exit 2 and an unknown line with exit 1', async () => {
      const malformed = await budget(dataDir, ['history', 'not-a-line']);
      const unknown = await budget(dataDir, ['history', '2024.DA6.central.2024.YTE']);

      expect(malformed.code).toBe(2);
      expect(malformed.stderr).toContain('invalid budget line id "not-a-line"');
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('BUDGET_LINE.NOT_FOUND');
    });
  });

  describe('approvals', () => {
    it('lists the approval with --json as GET /approvals does', async () => {
      const run = await budget(dataDir, ['approvals', '--json']);

      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(oneDocument(run)).toEqual(http.approvals);
      expect(oneDocument(run).approvals).toEqual([
        expect.objectContaining({
          decision: 'approved',
          what: 'Học tập kinh nghiệm ngoài tỉnh 04 ngày',
          askedBy: expect.objectContaining({ name: 'Cán bộ LĐTBXH' }),
          decidedBy: expect.objectContaining({ name: 'Lữ Đình Tích' }),
          capacity: 'KT. Chủ tịch',
        }),
      ]);
    });

    it('filters by approver and by document, and shows people who decided in what capacity', async () => {
      const mine = await budget(dataDir, ['approvals', '--approver', approverId, '--json']);
      const others = await budget(dataDir, ['approvals', '--approver', 'u-nobody', '--json']);
      const byDocument = await budget(dataDir, ['approvals', '--document', '99/QĐ-UBND', '--json']);
      const human = await budget(dataDir, ['approvals']);

      expect(oneDocument(mine).approvals).toHaveLength(1);
      expect(oneDocument(others).approvals).toEqual([]);
      expect(oneDocument(byDocument).approvals).toEqual([]);
      expect(human.stdout).toMatch(
        /3\/6\/2024 .*Phê duyệt +Khoản chi: Học tập kinh nghiệm ngoài tỉnh 04 ngày +120\.000\.000 +Cán bộ LĐTBXH \(cán bộ nghiệp vụ\) +Lữ Đình Tích \(người phê duyệt\) +KT\. Chủ tịch \(Phó Chủ tịch\)/,
      );
    });
  });

  describe('rebuild', () => {
    it('rebuilds every projection and reports each equal to the one replaced, exit 0', async () => {
      const run = await budget(dataDir, ['rebuild', '--json']);

      expect(run.code).toBe(0);
      const reports = oneDocument(run).reports as {
        projection: string;
        equal: boolean;
        eventsReplayed: number;
      }[];
      expect(reports.map((r) => [r.projection, r.equal])).toEqual([
        ['balances', true],
        ['history', true],
        ['approvals', true],
        ['plans', true],
        ['reporting', true],
        ['pendingDecisions', true],
      ]);
      expect(reports.every((r) => r.eventsReplayed > 0)).toBe(true);
      // The answers do not change: the new generation serves the same documents.
      expect(oneDocument(await budget(dataDir, ['balances', '--json']))).toEqual(http.balances);
    });

    it('on a folder whose read models were never projected, replaces them without projecting the log into them first', async () => {
      const fresh = mkdtempSync(join(tmpdir(), 'budget-fresh-'));
      try {
        const log = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
        await log.backup(join(fresh, 'events.sqlite'));
        log.close();

        const run = await budget(fresh, ['rebuild', '--json']);

        expect(run.code).toBe(0);
        const reports = oneDocument(run).reports as {
          fromGeneration: string;
          toGeneration: string;
          equal: boolean;
        }[];
        expect(reports.map((r) => [r.fromGeneration, r.toGeneration, r.equal])).toEqual(
          reports.map(() => ['1', '2', true]),
        );
        // The generation replaced never received a document: the log was replayed once.
        const db = new Database(join(fresh, 'read-models.sqlite'), { readonly: true });
        const count = (tag: string): number =>
          (
            db.prepare(`SELECT count(*) AS n FROM "${tableFor(physical(LINES, tag))}"`).get() as {
              n: number;
            }
          ).n;
        expect([count('1'), count('2') > 0]).toEqual([0, true]);
        db.close();
        expect(oneDocument(await budget(fresh, ['balances', '--json']))).toEqual(http.balances);
      } finally {
        rmSync(fresh, { recursive: true, force: true });
      }
    });

    it('tells people, per projection, events replayed, time and the comparison', async () => {
      const run = await budget(dataDir, ['rebuild', '--projection', 'history']);

      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/history +\d+ +\d+,\d\d giây +\d+ → \d+ +khớp/);
      expect(run.stdout).toContain('Mọi dữ liệu đọc dựng lại đều khớp');
      // Progress bars are for terminals: a pipe gets the answer alone.
      expect(run.stderr).toBe('');
    });

    it('says so and exits 1 when a rebuilt read model differs from the one it replaces', async () => {
      // A serving document changed behind the projections' back (a bug, a hand edit).
      const file = join(dataDir, 'read-models.sqlite');
      const docs = new SqliteDocumentStore({ file });
      const tag = (await docs.resolveAlias('balances')) ?? '1';
      await docs.close();
      const db = new Database(file);
      try {
        db.prepare(
          `UPDATE ${tableFor(physical(LINES, tag))} SET doc = json_set(doc, '$.allocated', '1') WHERE id = ?`,
        ).run(LINE);
      } finally {
        db.close();
      }

      const run = await budget(dataDir, ['rebuild']);

      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/balances +\d+ +\d+,\d\d giây +\d+ → \d+ +KHÁC: 1 tài liệu/);
      expect(run.stdout).toContain(
        `lines/${LINE}: khác ở allocated (đang dùng "1", dựng lại "1470000000")`,
      );
      expect(run.stderr).toContain('Dữ liệu đọc dựng lại KHÁC bản được thay thế: balances');
      expect(run.stderr).toContain(
        'The rebuilt read models DIFFER from the ones replaced: balances',
      );
      // The rebuilt generation, made from the log, now serves.
      expect(oneDocument(await budget(dataDir, ['balances', '--json']))).toEqual(http.balances);
    });

    it('refuses an unknown projection with exit 2, naming the valid ones', async () => {
      const run = await budget(dataDir, ['rebuild', '--projection', 'nope']);

      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('one of: balances, history, approvals, plans');
    });
  });
});

describe('when the read models lag behind the log or the code', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'budget-cli-catch-up-'));
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('brings the read models up to the log before answering', async () => {
    let api = await ApiHarness.start({ BUDGET_DATA_DIR: dataDir });
    try {
      const admin = api.user('Quản trị', 'admin');
      await api.registerReference(admin);
      await api.post('/api/v1/allocations', admin, ALLOCATION).expect(201);
    } finally {
      await api.stop();
    }
    expect(oneDocument(await budget(dataDir, ['balances', '--json']))).toMatchObject({
      lines: [{ allocated: '1470000000', committed: '0' }],
    });

    // The API again, with its projections off: the events land in the log only.
    api = await ApiHarness.start({ BUDGET_DATA_DIR: dataDir, BUDGET_PROJECTIONS: 'off' });
    try {
      const officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
      const approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
      const proposed = await api
        .post('/api/v1/expenditures', officer, {
          budgetLineId: LINE,
          amount: '30000000',
          category: 'training',
          description: 'Tập huấn nâng cao năng lực cán bộ giảm nghèo',
          payee: 'Trung tâm Chính trị huyện',
          effectiveDate: '2024-07-02',
        })
        .expect(201);
      const id = (proposed.body as { id: string }).id;
      await api.post(`/api/v1/expenditures/${id}/approve`, approver, {}).expect(200);
    } finally {
      await api.stop();
    }

    const balances = await budget(dataDir, ['balances', '--json']);
    const approvals = await budget(dataDir, ['approvals', '--json']);

    expect(balances.code).toBe(0);
    expect(oneDocument(balances)).toMatchObject({
      lines: [{ allocated: '1470000000', committed: '30000000', available: '1440000000' }],
    });
    expect(oneDocument(approvals).approvals).toEqual([
      expect.objectContaining({ amount: '30000000', capacity: 'KT. Chủ tịch' }),
    ]);
  });

  it('refuses to read a projection another code version built, until it is rebuilt', async () => {
    // As after an upgrade that bumped the balances projection's version.
    const db = new Database(join(dataDir, 'read-models.sqlite'));
    try {
      db.prepare(
        "UPDATE projection_checkpoints SET version = version + 100 WHERE projection LIKE 'balances__g%'",
      ).run();
    } finally {
      db.close();
    }

    const refused = await budget(dataDir, ['balances', '--json']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('READ_MODEL.OUTDATED');
    expect(refused.stderr).toContain('budget rebuild --projection balances');
    // Other reads do not depend on it.
    expect((await budget(dataDir, ['approvals', '--json'])).code).toBe(0);

    const rebuilt = await budget(dataDir, ['rebuild', '--projection', 'balances', '--json']);
    expect(rebuilt.code).toBe(0);
    expect(oneDocument(rebuilt).reports).toEqual([
      expect.objectContaining({ projection: 'balances', equal: true, versionChanged: true }),
    ]);
    expect(oneDocument(await budget(dataDir, ['balances', '--json']))).toMatchObject({
      lines: [{ committed: '30000000' }],
    });
  });
});
