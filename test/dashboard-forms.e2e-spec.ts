import request from 'supertest';
import { SecurityLog } from '@app/api-state';
import { FixedClock } from './support/ba-to-ledger';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';

/**
 * The dashboard's write forms over plain HTTP, as a browser without script sends them:
 * the form reaches the API's own route (one recorded event, the same refusals), the CSRF
 * token is required, a refusal keeps the input, a repeated submission appends once.
 * The Chromium suite (dashboard-payment.e2e-spec.ts) clicks the same forms.
 */
describe('dashboard forms over HTTP', () => {
  let api: ApiHarness;
  let officer: string;
  let approver: string;
  let accountant: string;
  const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';

  beforeAll(async () => {
    api = await ApiHarness.start({}, { clock: new FixedClock('2024-07-01T03:00:00Z') });
    const admin = api.user('Quản trị', 'admin');
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    accountant = api.user('Kế toán LĐTBXH', 'accountant', { unit: 'LDTBXH' });
    await api.registerReference(admin);
    await api.allocate(admin, '1200000000');
  });

  afterAll(async () => {
    await api.stop();
  });

  /** A signed-in browser session: its cookie, and the form page's CSRF token and key. */
  async function session(token: string): Promise<{ cookie: string }> {
    const res = await request(api.app.getHttpServer())
      .post('/login')
      .type('form')
      .send({ token })
      .expect(303);
    const cookie = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    return { cookie };
  }

  async function formPage(
    cookie: string,
    path = '/expenditures/new',
  ): Promise<{ csrf: string; key: string; html: string }> {
    const res = await request(api.app.getHttpServer()).get(path).set('Cookie', cookie).expect(200);
    const html = res.text;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const key = /name="_key" value="([^"]+)"/.exec(html)?.[1] ?? '';
    return { csrf, key, html };
  }

  function proposal(amount: string): Record<string, string> {
    return {
      budgetLineId: LINE,
      category: 'meeting',
      kind: 'payment',
      amount,
      effectiveDate: '03/06/2024',
      description: 'Hội nghị triển khai',
      payee: 'Văn phòng LĐTBXH',
    };
  }

  function submit(
    cookie: string,
    fields: Record<string, string>,
    path = '/expenditures/new',
  ): request.Test {
    return request(api.app.getHttpServer())
      .post(path)
      .set('Cookie', cookie)
      .set('Origin', 'http://127.0.0.1')
      .set('Host', '127.0.0.1')
      .type('form')
      .send(fields);
  }

  it('offers the lines the officer may spend from, with what is available', async () => {
    const { cookie } = await session(officer);
    const { html, csrf, key } = await formPage(cookie);
    expect(html).toContain(`${LINE} (còn 1.200.000.000 đồng)`);
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(html).toContain('value="01/07/2024"');
  });

  it('records a proposal once through the API route, even submitted twice', async () => {
    const { cookie } = await session(officer);
    const { csrf, key } = await formPage(cookie);
    const before = await api.eventCount();
    const fields = { ...proposal('1.200.000'), _csrf: csrf, _key: key };
    const first = await submit(cookie, fields).expect(303);
    const again = await submit(cookie, fields).expect(303);
    expect(again.headers.location).toBe(first.headers.location);
    expect(String(first.headers.location)).toMatch(/^\/expenditures\/[0-9a-f-]{36}$/);
    const events = (await api.allEvents()).slice(before);
    // What one proposal records (its filing, and the proposal on the line), once.
    expect(events.map((e) => e.type).sort()).toEqual(['ExpenditureFiled', 'ExpenditureProposed']);
    const proposed = events.find((e) => e.type === 'ExpenditureProposed');
    expect((proposed?.data as { amount?: unknown }).amount).toBe('1200000');
  });

  it('shows a refused overdraw beside the amount, keeps the input and records nothing', async () => {
    const { cookie } = await session(officer);
    const { csrf, key } = await formPage(cookie);
    const before = await api.eventCount();
    const res = await submit(cookie, { ...proposal('9.999.000.000'), _csrf: csrf, _key: key });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.text).toContain('data-testid="error-summary"');
    // The API's refusal names the date on which the line cannot cover it.
    expect(res.text).toMatch(/id="f-(amount|effectiveDate)-error"/);
    expect(res.text).toContain('không đủ 9.999.000.000 đồng');
    expect(res.text).toContain('value="9.999.000.000"');
    expect(res.text).toContain('Hội nghị triển khai');
    expect(res.text).not.toContain(`value="${key}"`);
    expect(await api.eventCount()).toBe(before);
  });

  it('refuses a field it cannot read without sending anything', async () => {
    const { cookie } = await session(officer);
    const { csrf, key } = await formPage(cookie);
    const before = await api.eventCount();
    const res = await submit(cookie, {
      ...proposal('1,5'),
      effectiveDate: '2024-06-03',
      _csrf: csrf,
      _key: key,
    }).expect(400);
    expect(res.text).toMatch(/id="f-amount-error"/);
    expect(res.text).toMatch(/id="f-effectiveDate-error"/);
    expect(await api.eventCount()).toBe(before);
  });

  it('refuses a POST without or with a wrong CSRF token, and logs it', async () => {
    const { cookie } = await session(officer);
    const { csrf, key } = await formPage(cookie);
    const before = await api.eventCount();
    await submit(cookie, { ...proposal('1.000'), _key: key }).expect(403);
    await submit(cookie, { ...proposal('1.000'), _key: key, _csrf: `${csrf.slice(1)}x` }).expect(
      403,
    );
    const other = await session(officer);
    await submit(other.cookie, { ...proposal('1.000'), _key: key, _csrf: csrf }).expect(403);
    expect(await api.eventCount()).toBe(before);
    const log = await api.app.get(SecurityLog).recent(10);
    // Identical refusals within a minute are one entry with a count (AggregatingSecurityLog).
    expect(log.filter((e) => e.code === 'DASHBOARD.CSRF').length).toBeGreaterThan(0);
  });

  it('carries a proposal through approval and payment, each user in their own form', async () => {
    const asOfficer = await session(officer);
    const form = await formPage(asOfficer.cookie);
    const proposed = await submit(asOfficer.cookie, {
      ...proposal('2.500.000'),
      _csrf: form.csrf,
      _key: form.key,
    }).expect(303);
    const page = String(proposed.headers.location);

    const id = page.split('/').pop() ?? '';
    const asApprover = await session(approver);
    const inbox = async (cookie: string): Promise<string> =>
      (await request(api.app.getHttpServer()).get('/inbox').set('Cookie', cookie).expect(200)).text;
    expect(await inbox(asApprover.cookie)).toContain(
      `data-reason="approve" data-expenditure="${id}"`,
    );
    expect(await inbox(asOfficer.cookie)).toContain(`data-reason="own" data-expenditure="${id}"`);
    const approval = await formPage(asApprover.cookie, page);
    expect(approval.html).toContain('data-testid="approve-form"');
    expect(approval.html).not.toContain('data-testid="disburse-form"');
    const keyOf = (html: string, form: string): string =>
      new RegExp(`data-testid="${form}-form"[\\s\\S]*?name="_key" value="([^"]+)"`).exec(
        html,
      )?.[1] ?? '';
    await submit(
      asApprover.cookie,
      { legalBasis: '30/QĐ-UBND', _csrf: approval.csrf, _key: keyOf(approval.html, 'approve') },
      `${page}/approve`,
    ).expect(303);

    const asAccountant = await session(accountant);
    expect(await inbox(asApprover.cookie)).not.toContain(id);
    expect(await inbox(asAccountant.cookie)).toContain(
      `data-reason="pay" data-expenditure="${id}"`,
    );
    const payment = await formPage(asAccountant.cookie, page);
    expect(payment.html).toContain('Đã phê duyệt, chưa chi');
    // A payment dated before its approval is refused beside the date, and kept as typed.
    const early = await submit(
      asAccountant.cookie,
      {
        voucher: 'PC-01',
        paidOn: '01/01/2024',
        _csrf: payment.csrf,
        _key: keyOf(payment.html, 'disburse'),
      },
      `${page}/disburse`,
    );
    expect(early.status).toBeGreaterThanOrEqual(400);
    expect(early.text).toContain('value="01/01/2024"');
    expect(early.text).toContain('data-testid="error-summary"');
    await submit(
      asAccountant.cookie,
      {
        voucher: 'PC-01',
        paidOn: '10/06/2024',
        _csrf: payment.csrf,
        _key: keyOf(early.text, 'disburse'),
      },
      `${page}/disburse`,
    ).expect(303);
    const paid = await formPage(asAccountant.cookie, page);
    expect(paid.html).toMatch(/data-testid="expenditure-status">\s*Đã chi/);
    expect(await inbox(asAccountant.cookie)).not.toContain(id);
  });
});
