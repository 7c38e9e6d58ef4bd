import { createParamDecorator, type ExecutionContext, HttpStatus } from '@nestjs/common';
import type { Request } from 'express';
import { ApiParam, type ApiParamOptions } from '@nestjs/swagger';
import { ProblemException } from './problem';

const YEAR = /^\d{4}$/;
const UNIT = /^[A-Z0-9_-]{2,40}$/;

function refused(field: string, vi: string, en: string): ProblemException {
  return new ProblemException(HttpStatus.BAD_REQUEST, 'VALIDATION.FAILED', { vi, en }, [
    { field, code: 'VALIDATION.PATH_PARAMETER', message: { vi, en } },
  ]);
}

/** The raw text of a path parameter: read before any pipe turns "1e3" into 1000. */
function raw(ctx: ExecutionContext, name: string): string {
  const value: unknown = ctx.switchToHttp().getRequest<Request>().params[name];
  return typeof value === 'string' ? value : '';
}

/** Declares the path parameter in the OpenAPI document, as @Param would have. */
function documented(options: ApiParamOptions) {
  return (target: object, key: string | symbol | undefined): void => {
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor) ApiParam(options)(target, key, descriptor);
  };
}

/**
 * A fiscal year in the path, `:year`: four digits, 2000–2100. A decorator, not a pipe: the
 * global validation pipe would already have read "1e3" as 1000 and "2024.0" as 2024.
 */
export const FiscalYearParam = createParamDecorator(
  (name: string | undefined, ctx: ExecutionContext): number => {
    const text = raw(ctx, name ?? 'year');
    const year = YEAR.test(text) ? Number(text) : NaN;
    if (!(year >= 2000 && year <= 2100)) {
      throw refused(
        'year',
        `year: năm ngân sách phải là 4 chữ số từ 2000 đến 2100, nhận "${text.slice(0, 20)}"`,
        `year: a fiscal year is four digits from 2000 to 2100, got "${text.slice(0, 20)}"`,
      );
    }
    return year;
  },
  [
    documented({
      name: 'year',
      description: 'năm ngân sách / fiscal year (2000–2100)',
      schema: { type: 'integer', minimum: 2000, maximum: 2100, example: 2024 },
    }),
  ],
);

/** A spending unit's code in the path, `:unit` (LDTBXH). */
export const UnitParam = createParamDecorator(
  (name: string | undefined, ctx: ExecutionContext): string => {
    const text = raw(ctx, name ?? 'unit');
    if (!UNIT.test(text)) {
      throw refused(
        'unit',
        'unit: mã đơn vị gồm 2–40 chữ in hoa, chữ số, "_" hoặc "-"',
        'unit: a unit code is 2–40 capitals, digits, "_" or "-"',
      );
    }
    return text;
  },
  [
    documented({
      name: 'unit',
      description: 'mã đơn vị / unit code',
      schema: { type: 'string', pattern: '^[A-Z0-9_-]{2,40}$', example: 'LDTBXH' },
    }),
  ],
);
