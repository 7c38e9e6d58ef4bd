import request from 'supertest';
import { FixedClock } from './support/ba-to-ledger';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';
import { seedPlanRequest } from './support/plan-over-http';

/**
 * The inbox beyond payments: a transfer requested and a plan submitted wait for whoever
 * may decide them (the decision's own `authorize`: role, delegation, dates, segregation),
 * counted in the header of every page, and leave once decided.
 */
describe('dashboard inbox: transfers and plans waiting for a decision', () => {
  let api: ApiHarness;
  let officer: string;
  let approver: string;
  let narrow: string;
  let accountant: string;
  const CARRIED_LINE = '2024.DA7.TDA1.district.2023.LDTBXH';

  beforeAll(async () => {
    api = await ApiHarness.start({}, { clock: new FixedClock('2024-07-01T03:00:00Z') });
    const admin = api.user('Quản trị', 'admin');
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    narrow = api.user('Phó Chủ tịch khác', 'approver', {
      authority: { ...BA_TO_AUTHORITY, programParts: ['DA6'] },
    });
    accountant = api.user('Kế toán LĐTBXH', 'accountant', { unit: 'LDTBXH' });
    await api.registerReference(admin);
    await api.allocate(admin, '1200000000');
  });

  afterAll(async () => {
    await api.stop();
  });

  async function session(token: string): Promise<string> {
    const res = await request(api.app.getHttpServer())
      .post('/login')
      .type('form')
      .send({ token })
      .expect(303);
    return String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
  }

  async function page(cookie: string, path = '/inbox'): Promise<string> {
    return (await request(api.app.getHttpServer()).get(path).set('Cookie', cookie).expect(200))
      .text;
  }

  function headerCount(html: string): string | undefined {
    return /data-testid="inbox-count">(\d+)</.exec(html)?.[1];
  }

  it('shows a transfer requested and a plan submitted to the approver who may decide them, and only to them', async () => {
    const asApprover = await session(approver);
    expect(headerCount(await page(asApprover, '/'))).toBe('0');

    const { id } = (
      await api
        .post('/api/v1/transfers', officer, {
          kind: 'carry_over',
          toLine: CARRIED_LINE,
          amount: '50000000',
          decision: '699/QĐ-UBND',
          effectiveDate: '2024-03-19',
        })
        .expect(201)
    ).body as { id: string };
    await api.post('/api/v1/plans', officer, seedPlanRequest()).expect(201);
    await api
      .post('/api/v1/plans/2024/LDTBXH/submit', officer, { effectiveDate: '2024-04-11' })
      .expect(200);

    const inbox = await page(asApprover);
    expect(inbox).toContain(`data-reason="decide_transfer" data-transfer="${id}"`);
    expect(inbox).toContain(`href="/transfers/${id}"`);
    expect(inbox).toContain('data-reason="decide_plan" data-plan="2024/LDTBXH"');
    expect(inbox).toContain('href="/plans/2024/LDTBXH"');
    expect(inbox).toContain('50.000.000');
    expect(inbox).toContain('19/3/2024');
    expect(headerCount(inbox)).toBe('2');
    // Any page's header counts the same, from the same index.
    expect(headerCount(await page(asApprover, '/'))).toBe('2');

    // Outside the delegation (DA6 only: the plan and the line are DA7's), or not an approver.
    const asNarrow = await session(narrow);
    expect(await page(asNarrow)).toContain('data-testid="inbox-empty"');
    expect(headerCount(await page(asNarrow, '/'))).toBe('0');
    const asAccountant = await session(accountant);
    const accountantInbox = await page(asAccountant);
    expect(accountantInbox).not.toContain('decide_transfer');
    expect(accountantInbox).not.toContain('decide_plan');
    // The officer who asked: not theirs to decide, and nothing counted.
    const asOfficer = await session(officer);
    expect(headerCount(await page(asOfficer, '/'))).toBe('0');

    await api.post(`/api/v1/transfers/${id}/approve`, approver, {}).expect(200);
    const afterTransfer = await page(asApprover);
    expect(afterTransfer).not.toContain(id);
    expect(headerCount(afterTransfer)).toBe('1');

    await api
      .post('/api/v1/plans/2024/LDTBXH/approve', approver, {
        number: '120/KH-UBND',
        issuedOn: '2024-04-15',
        effectiveDate: '2024-04-15',
      })
      .expect(200);
    const empty = await page(asApprover);
    expect(empty).toContain('data-testid="inbox-empty"');
    expect(headerCount(empty)).toBe('0');
  });

  it('answers in English on ?lang=en', async () => {
    const asApprover = await session(approver);
    await api
      .post('/api/v1/transfers', officer, {
        kind: 'carry_over',
        toLine: CARRIED_LINE,
        amount: '1000000',
        decision: '699/QĐ-UBND',
        effectiveDate: '2024-03-20',
      })
      .expect(201);
    const inbox = await page(asApprover, '/inbox?lang=en');
    expect(inbox).toContain('A transfer awaits your decision');
    expect(inbox).toContain('Requested');
  });

  it("shows a refused plan row's error beside that row's own field, the input kept", async () => {
    const cookie = await session(officer);
    const form = await page(cookie, '/plans/new');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
    const key = /name="_key" value="([^"]+)"/.exec(form)?.[1] ?? '';
    const before = await api.eventCount();
    // Rows 1 and 3 filled, row 2 left empty: the API's second activity is the form's third.
    const res = await request(api.app.getHttpServer())
      .post('/plans/new')
      .set('Cookie', cookie)
      .set('Origin', 'http://127.0.0.1')
      .set('Host', '127.0.0.1')
      .type('form')
      .send({
        _csrf: csrf,
        _key: key,
        fiscalYear: '2025',
        leadUnit: 'LDTBXH',
        title: 'Kế hoạch 2025',
        legalBasis: '30/QĐ-UBND',
        fundingDecisions: '30/QĐ-UBND',
        effectiveDate: '01/07/2024',
        part1Code: 'DA7.TDA1',
        part1Name: 'Nâng cao năng lực',
        part1Amount: '100.000.000',
        activity1Id: 'HD1',
        activity1Part: 'DA7.TDA1',
        activity1Name: 'Tập huấn',
        activity1Category: 'training',
        activity3Id: 'HD3',
        activity3Part: 'DA9.TDA9',
        activity3Name: 'Hoạt động của tiểu dự án không có trong kế hoạch',
        activity3Category: 'training',
      });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.text).toMatch(/id="f-activity3Part-error"[^>]*>[^<]*DA9\.TDA9/);
    expect(res.text).toContain('href="#f-activity3Part"');
    expect(res.text).toContain('value="DA9.TDA9"');
    expect(res.text).toContain('value="Tập huấn"');
    expect(await api.eventCount()).toBe(before);
  });
});
