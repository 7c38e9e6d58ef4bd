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

  it('is alive and ready without a token, naming each check and never a log position', async () => {
    const live = await request(api.app.getHttpServer()).get('/health/live').expect(200);
    expect(live.body).toMatchObject({ status: 'ok' });
    for (const path of ['/health', '/health/ready']) {
      const res = await request(api.app.getHttpServer()).get(path).expect(200);
      expect(res.body).toMatchObject({
        status: 'ok',
        info: {
          eventLog: { status: 'up' },
          readStore: { status: 'up' },
          example: { status: 'up', skipped: 'BUDGET_NO_EXAMPLE=1' },
          readModels: { status: 'up' },
          followUps: { status: 'up' },
        },
      });
      expect(JSON.stringify(res.body)).not.toMatch(/position|head/i);
    }
  });

  it('verifies an empty log as intact for an auditor, and refuses an officer', async () => {
    const res = await api
      .get('/api/v1/audit/verify', api.user('Kiểm toán viên', 'auditor'))
      .expect(200);
    expect(res.body).toMatchObject({ ok: true, eventsChecked: 0 });
    await api.get('/api/v1/audit/verify', api.user('Cán bộ', 'officer')).expect(403);
  });
});

describe('readiness when the read models fall behind', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    // Nothing projects in this process (a projector would), and no lag is tolerated.
    api = await ApiHarness.start({ BUDGET_PROJECTIONS: 'off', BUDGET_READY_MAX_LAG: '0' });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('answers 503 naming the lagging read models, and stays alive', async () => {
    await request(api.app.getHttpServer()).get('/health').expect(200);
    await api.store.append(
      'health-check-probe',
      [
        {
          id: '0f3b1f0e-7c1a-4c59-9d0a-2f4e7f1b8a31',
          type: 'ProbeRecorded',
          schemaVersion: 1,
          data: {},
          metadata: {
            actor: 'test',
            correlationId: 'health',
            causationId: null,
            effectiveDate: '2024-01-01',
          },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const res = await request(api.app.getHttpServer()).get('/health').expect(503);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({
      status: 'error',
      error: {
        readModels: {
          status: 'down',
          reason: expect.stringMatching(/^more than 0 events behind the log: balances/),
        },
      },
    });
    await request(api.app.getHttpServer()).get('/health/live').expect(200);
  });
});
