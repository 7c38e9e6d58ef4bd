import type { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  DocumentBuilder,
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  type ResponseObject,
  type SchemaObject,
  type SwaggerCustomOptions,
  SwaggerModule,
} from '@nestjs/swagger';
import type { Role } from '@app/budgeting';
import { PUBLIC_KEY, ROLES_KEY } from '../auth/auth.decorators';
import { IDEMPOTENCY_HEADER } from '../idempotency/idempotency.interceptor';
import { getMetadataStorage } from 'class-validator';
import { BUDGET_CONFIG, type BudgetConfig } from '@app/config';
import loadMetadata from '../openapi-metadata.generated';
import { PROBLEM_CONTENT_TYPE } from '../http/problem';

/** Where the UI and the document are served, as the contract names them. */
export const OPENAPI_UI_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs-json';
export const BEARER_SCHEME = 'bearer';

const MUTATING = new Set(['post', 'put', 'patch', 'delete']);
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** The interceptor's key shape (idempotency.interceptor.ts). */
const IDEMPOTENCY_KEY_PATTERN = '^[A-Za-z0-9_.:-]{1,200}$';

const PROBLEM_SCHEMA: SchemaObject = {
  type: 'object',
  description:
    'RFC 9457 problem details with a stable code and the message in Vietnamese and English',
  required: ['type', 'title', 'status', 'code', 'message', 'detail'],
  properties: {
    type: { type: 'string', example: 'urn:budget-ledger:problem:BUDGET.LINE_OVERDRAWN' },
    title: { type: 'string', example: 'Conflict' },
    status: { type: 'integer', example: 409 },
    code: { type: 'string', example: 'BUDGET.LINE_OVERDRAWN' },
    message: {
      type: 'object',
      required: ['vi', 'en'],
      properties: { vi: { type: 'string' }, en: { type: 'string' } },
    },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      description: 'every problem of the request, for 400 VALIDATION.FAILED',
      items: {
        type: 'object',
        properties: {
          field: { type: 'string', example: 'amount' },
          code: { type: 'string', example: 'VALIDATION.AMOUNT' },
          message: {
            type: 'object',
            properties: { vi: { type: 'string' }, en: { type: 'string' } },
          },
        },
      },
    },
    details: { type: 'object', additionalProperties: { type: 'string' } },
  },
};

function problemResponse(description: string): ResponseObject {
  return {
    description,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
  };
}

const IDEMPOTENCY_PARAMETER: ParameterObject = {
  name: IDEMPOTENCY_HEADER,
  in: 'header',
  required: true,
  description:
    'Khóa duy nhất cho mỗi thao tác (ví dụ một UUID): gửi lại cùng khóa và cùng nội dung trả lại câu trả lời đầu tiên, không ghi thêm gì; cùng khóa với nội dung khác: 422. / A unique key per operation (e.g. a UUID): the same key with the same body returns the first answer and records nothing new; with another body, 422.',
  schema: {
    type: 'string',
    pattern: IDEMPOTENCY_KEY_PATTERN,
    example: '9b2c6f0e-4c1a-4f59-9d0a-2f4e7f1b8a31',
  },
};

interface RouteHandler {
  readonly controller: Type;
  readonly method: string;
  readonly handler: (...args: unknown[]) => unknown;
}

/**
 * The controller method behind each operation id. Swagger names operations
 * `<Controller>_<method>` (the factory below pins that), so the document can be
 * completed from the same metadata the AuthGuard reads.
 */
function routeHandlers(app: INestApplication): Map<string, RouteHandler> {
  const handlers = new Map<string, RouteHandler>();
  for (const module of app.get(ModulesContainer, { strict: false }).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        handlers.set(operationId(controller.name, name), {
          controller,
          method: name,
          handler: handler as RouteHandler['handler'],
        });
      }
    }
  }
  return handlers;
}

function operationId(controllerKey: string, methodKey: string): string {
  return `${controllerKey}_${methodKey}`;
}

/** Reads answered from the read models wait for them (read your writes) and may time out. */
function GETS_READ_MODELS(path: string, method: string): boolean {
  return (
    method === 'get' &&
    /^\/api\/v1\/(budget-lines$|budget-lines\/\{id\}\/history|approvals|reports\/|plans\/)/.test(
      path,
    )
  );
}

