import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { deterministicUuid } from '@app/application';
import { getAuthenticated } from '../auth/auth.decorators';

const KEY = Symbol('budget:idempotency-key');
type WithKey = Request & { [KEY]?: string };

export function setIdempotencyKey(req: Request, key: string): void {
  (req as WithKey)[KEY] = key;
}

export function getIdempotencyKey(req: Request): string | undefined {
  return (req as WithKey)[KEY];
}

/**
 * The command id of a request: its Idempotency-Key scoped to the user, the matched route
 * and its target (the path's parameters). Event ids and the ids of what a command creates
 * derive from it, so two users, or two routes, or two targets sending the same key can
 * never be taken for a retry of each other: each is recorded as its own command.
 */
export function scopedCommandId(req: Request, userId: string, key: string): string {
  const route: unknown = (req.route as { path?: unknown } | undefined)?.path;
  const params = Object.entries(req.params ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  return deterministicUuid(
    'http',
    userId,
    req.method,
    typeof route === 'string' ? route : req.path,
    JSON.stringify(params),
    key,
  );
}

/**
 * The request's command id (see scopedCommandId), from the Idempotency-Key the
 * interceptor validated and claimed for this user.
 */
export const CommandKey = createParamDecorator((_data: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<Request>();
  const key = getIdempotencyKey(req);
  const user = getAuthenticated(req);
  if (key === undefined || !user) {
    throw new Error('@CommandKey() used on a route the idempotency interceptor does not cover');
  }
  return scopedCommandId(req, user.actor.userId, key);
});
