import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FollowUpRunner, checkConservation } from '@app/application';
import { FixedClock } from './support/ba-to-ledger';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';

const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const CARRIED = '2024.DA6.TDA2.district.2023.LDTBXH';

const allocation = (amount: string, effectiveDate: string): object => ({
  fiscalYear: 2024,
  programPart: 'DA7.TDA1',
  fundSource: 'central',
  sourceYear: 2024,
  unit: 'LDTBXH',
  amount,
  decision: '30/QĐ-UBND',
  effectiveDate,
});

const proposal = (budgetLineId: string, amount: string, effectiveDate: string): object => ({
  budgetLineId,
  amount,
  category: 'training',
  description: 'Tập huấn cán bộ giảm nghèo',
  payee: 'Trung tâm Chính trị huyện',
  effectiveDate,
});

/**
 * Issue 16, items 2 and 3 over HTTP: every decision judged on its own date. Each refusal
 * is a 4xx problem+json with its stable code, and records nothing.
 */
describe('money in time over HTTP', () => {
  let api: ApiHarness;
  let officer: string;
  let approver: string;
  let accountant: string;

  const eventCount = async (): Promise<number> => await api.eventCount();
  const refused = async (
    path: string,
    token: string,
    body: object,
    status: number,
    code: string,
  ): Promise<void> => {
    const before = await eventCount();
    const res = await api.post(path, token, body).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code, status });
    expect(await eventCount()).toBe(before);
  };
  const propose = async (line: string, amount: string, on: string): Promise<string> =>
    (
      (await api.post('/api/v1/expenditures', officer, proposal(line, amount, on)).expect(201))
        .body as { id: string }
    ).id;

  /** `fresh`: a new data folder, whose reference data must be registered. */
  const start = async (today: string, env: Record<string, string> = {}, fresh = true) => {
    api = await ApiHarness.start(
      { BUDGET_RATE_LIMIT_PER_MINUTE: '0', ...env },
      { clock: new FixedClock(`${today}T03:00:00Z`) },
    );
    const admin = api.user('Phòng Tài chính – Kế hoạch', 'admin');
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    accountant = api.user('Kế toán', 'accountant', { unit: 'LDTBXH' });
    if (fresh) await api.registerReference(admin, ['LDTBXH']);
    return admin;
  };

  afterEach(async () => {
    const report = await checkConservation(api.store);
    await api.stop();
    expect(report.problems).toEqual([]);
  });

  it('refuses money not yet in effect, late entries that overdraw later spending, dates out of order or in the future', async () => {
    const admin = await start('2024-06-15');
    await api.post('/api/v1/allocations', admin, allocation('1000000', '2024-03-25')).expect(201);

    // The repro: a proposal dated 10/01/2024 against money allocated on 25/03/2024.
    await refused(
      '/api/v1/expenditures',
      officer,
      proposal(LINE, '100000', '2024-01-10'),
      422,
      'BUDGET.FUNDS_NOT_YET_EFFECTIVE',
    );
    await refused(
      '/api/v1/expenditures',
      officer,
      proposal(LINE, '100000', '2024-06-16'),
      422,
      'DATE.IN_FUTURE',
    );

    const first = await propose(LINE, '800000', '2024-05-20');
    await api
      .post(`/api/v1/expenditures/${first}/approve`, approver, { effectiveDate: '2024-06-01' })
      .expect(200);
    await api.post('/api/v1/allocations', admin, allocation('500000', '2024-06-10')).expect(201);
    // Entered late, dated 01/05: 1.000.000 was there then, but only 200.000 from 01/06 on.
    const late = await propose(LINE, '300000', '2024-04-30');
    await refused(
      `/api/v1/expenditures/${late}/approve`,
      approver,
      { effectiveDate: '2024-05-01' },
      409,
      'BUDGET.LINE_OVERDRAWN_ON_DATE',
    );
    await refused(
      `/api/v1/expenditures/${late}/approve`,
      approver,
      { effectiveDate: '2024-04-29' },
      422,
      'DATE.BEFORE_DECIDED_ITEM',
    );
    await refused(
      `/api/v1/expenditures/${late}/approve`,
      approver,
      { effectiveDate: '2024-06-16' },
      422,
      'DATE.IN_FUTURE',
    );
    await api
      .post(`/api/v1/expenditures/${late}/approve`, approver, { effectiveDate: '2024-06-10' })
      .expect(200);

    await refused(
      `/api/v1/expenditures/${first}/disburse`,
      accountant,
      { voucher: 'UNC-0001', paidOn: '2024-05-31' },
      422,
      'DATE.BEFORE_DECIDED_ITEM',
    );
    await refused(
      `/api/v1/expenditures/${first}/disburse`,
      accountant,
      { voucher: 'UNC-0001', paidOn: '2024-06-20' },
      422,
      'DATE.IN_FUTURE',
    );
    await api
      .post(`/api/v1/expenditures/${first}/disburse`, accountant, {
        voucher: 'UNC-0001',
        paidOn: '2024-06-01',
      })
      .expect(200);
    const reader = api.user('Kiểm toán', 'auditor');
    const line = (await api.get(`/api/v1/budget-lines/${LINE}`, reader).expect(200)).body as Record<
      string,
      string
    >;
    expect(line).toMatchObject({ committed: '1100000', disbursed: '800000', available: '400000' });
  });

  it('refuses paying carried-over money after its deadline, lapse recorded or not, and a reversal after the lapse lapses', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-money-in-time-'));
    try {
      // 2024: 250.000 carried in by 699/QĐ-UBND; 150.000 approved, 50.000 of it paid.
      await start('2024-12-20', { BUDGET_DATA_DIR: dir });
      const carried = await api.carryOver(officer, approver, CARRIED, '250000');
      expect(carried.outcome).toBe('TransferCompleted');
      const unpaid = await propose(CARRIED, '100000', '2024-06-01');
      const paid = await propose(CARRIED, '50000', '2024-06-01');
      for (const e of [unpaid, paid]) {
        await api
          .post(`/api/v1/expenditures/${e}/approve`, approver, { effectiveDate: '2024-06-02' })
          .expect(200);
      }
      await api
        .post(`/api/v1/expenditures/${paid}/disburse`, accountant, {
          voucher: 'UNC-0002',
          paidOn: '2024-12-20',
        })
        .expect(200);
      await api.stop();

      // 2025, the lapse process not running: the payment is refused on its date alone.
      const lateBody = { voucher: 'UNC-0003', paidOn: '2025-01-03' };
      const path = `/api/v1/expenditures/${unpaid}/disburse`;
      await start('2025-01-05', { BUDGET_DATA_DIR: dir, BUDGET_FOLLOW_UPS: 'off' }, false);
      await refused(path, accountant, lateBody, 422, 'BUDGET.CARRY_OVER_EXPIRED');
      const stream = await api.store.readStream(`budget-line-${CARRIED}`);
      expect(stream.filter((e) => e.type === 'CarryOverLapsed')).toHaveLength(0);
      await api.stop();

      // The lapse recorded: still refused; a payment given back lapses, never "available".
      await start('2025-01-05', { BUDGET_DATA_DIR: dir }, false);
      await api.app.get(FollowUpRunner).lapseWhenCaughtUp();
      await refused(path, accountant, lateBody, 422, 'BUDGET.CARRY_OVER_EXPIRED');
      await api
        .post(`/api/v1/expenditures/${paid}/reverse`, accountant, {
          reason: 'Kho bạc trả lại',
          effectiveDate: '2025-01-04',
        })
        .expect(200);
      const reader = api.user('Kiểm toán', 'auditor');
      const line = (await api.get(`/api/v1/budget-lines/${CARRIED}`, reader).expect(200))
        .body as Record<string, string>;
      // 100.000 uncommitted and the 100.000 approved but unpaid (no decision kept it) lapsed
      // at the deadline, 50.000 more when its payment came back: none available.
      expect(line).toMatchObject({
        carriedIn: '250000',
        committed: '0',
        disbursed: '0',
        cancelled: '250000',
        available: '0',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
