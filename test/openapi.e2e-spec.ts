import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppModule } from '@app/api';
import { configureApp } from '@app/api';
import { createHttpAdapter } from '@app/api';
import { setupOpenApi } from '@app/api';
import { METADATA_FILE, generatePluginMetadata } from '@app/api';
import { readFileSync } from 'node:fs';

interface Operation {
  summary?: string;
  responses: Record<
    string,
    { content?: Record<string, { schema?: { $ref?: string; type?: string } }> }
  >;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
}

interface Document {
  servers?: { url: string }[];
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
    Object.assign(process.env, { BUDGET_DATA_DIR: dir, EVENT_STORE: 'sqlite', LOG_LEVEL: 'error' });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = configureApp(moduleRef.createNestApplication(createHttpAdapter()));
    // As main.ts does: before init, or the routes would land behind Nest's 404 handler.
    await setupOpenApi(app);
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

  it('gives every operation a summary, a success schema and its refusals as problem+json', async () => {
    const { paths } = await document();
    const operations = Object.entries(paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ at: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(28);
    for (const { at, op } of operations) {
      expect({ at, summary: op.summary?.length ?? 0 }).toEqual({ at, summary: expect.any(Number) });
      expect(op.summary).toBeTruthy();
      const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
      expect({ at, success: success.length }).toEqual({ at, success: 1 });
      const json = success[0]?.[1].content?.['application/json']?.schema;
      expect({ at, schema: Boolean(json?.$ref ?? json?.type) }).toEqual({ at, schema: true });
      for (const [status, response] of Object.entries(op.responses)) {
        if (!status.startsWith('4') || at.includes('/health')) continue;
        expect({ at, status, media: Object.keys(response.content ?? {}) }).toEqual({
          at,
          status,
          media: ['application/problem+json'],
        });
      }
    }
    const approve = paths['/api/v1/expenditures/{id}/approve']?.post;
    expect(Object.keys(approve?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409', '415', '422', '429']),
    );
  });

  it('describes the year-end list of open advances (GET /advances)', async () => {
    const { paths, components } = await document();
    const schema =
      paths['/api/v1/advances']?.get?.responses['200']?.content?.['application/json']?.schema;
    expect(schema?.$ref).toBe('#/components/schemas/OpenAdvancesAnswerDto');
    expect(Object.keys(components.schemas.OpenAdvanceDto?.properties ?? {})).toEqual(
      expect.arrayContaining(['expenditureId', 'paidOn', 'paid', 'settled', 'recovered', 'open']),
    );
  });

  it('declares the query parameters, the downloads and a server', async () => {
    const { paths, servers } = await document();
    const query = (path: string) =>
      (paths[path]?.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(query('/api/v1/budget-lines')).toEqual(
      expect.arrayContaining(['fiscalYear', 'asOf', 'knownAt', 'minPosition', 'format']),
    );
    expect(query('/api/v1/approvals')).toEqual(expect.arrayContaining(['approver', 'document']));
    expect(query('/api/v1/reports/disbursement')).toEqual(
      expect.arrayContaining(['fiscalYear', 'asOf', 'knownAt', 'format']),
    );
    const fiscalYear = paths['/api/v1/reports/disbursement']?.get?.parameters?.find(
      (p) => p.name === 'fiscalYear',
    );
    expect(fiscalYear).toMatchObject({ required: true });
    const download = paths['/api/v1/reports/disbursement']?.get?.responses['200']?.content ?? {};
    expect(Object.keys(download)).toEqual([
      'application/json',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/pdf',
    ]);
    expect(servers?.[0]?.url).toMatch(/^http:\/\/localhost:\d+$/);
  });

  it('is built from swagger plugin metadata that matches the code (npm run openapi:metadata)', async () => {
    expect(await generatePluginMetadata()).toBe(readFileSync(METADATA_FILE, 'utf8'));
  }, 180_000);

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
