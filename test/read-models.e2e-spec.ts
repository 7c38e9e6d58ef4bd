import ExcelJS from 'exceljs';
import request from 'supertest';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';

const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';

describe('read models through HTTP', () => {
  let api: ApiHarness;
  let admin: string;
  let officer: string;
  let accountant: string;
  let approver: string;
  let auditor: string;
  let expenditureId: string;

  beforeAll(async () => {
    api = await ApiHarness.start();
    admin = api.user('Quản trị', 'admin');
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    accountant = api.user('Kế toán', 'accountant', { unit: 'LDTBXH' });
    approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    auditor = api.user('Kiểm toán viên', 'auditor');
    await api.registerReference(admin);
    await api.allocate(admin, '1470000000');
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
    expenditureId = (proposed.body as { id: string }).id;
    await api.post(`/api/v1/expenditures/${expenditureId}/approve`, approver, {}).expect(200);
    await api
      .post(`/api/v1/expenditures/${expenditureId}/disburse`, accountant, {
        voucher: 'UNC-0601',
        paidOn: '2024-06-20',
      })
      .expect(200);
  });

  afterAll(async () => {
    await api.stop();
  });

  it('shows the balances as soon as the command has answered (read your writes)', async () => {
    const res = await api.get('/api/v1/budget-lines?fiscalYear=2024', auditor).expect(200);
    expect(res.body).toMatchObject({
      asOf: null,
      knownAt: null,
      lines: [
        {
          id: LINE,
          fiscalYear: 2024,
          programPart: 'DA7.TDA1',
          fundSource: 'central',
          sourceYear: 2024,
          unit: 'LDTBXH',
          allocated: '1470000000',
          committed: '120000000',
          disbursed: '120000000',
          available: '1350000000',
        },
      ],
      totals: { allocated: '1470000000', disbursed: '120000000' },
    });
  });

  it('travels back on the effective axis: before the payment, nothing was disbursed', async () => {
    const res = await api
      .get('/api/v1/budget-lines?fiscalYear=2024&asOf=2024-06-10', auditor)
      .expect(200);
    expect(res.body).toMatchObject({
      asOf: '2024-06-10',
      lines: [{ committed: '120000000', disbursed: '0' }],
    });
    const before = await api.get('/api/v1/budget-lines?asOf=2024-03-01', auditor).expect(200);
    expect(before.body).toMatchObject({ lines: [], totals: { allocated: '0' } });
  });

  it('travels back on the recorded axis: the books before anything was entered are empty', async () => {
    const res = await api
      .get('/api/v1/budget-lines?knownAt=2020-01-01T00:00:00Z', auditor)
      .expect(200);
    expect(res.body).toMatchObject({ knownAt: '2020-01-01T00:00:00.000Z', lines: [] });
  });

  it("lists a line's history with actor, capacity, legal basis and running balance", async () => {
    const res = await api.get(`/api/v1/budget-lines/${LINE}/history`, auditor).expect(200);
    const entries = (res.body as { entries: Record<string, unknown>[] }).entries;
    expect(entries.map((e) => e.type)).toEqual([
      'BudgetLineOpened',
      'FundsAllocated',
      'ExpenditureProposed',
      'ExpenditureApproved',
      'ExpenditureDisbursed',
    ]);
    expect(entries[1]).toMatchObject({
      legalBasis: ['30/QĐ-UBND'],
      effectiveDate: '2024-03-25',
      actor: { name: 'Quản trị' },
    });
    expect(entries[3]).toMatchObject({
      actor: { name: 'Lữ Đình Tích' },
      authority: { capacity: 'KT. Chủ tịch' },
      balance: { committed: '120000000', available: '1350000000' },
    });
  });

  it('lists the approval trail, filterable by approver', async () => {
    const res = await api.get('/api/v1/approvals', officer).expect(200);
    expect((res.body as { approvals: unknown[] }).approvals).toEqual([
      expect.objectContaining({
        kind: 'expenditure',
        decision: 'approved',
        what: 'Học tập kinh nghiệm ngoài tỉnh 04 ngày',
        askedBy: expect.objectContaining({ name: 'Cán bộ LĐTBXH' }),
        decidedBy: expect.objectContaining({ name: 'Lữ Đình Tích' }),
        capacity: 'KT. Chủ tịch',
        effectiveDate: '2024-06-03',
      }),
    ]);
    const none = await api.get('/api/v1/approvals?approver=someone-else', officer).expect(200);
    expect((none.body as { approvals: unknown[] }).approvals).toEqual([]);
  });

  it('reports disbursement by part, fund source and source year, with its rate', async () => {
    const res = await api.get('/api/v1/reports/disbursement?fiscalYear=2024', auditor).expect(200);
    expect(res.body).toMatchObject({
      fiscalYear: 2024,
      current: [
        {
          programPart: 'DA7.TDA1',
          fundSource: 'central',
          sourceYear: 2024,
          allocated: '1470000000',
          disbursed: '120000000',
          rate: '8,16',
        },
      ],
      carriedOver: [],
      totals: { all: { disbursed: '120000000' } },
    });
  });

  it('exports the disbursement report as CSV with a BOM and as XLSX with real number cells', async () => {
    const csv = await api
      .get('/api/v1/reports/disbursement?fiscalYear=2024&format=csv', auditor)
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const text = csv.text;
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text.split('\r\n')[0]).toContain('Cấp,Mã,STT,Nội dung,Kế hoạch');
    // Columns C and D (deadline, its basis) are empty for the year's own money.
    expect(text).toContain('part,DA7.TDA1,1,DA7.TDA1,,1470000000,0,0,0,,,0,1470000000,');

    const xlsx = await request(api.app.getHttpServer())
      .get('/api/v1/reports/disbursement?fiscalYear=2024&format=xlsx&asOf=2024-12-31')
      .set('Authorization', `Bearer ${auditor}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getCell('A1').text).toBe('UBND HUYỆN BA TƠ');
    const texts: string[] = [];
    sheet.eachRow((row) => texts.push(row.getCell(1).text));
    expect(texts).toContain('BÁO CÁO TÌNH HÌNH THỰC HIỆN VÀ GIẢI NGÂN KINH PHÍ SỰ NGHIỆP');
    expect(texts).toContain('Kỳ báo cáo: Năm 2024 (từ ngày 1/1/2024 đến ngày 31/12/2024)');
    let found = false;
    sheet.eachRow((row) => {
      if (row.getCell(2).value === 'DA7.TDA1') {
        found = true;
        expect(row.getCell(4).value).toBe(1470000000);
        expect(row.getCell(4).numFmt).toBe('#,##0');
        expect(row.getCell(14).value).toBe(120000000);
      }
    });
    expect(found).toBe(true);
  });

  it('exports balances and a line history as CSV and XLSX too', async () => {
    const balances = await api
      .get('/api/v1/budget-lines?fiscalYear=2024&format=csv', auditor)
      .expect(200);
    expect(balances.text.startsWith('\ufeffDòng ngân sách,Dự án / Tiểu dự án')).toBe(true);
    expect(balances.text).toContain(`${LINE},DA7.TDA1,Ngân sách trung ương,2024,LDTBXH,1470000000`);
    const history = await api
      .get(`/api/v1/budget-lines/${LINE}/history?format=csv`, auditor)
      .expect(200);
    expect(history.text).toContain('KT. Chủ tịch');
    const xlsx = await api
      .get(`/api/v1/budget-lines/${LINE}/history?format=xlsx`, auditor)
      .expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('lets an admin rebuild the read models and says they equal the ones replaced', async () => {
    await api.post('/api/v1/admin/projections/rebuild', officer, {}).expect(403);
    const res = await api.post('/api/v1/admin/projections/rebuild', admin, {}).expect(200);
    const reports = (
      res.body as { reports: { projection: string; equal: boolean; eventsReplayed: number }[] }
    ).reports;
    expect(reports.map((r) => [r.projection, r.equal])).toEqual([
      ['balances', true],
      ['history', true],
      ['approvals', true],
      ['plans', true],
      ['reporting', true],
      ['pendingDecisions', true],
    ]);
    const after = await api.get('/api/v1/budget-lines?fiscalYear=2024', auditor).expect(200);
    expect(after.body).toMatchObject({ lines: [{ disbursed: '120000000' }] });
  });

  it('refuses a malformed time-travel query with 400', async () => {
    await api.get('/api/v1/budget-lines?asOf=2024-02-30', auditor).expect(400);
    await api.get('/api/v1/budget-lines?knownAt=yesterday', auditor).expect(400);
    const beyond = await api.get('/api/v1/budget-lines?minPosition=999999', auditor).expect(400);
    expect(beyond.body).toMatchObject({ code: 'READ_MODEL.POSITION_UNKNOWN' });
  });
});