function isUnderApi(path: string): boolean {
  return path === '/api/v1' || path.startsWith('/api/v1/');
}

/**
 * What decorators on DTOs cannot say, derived from the route metadata the guard and the
 * idempotency interceptor act on, so the document cannot drift from what the server does:
 * who may call (bearer token unless @Public(), roles), the Idempotency-Key header on
 * mutating routes under /api/v1, and the problem+json refusals.
 */
function completeOperations(document: OpenAPIObject, app: INestApplication): void {
  const handlers = routeHandlers(app);
  const reflector = new Reflector();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation: OperationObject | undefined = item[method];
      if (!operation) continue;
      const route = operation.operationId ? handlers.get(operation.operationId) : undefined;
      const targets = route ? [route.handler, route.controller] : [];
      const responses = operation.responses;
      const parameters = operation.parameters ?? [];
      const takesInput =
        parameters.some((p) => 'in' in p && p.in !== 'header') || !!operation.requestBody;
      if (takesInput) {
        responses['400'] ??= problemResponse(
          'Yêu cầu không hợp lệ, mọi lỗi được liệt kê / Invalid request, every problem listed (VALIDATION.FAILED, IDEMPOTENCY.KEY_REQUIRED…)',
        );
      }
      if (path.includes('{')) {
        responses['404'] ??= problemResponse('Không tìm thấy / Not found');
      }
      const isPublic = reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets);
      if (isPublic) {
        operation.security = [];
        continue;
      }
      operation.security = [{ [BEARER_SCHEME]: [] }];
      responses['401'] ??= problemResponse(
        'Thiếu hoặc sai mã truy cập / Missing or invalid bearer token (AUTH.UNAUTHENTICATED)',
      );
      responses['429'] ??= problemResponse(
        'Quá nhiều yêu cầu (ghi mỗi người dùng, đăng nhập sai mỗi địa chỉ); xem Retry-After / Too many requests (writes per user, failed sign-ins per address); see Retry-After (HTTP.TOO_MANY_REQUESTS)',
      );
      const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
      if (roles && roles.length > 0) {
        const who = `Vai trò / Roles: ${roles.join(', ')}`;
        operation.description = operation.description ? `${operation.description}\n\n${who}` : who;
        responses['403'] ??= problemResponse(
          `Vai trò không được phép / Role not allowed (AUTH.ROLE_FORBIDDEN); only: ${roles.join(', ')}`,
        );
      }
      if (!isPublic && GETS_READ_MODELS(path, method)) {
        responses['409'] ??= problemResponse(
          'Dữ liệu đọc chưa cập nhật kịp (READ_MODEL.BEHIND) / The read models have not caught up yet',
        );
      }
      if (MUTATING.has(method) && isUnderApi(path)) {
        const has = parameters.some(
          (p) => 'in' in p && p.in === 'header' && p.name.toLowerCase() === 'idempotency-key',
        );
        if (!has) parameters.push(IDEMPOTENCY_PARAMETER);
        operation.parameters = parameters;
        responses['400'] ??= problemResponse(
          'Yêu cầu không hợp lệ, mọi lỗi được liệt kê / Invalid request, every problem listed (VALIDATION.FAILED, IDEMPOTENCY.KEY_REQUIRED…)',
        );
        responses['409'] ??= problemResponse(
          'Xung đột với trạng thái sổ (vd. BUDGET.LINE_OVERDRAWN) hoặc cùng khóa đang chạy / Conflicts with the ledger (e.g. BUDGET.LINE_OVERDRAWN), or the same key still running',
        );
        responses['415'] ??= problemResponse(
          'Chỉ nhận JSON / Only JSON bodies (HTTP.UNSUPPORTED_MEDIA_TYPE)',
        );
        responses['422'] ??= problemResponse(
          'Idempotency-Key đã dùng cho yêu cầu khác, hoặc quy tắc nghiệp vụ bị vi phạm / Idempotency-Key reused with another body, or a business rule refused it',
        );
      }
    }
  }
}

