import { SecurityLog } from '../apps/api/src/auth/security-log';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';

const LDTBXH_LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const JUSTICE_LINE = '2024.DA7.TDA1.central.2024.TU_PHAP';

describe('who may see and do what', () => {
  let api: ApiHarness;
  let admin: string;
  let officer: string;
  let justiceOfficer: string;
  let auditor: string;

  beforeAll(async () => {
    api = await ApiHarness.start({ BUDGET_RATE_LIMIT_PER_MINUTE: '40' });
    admin = api.user('Quản trị', 'admin');
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    justiceOfficer = api.user('Cán bộ Tư pháp', 'officer', { unit: 'TU_PHAP' });
    auditor = api.user('Kiểm toán viên', 'auditor');
    api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    await api.registerReference(admin);
    for (const [line, amount] of [
      [LDTBXH_LINE, '1470000000'],
      [JUSTICE_LINE, '50000000'],
    ] as const) {
      const [, da, tda, fundSource, , unit] = line.split('.');
      await api
        .post('/api/v1/allocations', admin, {
          fiscalYear: 2024,
          programPart: `${da}.${tda}`,
          fundSource,
          sourceYear: 2024,
          unit,
          amount,
          decision: '30/QĐ-UBND',
          effectiveDate: '2024-03-25',
        })
        .expect(201);
    }
  });

  afterAll(async () => {
    await api.stop();
  });

  it("shows a unit's officer only that unit's lines; an auditor sees all", async () => {
    const own = await api.get('/api/v1/budget-lines', justiceOfficer).expect(200);
    expect((own.body as { lines: { id: string }[] }).lines.map((l) => l.id)).toEqual([
      JUSTICE_LINE,
    ]);
    const all = await api.get('/api/v1/budget-lines', auditor).expect(200);
    expect((all.body as { lines: unknown[] }).lines).toHaveLength(2);
  });

  it("refuses another unit's line history and balance, whatever id is sent", async () => {
    const res = await api
      .get(`/api/v1/budget-lines/${LDTBXH_LINE}/history`, justiceOfficer)
      .expect(403);
    expect(res.body).toMatchObject({ code: 'AUTH.UNIT_FORBIDDEN' });
    await api.get(`/api/v1/budget-lines/${LDTBXH_LINE}`, justiceOfficer).expect(403);
    await api.get(`/api/v1/budget-lines/${LDTBXH_LINE}/history`, officer).expect(200);
  });

  it('limits the disbursement report to the unit of a unit user', async () => {
    const res = await api
      .get('/api/v1/reports/disbursement?fiscalYear=2024', justiceOfficer)
      .expect(200);
    expect(res.body).toMatchObject({ totals: { all: { allocated: '50000000' } } });
  });

  it('writes every refusal to the security log with who, what and why', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    await api.post('/api/v1/expenditures', officer, { nested: deep }).expect(400);
    await api.get('/api/v1/audit/verify', justiceOfficer).expect(403);
    const log = api.app.get(SecurityLog);
    const refusals = await log.recent(20);
    expect(refusals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          method: 'GET',
          path: '/api/v1/audit/verify',
          status: 403,
          code: 'AUTH.ROLE_FORBIDDEN',
          role: 'officer',
        }),
        expect.objectContaining({ status: 403, code: 'AUTH.UNIT_FORBIDDEN' }),
        expect.objectContaining({ status: 400, code: 'HTTP.BODY_TOO_DEEP' }),
      ]),
    );
  });

  it('rate-limits a flood of writes from one client with 429, recording nothing', async () => {
    const before = (await api.allEvents()).length;
    const answers = [];
    for (let i = 0; i < 45; i++) {
      answers.push((await api.post('/api/v1/expenditures', officer, { amount: 'x' })).status);
    }
    expect(answers).toContain(429);
    expect(answers.filter((s) => s !== 429 && s !== 400)).toEqual([]);
    expect((await api.allEvents()).length).toBe(before);
    // Another client is not affected.
    await api.post('/api/v1/expenditures', justiceOfficer, { amount: 'x' }).expect(400);
    const limited = await api.post('/api/v1/expenditures', officer, { amount: 'x' }).expect(429);
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(limited.headers['retry-after']).toBeDefined();
    const log = await api.app.get(SecurityLog).recent(5);
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ status: 429, code: 'HTTP.TOO_MANY_REQUESTS' }),
      ]),
    );
  });
});
