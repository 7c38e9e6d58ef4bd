import { HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ProblemException } from './problem';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Any spelling of the prefix: routing is case-sensitive, protections need not rely on it. */
function isApi(path: string): boolean {
  const lower = path.toLowerCase();
  return lower === '/api' || lower.startsWith('/api/');
}

/** Ledger answers are personal and change with every entry: no cache keeps them. */
export function noStoreForApi(req: Request, res: Response, next: NextFunction): void {
  if (isApi(req.path)) res.setHeader('Cache-Control', 'no-store');
  next();
}

/**
 * The API speaks JSON only. A body of another type (a form, text) would reach the
 * handler as an empty object and be refused field by field; say what is wrong instead.
 */
export function jsonBodiesOnly(req: Request, _res: Response, next: NextFunction): void {
  // req.is() is null when the request has no body, false when its type does not match.
  if (
    WITH_BODY.has(req.method) &&
    isApi(req.path) &&
    req.is(['application/json', '+json']) === false
  ) {
    next(
      new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'HTTP.UNSUPPORTED_MEDIA_TYPE', {
        vi: 'Định dạng nội dung không được hỗ trợ, hãy gửi JSON (Content-Type: application/json)',
        en: 'Unsupported media type, send JSON (Content-Type: application/json)',
      }),
    );
    return;
  }
  next();
}
