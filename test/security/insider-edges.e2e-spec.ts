import request from 'supertest';
import { SecurityLog } from '@app/api-state';
import { ApiHarness, BA_TO_AUTHORITY } from '../support/api-harness';

/** Issue 13's rows on the edges of the API: routing, headers, bodies, identity, cookies. */
const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';

const proposal = (extra: object = {}): object => ({
  budgetLineId: LINE,
  amount: '1000',
  category: 'training',
  description: 'Tập huấn',
  payee: 'Trung tâm',
  effectiveDate: '2024-05-10',
  ...extra,
});

async function ledger(env: Record<string, string> = {}) {
  const api = await ApiHarness.start({ BUDGET_RATE_LIMIT_PER_MINUTE: '0', ...env });
  const admin = api.user('Quản trị', 'admin');
  await api.registerReference(admin, ['LDTBXH', 'TCKH']);
  await api.allocate(admin, '10000000');
  return { api, admin };
}

describe('a hostile insider on the edges of the API (issue 13)', () => {
  let api: ApiHarness;
  let admin: string;
  let officer: string;

  beforeAll(async () => {
    ({ api, admin } = await ledger());
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
  });

  afterAll(async () => {
    await api.stop();
  });

  const events = async (): Promise<number> => await api.eventCount();
  const http = () => request(api.app.getHttpServer());

  it('routes case-sensitively: an upper-case path reaches no handler (medium row)', async () => {
    const before = await events();
    const rebuild = await http()
      .post('/API/V1/admin/projections/rebuild')
      .set('Authorization', `Bearer ${admin}`)
      .type('form')
      .send('projection=balances');
    // Refused before any handler: no route matches, and the /api protections hold anyway.
    expect([404, 415]).toContain(rebuild.status);
    const propose = await http()
      .post('/API/V1/expenditures')
      .set('Authorization', `Bearer ${officer}`)
      .set('Idempotency-Key', 'k-upper')
      .send(proposal());
    expect(propose.status).toBe(404);
    expect(propose.headers['content-type']).toMatch(/problem\+json/);
    const read = await http().get('/Api/v1/budget-lines').set('Authorization', `Bearer ${admin}`);
    expect(read.status).toBe(404);
    expect(read.headers['cache-control']).toBe('no-store');
    expect(await events()).toBe(before);
  });

  it('reads the Authorization header one way, whatever the spelling of its scheme (medium row)', async () => {
    for (const header of [
      `bearer ${admin}`,
      `BEARER ${admin}`,
      `Bearer  ${admin}`,
      `Bearer\t${admin}`,
    ]) {
      await http().get('/api/v1/budget-lines').set('Authorization', header).expect(200);
    }
    for (const header of [`Basic ${admin}`, `Bearer ${admin} ${admin}`, `Bearer`, admin]) {
      await http().get('/api/v1/budget-lines').set('Authorization', header).expect(401);
    }
  });

  it('keeps a flood of bad tokens from growing the security log (medium row)', async () => {
    const log = api.app.get(SecurityLog);
    const before = (await log.recent(10_000)).length;
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) {
      const res = await http()
        .post('/api/v1/expenditures')
        .set('Authorization', `Bearer junk${i}`)
        .set('Idempotency-Key', `junk-${i}`)
        .send(proposal());
      statuses.push(res.status);
    }
    // 401 until the address's limit of failed sign-ins (BUDGET_ADDRESS_LIMIT_PER_MINUTE,
    // 60 a minute by default, earlier tests' bad headers counted), then 429 — never anything
    // else — and the log holds a few aggregated entries, not 300.
    const unauthorized = statuses.filter((s) => s === 401).length;
    expect(unauthorized).toBeGreaterThan(0);
    expect(unauthorized).toBeLessThanOrEqual(60);
    expect(statuses).toEqual([
      ...Array<number>(unauthorized).fill(401),
      ...Array<number>(300 - unauthorized).fill(429),
    ]);
    expect((await log.recent(10_000)).length - before).toBeLessThanOrEqual(3);
  });

  it('refuses prototype keys, invisible and control-laden text, and a year that is not one (low row)', async () => {
    const before = await events();
    const raw = (body: string) =>
      http()
        .post('/api/v1/expenditures')
        .set('Authorization', `Bearer ${officer}`)
        .set('Idempotency-Key', `k-${Math.random()}`)
        .set('Content-Type', 'application/json')
        .send(body);
    const rest = JSON.stringify(proposal()).slice(1);
    for (const key of ['__proto__', 'constructor']) {
      const res = await raw(`{"${key}":{"admin":true},${rest}`).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION.FORBIDDEN_KEY' });
    }
    for (const description of ['   ', '\u200b\u200d\ufeff', 'Tập huấn\u0000', '\u202eTập huấn']) {
      const res = await api
        .post('/api/v1/expenditures', officer, proposal({ description }))
        .expect(400);
      expect(res.body).toMatchObject({
        errors: [expect.objectContaining({ field: 'description', code: 'VALIDATION.TEXT' })],
      });
    }
    for (const year of ['1e3', '2024.0', '0x7e8', '1000']) {
      await api
        .post(`/api/v1/fiscal-years/${year}/close`, admin, { effectiveDate: '2024-12-31' })
        .expect(400);
    }
    expect(await events()).toBe(before);
  });

  it('compares persons, not only accounts, for segregation of duties (low row)', async () => {
    const twin = api.user('Nguyễn Văn Bình', 'officer', { unit: 'LDTBXH', personId: 'p-binh' });
    const same = api.user('Nguyễn Văn Bình', 'approver', {
      authority: BA_TO_AUTHORITY,
      personId: 'p-binh',
    });
    const { id } = (await api.post('/api/v1/expenditures', twin, proposal()).expect(201)).body as {
      id: string;
    };
    const res = await api.post(`/api/v1/expenditures/${id}/approve`, same, {}).expect(403);
    expect(res.body).toMatchObject({ code: 'AUTH.SEGREGATION_OF_DUTIES' });
  });

  it("shows a unit's plans and plan decisions only to that unit (low row)", async () => {
    const approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    const tckh = api.user('Cán bộ TCKH', 'officer', { unit: 'TCKH' });
    await api
      .post('/api/v1/plans', officer, {
        fiscalYear: 2024,
        leadUnit: 'LDTBXH',
        title: 'Kế hoạch thực hiện năm 2024',
        legalBasis: ['30/QĐ-UBND'],
        fundingDecisions: ['30/QĐ-UBND'],
        parts: [{ code: 'DA7.TDA1', name: 'Nâng cao năng lực', budgetAmount: '1000000' }],
        activities: [],
        effectiveDate: '2024-04-01',
      })
      .expect(201);
    await api
      .post('/api/v1/plans/2024/LDTBXH/submit', officer, { effectiveDate: '2024-04-02' })
      .expect(200);
    const approved = await api
      .post('/api/v1/plans/2024/LDTBXH/approve', approver, {
        effectiveDate: '2024-04-15',
        number: '120/KH-UBND',
        issuedOn: '2024-04-15',
      })
      .expect(200);
    await api.get('/api/v1/plans/2024/LDTBXH', tckh).expect(403);
    const at = (approved.body as { position: string }).position;
    const seen = async (token: string): Promise<unknown[]> =>
      (
        (await api.get(`/api/v1/approvals?minPosition=${at}`, token).expect(200)).body as {
          approvals: unknown[];
        }
      ).approvals;
    expect(await seen(tckh)).toEqual([]);
    expect((await seen(officer)).length).toBeGreaterThan(0);
  });

  it('sends a CSP without inline or remote styles', async () => {
    const res = await http().get('/login').expect(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/style-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|https:/);
  });
});

