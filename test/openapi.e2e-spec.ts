import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '../apps/api/src/app.module';
import { configureApp } from '../apps/api/src/http';
import { createHttpAdapter } from '../apps/api/src/http/http-adapter';
import { setupOpenApi } from '../apps/api/src/http/openapi';

interface Operation {
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
}

interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: {
    securitySchemes: Record<string, { type: string; scheme?: string }>;
    schemas: Record<string, { properties?: Record<string, object>; required?: string[] }>;
  };
}

describe('the OpenAPI document and UI', () => {
  let app: INestApplication;
  let dir: string;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-openapi-'));
    Object.assign(process.env, { BUDGET_DATA_DIR: dir, EVENT_STORE: 'sqlite' });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = configureApp(moduleRef.createNestApplication(createHttpAdapter()));
    // As main.ts does: before init, or the routes would land behind Nest's 404 handler.
    setupOpenApi(app);
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    process.env = savedEnv;
    rmSync(dir, { recursive: true, force: true });
  });

  const document = async (): Promise<Document> => {
    const res = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    return res.body as Document;
  };

  it('serves /docs-json without a token, listing the expenditure routes', async () => {
    const { paths } = await document();

    expect(paths['/api/v1/expenditures']?.post).toBeDefined();
    expect(paths['/api/v1/expenditures/{id}/approve']?.post).toBeDefined();
  });

  it('documents bearer auth on protected routes and none on public ones', async () => {
    const { paths, components } = await document();

    expect(components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(paths['/api/v1/expenditures/{id}/approve']?.post?.security).toEqual([{ bearer: [] }]);
    expect(paths['/health']?.get?.security).toEqual([]);
  });

  it('requires an Idempotency-Key header on mutating routes only', async () => {
    const { paths } = await document();
    const idempotencyKey = (operation: Operation | undefined) =>
      operation?.parameters?.find((p) => p.in === 'header' && p.name === 'Idempotency-Key');

    expect(idempotencyKey(paths['/api/v1/expenditures']?.post)).toMatchObject({ required: true });
    expect(idempotencyKey(paths['/api/v1/expenditures/{id}/approve']?.post)).toMatchObject({
      required: true,
    });
    expect(idempotencyKey(paths['/api/v1/audit/verify']?.get)).toBeUndefined();
  });

  it('describes request bodies from the DTOs validation rules', async () => {
    const { paths, components } = await document();
    const body = paths['/api/v1/expenditures']?.post?.requestBody?.content['application/json'];

    expect(body?.schema.$ref).toBe('#/components/schemas/ProposeExpenditureDto');
    const schema = components.schemas.ProposeExpenditureDto;
    expect(schema?.properties?.amount).toMatchObject({
      type: 'string',
      pattern: '^(0|[1-9]\\d*)$',
    });
    expect(schema?.properties?.effectiveDate).toMatchObject({ type: 'string', format: 'date' });
    expect(schema?.properties?.category).toMatchObject({
      enum: expect.arrayContaining(['travel_allowance', 'training']),
    });
    expect(schema?.required).toEqual(
      expect.arrayContaining(['budgetLineId', 'amount', 'category', 'effectiveDate']),
    );
    expect(schema?.required).not.toContain('voucher');
  });

  it('serves the UI at /docs without a token, every asset from this server', async () => {
    const server = app.getHttpServer();
    const page = await request(server).get('/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);

    const html = page.text;
    const assets = [...html.matchAll(/(?:src|href)=["']([^"']+)["']/g)].map((m) => m[1] ?? '');
    expect(assets).toEqual(
      expect.arrayContaining([
        './docs/swagger-ui-bundle.js',
        './docs/swagger-ui-init.js',
        './docs/swagger-ui.css',
      ]),
    );
    expect(html).not.toMatch(/(?:src|href)=["'](?:https?:)?\/\//);
    for (const asset of assets) {
      await request(server).get(asset.replace(/^\./, '')).expect(200);
    }
  });
});
