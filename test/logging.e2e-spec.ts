import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PinoLogger } from 'nestjs-pino';
import { startApiProcess, type ApiProcess } from '@app/testing/faults';
import { ApiHarness } from './support/api-harness';

const UNIT = {
  code: 'TCKH',
  name: 'Phòng Tài chính – Kế hoạch',
  kind: 'lead_agency',
  validFrom: '2024-01-01',
};

describe('request ids', () => {
  let api: ApiHarness;
  let admin: string;
  beforeAll(async () => {
    api = await ApiHarness.start();
    admin = api.user('Quản trị', 'admin');
  });
  afterAll(async () => {
    await api.stop();
  });

  it("answers the caller's X-Request-Id and records it as the events' correlation id", async () => {
    const res = await api
      .post('/api/v1/units', admin, UNIT)
      .set('X-Request-Id', 'req-test-42')
      .expect(201);
    expect(res.headers['x-request-id']).toBe('req-test-42');
    const recorded = (await api.allEvents()).filter((e) => e.streamId.includes('TCKH'));
    expect(recorded.map((e) => e.metadata.correlationId)).toEqual(['req-test-42']);
  });

  it("at LOG_LEVEL=error makes a request's logger only when a line is written", () => {
    // The harness runs at error: the root logger pino-http derives from defers the child.
    expect(PinoLogger.root && Object.hasOwn(PinoLogger.root, 'child')).toBe(true);
  });

  it('makes one when none (or a malformed one) is given, and uses it the same way', async () => {
    const res = await api
      .post('/api/v1/units', admin, { ...UNIT, code: 'KBNN', name: 'Kho bạc' })
      .set('X-Request-Id', 'bad id\twith spaces')
      .expect(201);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const recorded = (await api.allEvents()).filter((e) => e.streamId.includes('KBNN'));
    expect(recorded.map((e) => e.metadata.correlationId)).toEqual([id]);
    const other = await request(api.app.getHttpServer()).get('/health/live');
    expect(other.headers['x-request-id']).not.toBe(id);
  });
});

describe('the access log of a running API (LOG_FORMAT=json)', () => {
  let dir: string;
  let server: ApiProcess;
  let lines: Record<string, unknown>[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-logs-'));
    server = await startApiProcess(dir, { LOG_FORMAT: 'json', LOG_LEVEL: 'info' });
    const base = `http://127.0.0.1:${server.port}`;
    await fetch(`${base}/api/v1/budget-lines`, {
      headers: { authorization: 'Bearer bt_do-not-log-this-token', 'x-request-id': 'audit-7' },
    });
    await fetch(`${base}/api/v1/units`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k-1' },
      body: JSON.stringify({ ...UNIT, name: 'body-marker-do-not-log' }),
    });
    await server.stop();
    lines = server
      .output()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes one JSON object a line, with one access line per request: id, status, duration', () => {
    const access = lines.filter((l) => l.req !== undefined);
    expect(access).toEqual([
      expect.objectContaining({
        req: expect.objectContaining({ id: 'audit-7', method: 'GET', url: '/api/v1/budget-lines' }),
        res: { statusCode: 401 },
        responseTime: expect.any(Number),
        msg: expect.stringMatching(/^GET \/api\/v1\/budget-lines 401 \d+ ms$/),
      }),
      expect.objectContaining({
        req: expect.objectContaining({ id: expect.any(String), method: 'POST' }),
        res: { statusCode: 401 },
      }),
    ]);
  });

  it('never logs a token, a header or a body', () => {
    const text = server.output();
    expect(text).not.toContain('do-not-log-this-token');
    expect(text).not.toContain('body-marker-do-not-log');
    expect(text).not.toMatch(/authorization|idempotency-key|"headers"/i);
  });

  it("leaves Nest's route-mapping lines out at info level", () => {
    expect(
      lines.some((l) => l.context === 'RouterExplorer' || l.context === 'RoutesResolver'),
    ).toBe(false);
    expect(lines.some((l) => l.context === 'NestApplication')).toBe(true);
  });
});
