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
import type { Role } from '../../../../libs/budgeting/src/shared/actor';
import { PUBLIC_KEY, ROLES_KEY } from '../auth/auth.decorators';
import { IDEMPOTENCY_HEADER } from '../idempotency/idempotency.interceptor';
import { describeDto } from './openapi-dto-schemas';
import { PROBLEM_CONTENT_TYPE } from './problem';

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
      const isPublic = reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets);
      if (isPublic) {
        operation.security = [];
        continue;
      }
      operation.security = [{ [BEARER_SCHEME]: [] }];
      const responses = operation.responses;
      responses['401'] ??= problemResponse(
        'Thiếu hoặc sai mã truy cập / Missing or invalid bearer token (AUTH.UNAUTHENTICATED)',
      );
      const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
      if (roles && roles.length > 0) {
        const who = `Vai trò / Roles: ${roles.join(', ')}`;
        operation.description = operation.description ? `${operation.description}\n\n${who}` : who;
        responses['403'] ??= problemResponse(
          `Vai trò không được phép / Role not allowed (AUTH.ROLE_FORBIDDEN); only: ${roles.join(', ')}`,
        );
      }
      if (MUTATING.has(method) && isUnderApi(path)) {
        const parameters = operation.parameters ?? [];
        const has = parameters.some(
          (p) => 'in' in p && p.in === 'header' && p.name.toLowerCase() === 'idempotency-key',
        );
        if (!has) parameters.push(IDEMPOTENCY_PARAMETER);
        operation.parameters = parameters;
        responses['400'] ??= problemResponse(
          'Yêu cầu không hợp lệ, mọi lỗi được liệt kê / Invalid request, every problem listed (VALIDATION.FAILED, IDEMPOTENCY.KEY_REQUIRED…)',
        );
        responses['422'] ??= problemResponse(
          'Idempotency-Key đã dùng cho yêu cầu khác, hoặc quy tắc nghiệp vụ bị vi phạm / Idempotency-Key reused with another body, or a business rule refused it',
        );
      }
    }
  }
}

/**
 * Fills the request body schemas SwaggerModule left empty (DTOs carry class-validator
 * decorators, not @ApiProperty) and adds the DTOs nested in them.
 */
function describeBodies(document: OpenAPIObject, app: INestApplication): void {
  const schemas = (document.components ??= {}).schemas ?? {};
  document.components.schemas = schemas;
  const queue: Type[] = [];
  const named = new Map<string, Type>();
  const ref = (dto: Type): string => {
    if (!named.has(dto.name)) {
      named.set(dto.name, dto);
      queue.push(dto);
    }
    return `#/components/schemas/${dto.name}`;
  };
  for (const { controller, method } of routeHandlers(app).values()) {
    const types: unknown = Reflect.getMetadata(
      'design:paramtypes',
      controller.prototype as object,
      method,
    );
    for (const type of Array.isArray(types) ? (types as unknown[]) : []) {
      const existing = typeof type === 'function' ? schemas[type.name] : undefined;
      const empty =
        existing && 'type' in existing && Object.keys(existing.properties ?? {}).length === 0;
      if (empty) ref(type as Type);
    }
  }
  for (let dto = queue.shift(); dto; dto = queue.shift()) {
    const schema = describeDto(dto, ref);
    if (schema) schemas[dto.name] = schema;
  }
}

/** The OpenAPI document of the app's routes, completed with auth and idempotency. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Sổ cái ngân sách CTMTQG — budget ledger API')
    .setDescription(
      'Sổ cái ghi sự kiện kinh phí sự nghiệp của chương trình mục tiêu quốc gia. Số tiền là chuỗi số nguyên đồng ("378000000"); ngày YYYY-MM-DD; lỗi là application/problem+json với mã ổn định. / Event-sourced ledger of a national target program\'s recurrent funds. Amounts are strings of whole đồng; dates YYYY-MM-DD; errors are application/problem+json with a stable code. Tokens come from `budget users add`.',
    )
    .setVersion('1')
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
  describeBodies(document, app);
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
export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const document = createOpenApiDocument(app);
  const options: SwaggerCustomOptions = {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'Sổ cái ngân sách CTMTQG — API',
    swaggerOptions: { persistAuthorization: false, validatorUrl: null },
  };
  SwaggerModule.setup(OPENAPI_UI_PATH, app as NestExpressApplication, document, options);
  return document;
}
