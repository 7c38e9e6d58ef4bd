import { FixedClock } from './support/ba-to-ledger';
import { ApiHarness } from './support/api-harness';

const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const DA7 = { chapter: '622', sector: '398', program: '0357', source: '12' };

/** Issue 17 item 4 over HTTP: the unit's mã ĐVQHNS, and classifying a line. */
describe("a unit's mã ĐVQHNS and a line's classification over HTTP", () => {
  let api: ApiHarness;
  let admin: string;
  let officer: string;

  /** A refusal: 4xx problem+json with its code, and nothing recorded. */
  const refused = async (
    path: string,
    token: string,
    body: object,
    status: number,
    code: string,
    field?: string,
  ): Promise<void> => {
    const before = await api.eventCount();
    const res = await api.post(path, token, body).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code });
    if (field) expect(JSON.stringify(res.body)).toContain(field);
    expect(await api.eventCount()).toBe(before);
  };
  const recorded = async (type: string) =>
    (await api.allEvents()).filter((e) => e.type === type).map((e) => e.data);

  beforeAll(async () => {
    api = await ApiHarness.start(
      { BUDGET_RATE_LIMIT_PER_MINUTE: '0' },
      { clock: new FixedClock('2024-06-15T03:00:00Z') },
    );
    admin = api.user('Phòng Tài chính – Kế hoạch', 'admin');
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    await api.registerReference(admin, ['LDTBXH']);
    await api.allocate(admin);
  }, 60_000);
  afterAll(() => api.stop());

  describe('POST /api/v1/units/{code}/budget-relationship-codes', () => {
    const path = '/api/v1/units/LDTBXH/budget-relationship-codes';
    const code = { budgetRelationshipCode: '1040123', validFrom: '2021-01-01' };

    it('refuses each bad request with problem+json, recording nothing', async () => {
      await refused(path, officer, code, 403, 'AUTH.ROLE_FORBIDDEN');
      await refused(
        path,
        admin,
        { ...code, budgetRelationshipCode: '104012' },
        400,
        'VALIDATION.FAILED',
        'budgetRelationshipCode',
      );
      await refused(
        '/api/v1/units/NOPE/budget-relationship-codes',
        admin,
        code,
        404,
        'UNIT.NOT_REGISTERED',
      );
      await refused(
        path,
        admin,
        { ...code, validFrom: '2020-12-31' },
        400,
        'UNIT.BUDGET_CODE_OUTSIDE_UNIT_VALIDITY',
        'validFrom',
      );
    });

    it('records the code, then a change from a later date; another code on a taken date is a conflict', async () => {
      await api.post(path, admin, { ...code, certificate: '12/GCN-TCKH' }).expect(201);
      const before = await api.eventCount();
      await api.post(path, admin, { ...code, certificate: '12/GCN-TCKH' }).expect(201);
      expect(await api.eventCount()).toBe(before);
      await refused(
        path,
        admin,
        { ...code, budgetRelationshipCode: '1040999' },
        409,
        'UNIT.BUDGET_CODE_CONFLICT',
        'budgetRelationshipCode',
      );
      await api
        .post(path, admin, { budgetRelationshipCode: '1040999', validFrom: '2024-07-01' })
        .expect(201);
      expect(await recorded('BudgetRelationshipCodeRecorded')).toEqual([
        expect.objectContaining({
          code: 'LDTBXH',
          budgetRelationshipCode: '1040123',
          validFrom: '2021-01-01',
          certificate: '12/GCN-TCKH',
        }),
        expect.objectContaining({ budgetRelationshipCode: '1040999', validFrom: '2024-07-01' }),
      ]);
    });
  });

  describe('POST /api/v1/budget-lines/{id}/classification', () => {
    const path = `/api/v1/budget-lines/${LINE}/classification`;
    const body = { ...DA7, effectiveDate: '2024-03-25' };

    it('refuses each bad request with problem+json, recording nothing', async () => {
      await refused(path, officer, body, 403, 'AUTH.ROLE_FORBIDDEN');
      await refused(path, admin, { ...body, chapter: '62' }, 400, 'VALIDATION.FAILED', 'chapter');
      await refused(
        path,
        admin,
        { ...body, sector: '999' },
        400,
        'BUDGET.CLASSIFICATION_UNKNOWN_CODE',
        'classification.sector',
      );
      // Dự án 6's program code on a Dự án 7 line.
      await refused(
        path,
        admin,
        { ...body, program: '0356' },
        400,
        'BUDGET.CLASSIFICATION_PROGRAM_MISMATCH',
        'classification.program',
      );
      await refused(
        '/api/v1/budget-lines/2024.DA7.TDA2.central.2024.LDTBXH/classification',
        admin,
        body,
        404,
        'BUDGET.LINE_NOT_FOUND',
      );
    });

    it('classifies the line once; the same codes again record nothing, others are a conflict', async () => {
      await api.post(path, admin, body).expect(201);
      expect(await recorded('BudgetLineClassified')).toEqual([
        expect.objectContaining({ budgetLineId: LINE, classification: DA7 }),
      ]);
      const before = await api.eventCount();
      await api.post(path, admin, body).expect(201);
      expect(await api.eventCount()).toBe(before);
      await refused(
        path,
        admin,
        { ...body, sector: '341' },
        409,
        'BUDGET.CLASSIFICATION_CONFLICT',
        'classification',
      );
    });
  });
});

