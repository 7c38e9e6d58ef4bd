import { SecurityLog } from '@app/api-state';
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

  it('rate-limits a flood of valid writes from one client: within the limit recorded, beyond it 429 and nothing recorded', async () => {
    // A client of its own, so the writes of earlier tests do not count against it.
    const flooder = api.user('Cán bộ LĐTBXH 2', 'officer', { unit: 'LDTBXH' });
    const proposal = (i: number) => ({
      budgetLineId: LDTBXH_LINE,
      amount: String(100_000 + i),
      category: 'training',
      description: `Tập huấn đợt ${i}`,
      payee: 'Trung tâm Chính trị huyện',
      effectiveDate: '2024-05-10',
    });
    const answers: { status: number; id?: string }[] = [];
    for (let i = 0; i < 45; i++) {
      const res = await api.post('/api/v1/expenditures', flooder, proposal(i));
      answers.push({ status: res.status, id: (res.body as { id?: string }).id });
    }
    // BUDGET_RATE_LIMIT_PER_MINUTE=40: the first 40 valid proposals are taken, the rest refused.
    expect(answers.map((a) => a.status)).toEqual([
      ...Array.from({ length: 40 }, () => 201),
      ...Array.from({ length: 5 }, () => 429),
    ]);
    const recorded = (await api.allEvents()).filter((e) => e.type === 'ExpenditureProposed');
    const descriptions = new Set(recorded.map((e) => e.data.description));
    for (let i = 0; i < 45; i++) {
      expect({ i, recorded: descriptions.has(`Tập huấn đợt ${i}`) }).toEqual({
        i,
        recorded: i < 40,
      });
    }
    const ids = new Set(recorded.map((e) => e.data.expenditureId));
    expect(answers.slice(0, 40).every((a) => a.id !== undefined && ids.has(a.id))).toBe(true);
    // Another client is not affected; the limited one is told when to come back.
    await api.post('/api/v1/expenditures', justiceOfficer, { amount: 'x' }).expect(400);
    const limited = await api.post('/api/v1/expenditures', flooder, proposal(99)).expect(429);
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