describe('the write rate limit, whatever the spelling of the Authorization header (medium row)', () => {
  it('counts `bearer`, `BEARER`, two spaces and a tab as the same caller', async () => {
    const { api } = await ledger({ BUDGET_RATE_LIMIT_PER_MINUTE: '8' });
    try {
      const officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
      const statuses: number[] = [];
      for (const scheme of ['Bearer ', 'bearer ', 'BEARER ', 'Bearer  ', 'Bearer\t']) {
        for (let i = 0; i < 2; i++) {
          const res = await request(api.app.getHttpServer())
            .post('/api/v1/expenditures')
            .set('Authorization', `${scheme}${officer}`)
            .set('Idempotency-Key', `k-${scheme.length}-${i}-${Math.random()}`)
            .send({ amount: 'x' });
          statuses.push(res.status);
        }
      }
      // The registrations and the allocation of the set-up were the admin's, not counted here.
      expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    } finally {
      await api.stop();
    }
  });
});

describe('the session cookie behind a TLS proxy (low row)', () => {
  it('is Secure when the proxy says the request was HTTPS and BUDGET_TRUST_PROXY trusts it', async () => {
    for (const [trust, secure] of [
      ['1', true],
      ['', false],
    ] as const) {
      const { api } = await ledger({ BUDGET_TRUST_PROXY: trust });
      try {
        const token = api.user('Kiểm toán viên', 'auditor');
        const res = await request(api.app.getHttpServer())
          .post('/login')
          .set('X-Forwarded-Proto', 'https')
          .type('form')
          .send({ token })
          .expect(303);
        const cookie = String(res.headers['set-cookie']);
        expect(cookie).toMatch(/budget_session=/);
        expect(/;\s*Secure/i.test(cookie)).toBe(secure);
      } finally {
        await api.stop();
      }
    }
  });
});
