import request from 'supertest';
import { ApiHarness } from './support/api-harness';

describe('API health and verify over HTTP', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await ApiHarness.start();
  });
  afterAll(async () => {
    await api.stop();
  });

  it('reports health green with the event log up, without a token', async () => {
    const res = await request(api.app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', eventLog: { status: 'up', headPosition: null } });
  });

  it('verifies an empty log as intact for an auditor, and refuses an officer', async () => {
    const res = await api
      .get('/api/v1/audit/verify', api.user('Kiểm toán viên', 'auditor'))
      .expect(200);
    expect(res.body).toMatchObject({ ok: true, eventsChecked: 0 });
    await api.get('/api/v1/audit/verify', api.user('Cán bộ', 'officer')).expect(403);
  });
});