/** Issue 17 item 4: the year report grouped by budget code, over HTTP. */
describe('GET /api/v1/reports/disbursement?groupBy=classification', () => {
  let api: ApiHarness;
  let admin: string;
  type Row = { level: string; code: string } & Record<string, string | null>;
  const rowsOf = async (query: string) =>
    (
      (await api.get(`/api/v1/reports/disbursement?fiscalYear=2024${query}`, admin).expect(200))
        .body as { groupedBy: string; rows: Row[] }
    ).rows;

  beforeAll(async () => {
    api = await ApiHarness.start(
      { BUDGET_RATE_LIMIT_PER_MINUTE: '0' },
      { clock: new FixedClock('2024-06-15T03:00:00Z') },
    );
    admin = api.user('Phòng Tài chính – Kế hoạch', 'admin');
    await api.registerReference(admin, ['LDTBXH']);
    await api.allocate(admin, '1000000');
    // A second line, never classified.
    await api
      .post('/api/v1/allocations', admin, {
        fiscalYear: 2024,
        programPart: 'DA7.TDA2',
        fundSource: 'central',
        sourceYear: 2024,
        unit: 'LDTBXH',
        amount: '400000',
        decision: '30/QĐ-UBND',
        effectiveDate: '2024-03-25',
      })
      .expect(201);
    await api
      .post(`/api/v1/budget-lines/${LINE}/classification`, admin, {
        ...DA7,
        effectiveDate: '2024-03-25',
      })
      .expect(201);
  }, 60_000);
  afterAll(() => api.stop());

  it('totals by chương, loại–khoản and CTMTQG, unclassified apart, the total the same as by project', async () => {
    const byProgram = await rowsOf('');
    const byCode = await rowsOf('&groupBy=classification');
    expect(byCode.map((r) => [r.level, r.code])).toEqual([
      ['total', ''],
      ['chapter', '622'],
      ['sector', '622.398'],
      ['program', '622.398.0357.12'],
      ['unclassified', ''],
    ]);
    const total = (rows: Row[]) => rows.find((r) => r.level === 'total');
    for (const column of ['usable', 'currentCentral', 'committed', 'paidCumulative', 'remaining']) {
      expect([column, total(byCode)?.[column]]).toEqual([column, total(byProgram)?.[column]]);
    }
    expect(total(byCode)?.usable).toBe('1400000');
    expect(byCode.find((r) => r.level === 'program')?.usable).toBe('1000000');
    expect(byCode.find((r) => r.level === 'unclassified')?.usable).toBe('400000');
  });

  it('exports the grouped report as CSV, its total row the same as by project', async () => {
    const csv = async (query: string) =>
      (
        await api
          .get(`/api/v1/reports/disbursement?fiscalYear=2024&format=csv${query}`, admin)
          .expect(200)
      ).text.split('\n');
    const byCode = await csv('&groupBy=classification');
    const byProgram = await csv('');
    expect(byCode.find((l) => l.startsWith('total,'))).toBe(
      byProgram.find((l) => l.startsWith('total,')),
    );
    expect(byCode.some((l) => l.startsWith('chapter,622,I,Chương 622'))).toBe(true);
    expect(byCode.some((l) => l.startsWith('unclassified,,II,Dòng ngân sách chưa phân loại'))).toBe(
      true,
    );
  });

  it('refuses an unknown grouping, and grouping the outputs report, recording nothing', async () => {
    for (const path of [
      '/api/v1/reports/disbursement?fiscalYear=2024&groupBy=tieu-muc',
      '/api/v1/reports/outputs?fiscalYear=2024&groupBy=classification',
    ]) {
      const before = await api.eventCount();
      const res = await api.get(path, admin).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(res.body)).toContain('groupBy');
      expect(await api.eventCount()).toBe(before);
    }
  });
});