/** Where the money and date rules the plugin cannot read (our own validators) are stated. */
const CUSTOM_CONSTRAINTS: Readonly<Record<string, SchemaObject>> = {
  isMoneyString: {
    type: 'string',
    pattern: '^(0|[1-9]\\d*)$',
    maxLength: 18,
    description: 'whole đồng as a decimal string, at most 999999999999999999',
    example: '378000000',
  },
  isBusinessDate: { type: 'string', format: 'date', example: '2024-03-19' },
};

/**
 * Loads the swagger plugin's metadata (generated ahead of time: see plugin-metadata.ts)
 * and returns the DTO classes it describes, by name.
 */
async function loadPluginModels(): Promise<Map<string, Type>> {
  const metadata = await loadMetadata();
  await SwaggerModule.loadPluginMetadata(() => Promise.resolve(metadata));
  const models = new Map<string, Type>();
  const entries = metadata['@nestjs/swagger'].models as unknown as [Promise<unknown>, object][];
  for (const [module, classes] of entries) {
    const exported = (await module) as Record<string, unknown>;
    for (const name of Object.keys(classes)) {
      const dto = exported[name];
      if (typeof dto === 'function') models.set(name, dto as Type);
    }
  }
  return models;
}

/**
 * The plugin reads class-validator's own decorators; the ledger's (IsMoneyString,
 * IsBusinessDate) it cannot, so their rule is added here, from the same validation
 * metadata the pipe enforces.
 */
function describeCustomConstraints(document: OpenAPIObject, models: Map<string, Type>): void {
  const schemas = document.components?.schemas ?? {};
  for (const [name, dto] of models) {
    const schema = schemas[name];
    if (!schema || !('properties' in schema) || !schema.properties) continue;
    const rules = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
    for (const rule of rules) {
      const custom = rule.name ? CUSTOM_CONSTRAINTS[rule.name] : undefined;
      const property = schema.properties[rule.propertyName];
      if (!custom || !property || '$ref' in property) continue;
      if (property.type === 'array' && property.items && !('$ref' in property.items)) {
        Object.assign(property.items, custom);
      } else Object.assign(property, custom);
    }
  }
}

/** The OpenAPI document of the app's routes, completed with auth, idempotency and refusals. */
export async function createOpenApiDocument(app: INestApplication): Promise<OpenAPIObject> {
  const models = await loadPluginModels();
  const port = app.get<BudgetConfig>(BUDGET_CONFIG, { strict: false }).port;
  const config = new DocumentBuilder()
    .setTitle('Sổ cái ngân sách CTMTQG — budget ledger API')
    .setDescription(
      'Sổ cái ghi sự kiện kinh phí sự nghiệp của chương trình mục tiêu quốc gia. Số tiền là chuỗi số nguyên đồng ("378000000"); ngày YYYY-MM-DD; lỗi là application/problem+json với mã ổn định. / Event-sourced ledger of a national target program\'s recurrent funds. Amounts are strings of whole đồng; dates YYYY-MM-DD; errors are application/problem+json with a stable code. Tokens come from `budget users add`.',
    )
    .setVersion('1')
    .setLicense('UNLICENSED', 'https://spdx.org/licenses/')
    .addServer(`http://localhost:${port}`, 'this API as `npm start` runs it (PORT)')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'bt_…',
        description: 'Mã truy cập do `budget users add` cấp / token issued by `budget users add`',
      },
      BEARER_SCHEME,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationId });
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA },
  };
  describeCustomConstraints(document, models);
  completeOperations(document, app);
  return document;
}

/**
 * Serves the document at `/docs-json` and the Swagger UI at `/docs`, both without a token:
 * SwaggerModule registers them on the HTTP adapter, outside the controllers, so the global
 * AuthGuard never runs for them. Every asset comes from swagger-ui-dist in node_modules
 * (no CDN), which the Content-Security-Policy (`script-src 'self'`) requires anyway.
 *
 * Call before `app.init()`/`app.listen()`: routes added after init land behind Nest's 404
 * handler.
 */
export async function setupOpenApi(app: INestApplication): Promise<OpenAPIObject> {
  const document = await createOpenApiDocument(app);
  const options: SwaggerCustomOptions = {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'Sổ cái ngân sách CTMTQG — API',
    swaggerOptions: { persistAuthorization: false, validatorUrl: null },
  };
  SwaggerModule.setup(OPENAPI_UI_PATH, app as NestExpressApplication, document, options);
  return document;
}
