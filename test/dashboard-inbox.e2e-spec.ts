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
});
