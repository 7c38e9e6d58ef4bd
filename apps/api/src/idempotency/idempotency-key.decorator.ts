import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

const KEY = Symbol('budget:idempotency-key');
type WithKey = Request & { [KEY]?: string };

export function setIdempotencyKey(req: Request, key: string): void {
  (req as WithKey)[KEY] = key;
}

export function getIdempotencyKey(req: Request): string | undefined {
  return (req as WithKey)[KEY];
}

/**
 * The request's Idempotency-Key (validated by the interceptor). Command handlers derive
 * their event ids from it, so a retried command never appends twice.
 */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): string => {
    const key = getIdempotencyKey(ctx.switchToHttp().getRequest<Request>());
    if (key === undefined) {
      throw new Error(
        '@IdempotencyKey() used on a route the idempotency interceptor does not cover',
      );
    }
    return key;
  },
);
