import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConservation } from '@app/application';
import { FixedClock } from './support/ba-to-ledger';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';

const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const BIN = join(__dirname, '..', 'bin', 'budget.js');
const dataDir = mkdtempSync(join(tmpdir(), 'budget-advances-'));
let running = false;

/** The real `budget` bin on the test's data folder, in a child process. */
function budget(...args: string[]): { status: number | null; stdout: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, BUDGET_DATA_DIR: dataDir };
  delete env.EVENT_STORE;
  delete env.READ_STORE;
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: tmpdir(), env, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout };
}

/**
 * Issue 17 item 3 over HTTP: an advance proposed, approved, paid, partly settled by
 * vouchers and its remainder recovered; balances, history, the year report and the
 * year-end list show it; each refusal is a 4xx problem+json and records nothing.
 */
describe('advances (tạm ứng) over HTTP', () => {
  let api: ApiHarness;
  let officer: string;
  let approver: string;
  let accountant: string;
  let auditor: string;

  beforeAll(async () => {
    api = await ApiHarness.start(
      { BUDGET_RATE_LIMIT_PER_MINUTE: '0', BUDGET_DATA_DIR: dataDir },
      { clock: new FixedClock('2024-07-15T03:00:00Z') },
    );
    const admin = api.user('Phòng Tài chính – Kế hoạch', 'admin');
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    accountant = api.user('Kế toán', 'accountant', { unit: 'LDTBXH' });
    auditor = api.user('Kiểm toán', 'auditor');
    await api.registerReference(admin, ['LDTBXH']);
    await api.allocate(admin, '50000000');
    running = true;
  });
  afterAll(async () => {
    if (running) await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const refused = async (path: string, token: string, body: object, code: string) => {
    const before = await api.eventCount();
    const res = await api.post(path, token, body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code });
    expect(await api.eventCount()).toBe(before);
  };
  const pay = async (amount: string, kind: 'advance' | 'payment', voucher?: string) => {
    const res = await api
      .post('/api/v1/expenditures', officer, {
        budgetLineId: LINE,
        amount,
        category: 'training',
        description: 'Tạm ứng tổ chức lớp tập huấn',
        payee: 'Nguyễn Văn A',
        effectiveDate: '2024-05-10',
        ...(kind === 'advance' ? { kind } : {}),
        ...(voucher ? { voucher } : {}),
      })
      .expect(201);
    const id = (res.body as { id: string }).id;
    await api
      .post(`/api/v1/expenditures/${id}/approve`, approver, { effectiveDate: '2024-05-12' })
      .expect(200);
    await api
      .post(`/api/v1/expenditures/${id}/disburse`, accountant, {
        voucher: `UNC-${id.slice(0, 6)}`,
        paidOn: '2024-05-20',
      })
      .expect(200);
    return id;
  };
  const line = async (query = '') => {
    const res = await api.get(`/api/v1/budget-lines?fiscalYear=2024${query}`, auditor).expect(200);
    return (res.body as { lines: Record<string, string>[] }).lines.find((l) => l.id === LINE);
  };

  it('pays, settles in part and recovers the rest; shows it everywhere; refuses what the law does not allow', async () => {
    const advance = await pay('10000000', 'advance');
    const payment = await pay('1000000', 'payment', 'HD-0099');
    expect(await line()).toMatchObject({
      disbursed: '11000000',
      advanced: '10000000',
      advancesOpen: '10000000',
    });

    const settlements = `/api/v1/expenditures/${advance}/settlements`;
    const settlement = {
      amount: '7000000',
      vouchers: [
        { number: 'HD-0001', date: '2024-06-05' },
        { number: 'HD-0002', date: '2024-06-08' },
      ],
      settledOn: '2024-06-10',
    };
    await refused(settlements, officer, settlement, 'AUTH.ROLE_FORBIDDEN');
    await refused(
      settlements,
      accountant,
      { ...settlement, amount: '10000001' },
      'ADVANCE.EXCEEDS_OPEN',
    );
    await refused(settlements, accountant, { ...settlement, amount: '-1' }, 'VALIDATION.FAILED');
    await refused(
      settlements,
      accountant,
      {
        ...settlement,
        settledOn: '2024-05-19',
        vouchers: [{ number: 'HD-1', date: '2024-05-18' }],
      },
      'DATE.BEFORE_DECIDED_ITEM',
    );
    await refused(
      settlements,
      accountant,
      { ...settlement, settledOn: '2024-07-16' },
      'DATE.IN_FUTURE',
    );
    await refused(
      settlements,
      accountant,
      { ...settlement, vouchers: [{ number: 'hd-0099', date: '2024-06-05' }] },
      'BUDGET.DOUBLE_FUNDING',
    );
    await refused(
      `/api/v1/expenditures/${payment}/settlements`,
      accountant,
      settlement,
      'ADVANCE.NOT_AN_ADVANCE',
    );
    await api.post(settlements, accountant, settlement).expect(200);
    await refused(
      settlements,
      accountant,
      { ...settlement, amount: '1000', vouchers: [{ number: 'HD 0001', date: '2024-06-05' }] },
      'ADVANCE.VOUCHER_REPEATED',
    );

    const recoveries = `/api/v1/expenditures/${advance}/recoveries`;
    const recovery = { amount: '3000000', receipt: 'GNT-07', recoveredOn: '2024-06-20' };
    await refused(
      recoveries,
      accountant,
      { ...recovery, amount: '3000001' },
      'ADVANCE.EXCEEDS_OPEN',
    );
    await refused(
      `/api/v1/expenditures/${advance}/reverse`,
      accountant,
      { reason: 'nhầm' },
      'ADVANCE.ALREADY_SETTLED',
    );
    await api.post(recoveries, accountant, recovery).expect(200);

    // The remainder is back in the line's available; settled + recovered + open = advanced.
    expect(await line()).toMatchObject({
      disbursed: '8000000',
      committed: '8000000',
      available: '42000000',
      advanced: '10000000',
      advanceSettled: '7000000',
      advanceRecovered: '3000000',
      advancesOpen: '0',
    });
    // As of 31/5 the advance was paid and open.
    expect(await line('&asOf=2024-05-31')).toMatchObject({ advancesOpen: '10000000' });

    const history = (await api.get(`/api/v1/budget-lines/${LINE}/history`, auditor).expect(200))
      .body as { entries: Record<string, unknown>[] };
    const mine = history.entries.filter((e) => e.expenditureId === advance);
    expect(mine.map((e) => e.type)).toEqual([
      'ExpenditureProposed',
      'ExpenditureApproved',
      'ExpenditureDisbursed',
      'AdvanceSettled',
      'AdvanceRecovered',
    ]);
    expect(mine[0]).toMatchObject({ kind: 'advance' });
    expect(mine[3]).toMatchObject({
      amount: '7000000',
      openAfter: '3000000',
      vouchers: settlement.vouchers,
    });
    expect(mine[4]).toMatchObject({ receipt: 'GNT-07', returnsTo: 'line', openAfter: '0' });

    // A second advance left open is on the year-end list and in the report's column 11.
    const open = await pay('2000000', 'advance');
    const list = (await api.get('/api/v1/advances?fiscalYear=2024', auditor).expect(200)).body as {
      asOf: string;
      total: string;
      advances: Record<string, unknown>[];
    };
    expect(list).toMatchObject({ asOf: '2024-12-31', total: '2000000' });
    expect(list.advances).toEqual([
      expect.objectContaining({ expenditureId: open, open: '2000000', paidOn: '2024-05-20' }),
    ]);
    const report = (
      await api
        .get('/api/v1/reports/disbursement?fiscalYear=2024&period=2024-01-01..2024-07-15', auditor)
        .expect(200)
    ).body as { rows: { values?: Record<string, string>; advancesOpen?: string }[] };
    const column11 = report.rows.map((r) => r.values?.advancesOpen ?? r.advancesOpen ?? '0');
    expect(column11).toContain('2000000');

    const conservation = await checkConservation(api.store);
    expect(conservation.problems).toEqual([]);

    // The CLI answers as HTTP does: the year-end list, and the line's open advances.
    await api.stop();
    running = false;
    const cli = budget('advances', '--fiscal-year', '2024', '--json');
    expect(cli.status).toBe(0);
    expect(JSON.parse(cli.stdout)).toEqual(list);
    const table = budget('advances', '--fiscal-year', '2024');
    expect(table.stdout).toContain('Tạm ứng chưa thanh toán năm 2024, đến ngày 31/12/2024');
    expect(table.stdout).toContain('2.000.000');
    const balances = budget('balances', '--fiscal-year', '2024');
    expect(balances.stdout).toContain('Tạm ứng chưa thanh toán');
    const lineHistory = budget('history', LINE);
    expect(lineHistory.stdout).toContain('Thanh toán tạm ứng');
    expect(lineHistory.stdout).toContain('Thu hồi tạm ứng');
  });
});
