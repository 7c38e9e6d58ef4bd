import request from 'supertest';
import { ApiHarness } from './support/api-harness';

const WRITE = '/api/v1/expenditures';

describe('rate limits (@nestjs/throttler on the shared state)', () => {
  let api: ApiHarness;
  let officer: string;
  let other: string;
  let admin: string;

  beforeAll(async () => {
    api = await ApiHarness.start({
      BUDGET_RATE_LIMIT_PER_MINUTE: '6',
      BUDGET_ADDRESS_LIMIT_PER_MINUTE: '5',
    });
    officer = api.user('Cán bộ', 'officer', { unit: 'LDTBXH' });
    other = api.user('Cán bộ khác', 'officer', { unit: 'LDTBXH' });
    admin = api.user('Quản trị', 'admin');
  });
  afterAll(async () => {
    await api.stop();
  });

  const write = (authorization: string): request.Test =>
    request(api.app.getHttpServer())
      .post(WRITE)
      .set('Authorization', authorization)
      .set('Idempotency-Key', `k-${Math.random()}`)
      .send({ amount: 'x' });

  it('counts a user once however the Authorization header is spelled', async () => {
    const spellings = [
      `Bearer ${officer}`,
      `bearer ${officer}`,
      `BEARER ${officer}`,
      `Bearer  ${officer}`,
      `Bearer\t${officer}`,
      `bEaReR ${officer} `,
    ];
    const statuses = [];
    for (const header of spellings) statuses.push((await write(header)).status);
    // Six writes are allowed (each refused 400 for its body, but counted); the seventh is not.
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400]);
    const limited = await write(`bearer\t${officer}`).expect(429);
    expect(limited.body).toMatchObject({ code: 'HTTP.TOO_MANY_REQUESTS' });
    expect(limited.body.message.en).toMatch(
      /^Too many writes: at most 6 a minute; retry in \d+ s$/,
    );
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Reads are not writes, and another user has a budget of their own.
    await api.get('/api/v1/budget-lines', officer).expect(200);
    await write(`Bearer ${other}`).expect(400);
  });

  it('limits failed sign-ins per address, junk tokens included; a valid token still works', async () => {
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await write(`Bearer junk${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const limited = await request(api.app.getHttpServer())
      .get('/api/v1/budget-lines')
      .set('Authorization', 'Bearer still-junk')
      .expect(429);
    expect(limited.body.message.vi).toMatch(
      /^Quá nhiều lần đăng nhập không thành công: tối đa 5 mỗi phút/,
    );
    await api.get('/api/v1/budget-lines', admin).expect(200);
  });
});

describe('failed dashboard sign-ins', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await ApiHarness.start({ BUDGET_ADDRESS_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('are limited per address like bad tokens', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const res = await request(api.app.getHttpServer())
        .post('/login')
        .type('form')
        .send({ token: `wrong-${i}` });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describe('writes through a dashboard form', () => {
  let api: ApiHarness;
  let officer: string;
  beforeAll(async () => {
    api = await ApiHarness.start({ BUDGET_RATE_LIMIT_PER_MINUTE: '4' });
    officer = api.user('Cán bộ', 'officer', { unit: 'LDTBXH' });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('count once each: the form and the API route it hands the write to are one write', async () => {
    const server = api.app.getHttpServer();
    const login = await request(server).post('/login').type('form').send({ token: officer });
    const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    const post = async (): Promise<number> => {
      const form = (await request(server).get('/plans/new').set('Cookie', cookie).expect(200)).text;
      const res = await request(server)
        .post('/plans/new')
        .set('Cookie', cookie)
        .set('Origin', 'http://127.0.0.1')
        .set('Host', '127.0.0.1')
        .type('form')
        .send({
          _csrf: /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? '',
          _key: /name="_key" value="([^"]+)"/.exec(form)?.[1] ?? '',
          fiscalYear: '2025',
          leadUnit: 'LDTBXH',
          title: 'Kế hoạch 2025',
          legalBasis: '30/QĐ-UBND',
          fundingDecisions: '30/QĐ-UBND',
          effectiveDate: '01/07/2024',
          part1Code: 'DA7.TDA1',
          part1Name: 'Nâng cao năng lực',
          part1Amount: '100.000.000',
          // An activity of a part the plan does not have: refused by the API route.
          activity1Id: 'HD1',
          activity1Part: 'DA9.TDA9',
          activity1Name: 'Tập huấn',
          activity1Category: 'training',
        });
      // Refused by the API route itself (its error beside the row's field), or by the limit.
      return res.status === 429 ? 429 : /f-activity1Part-error/.test(res.text) ? res.status : -1;
    };
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push(await post());
    // Four writes a minute: four forms reach the API route and are refused for their
    // content (counted), the fifth is refused for the limit (not twice as fast: the form's
    // post and the API route it is handed to are one write).
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
  });
});
