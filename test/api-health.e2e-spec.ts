import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../apps/api/src/app.module';

describe('API over HTTP', () => {
  let app: INestApplication;
  let dir: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-api-'));
    process.env.BUDGET_DATA_DIR = dir;
    process.env.EVENT_STORE = 'sqlite';
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication();
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports health green with the event log up', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', eventLog: { status: 'up', headPosition: null } });
  });

  it('verifies an empty log as intact', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/audit/verify').expect(200);
    expect(res.body).toMatchObject({ ok: true, eventsChecked: 0 });
  });
});
