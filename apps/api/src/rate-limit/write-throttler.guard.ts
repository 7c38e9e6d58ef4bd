import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import { PUBLIC_KEY, getAuthenticated } from '../auth/auth.decorators';
import { tooManyRequests } from './too-many-requests';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * BUDGET_RATE_LIMIT_PER_MINUTE: writes per signed-in user a minute, counted across every
 * route and every replica (the storage is the API's shared state). It runs after the
 * AuthGuard on the matched route, so the user is the one the token names, however the
 * header was spelled (`bearer`, tabs…) and whatever the path's case; requests that fail
 * to authenticate are the SignInLimiter's.
 */
@Injectable()
export class WriteThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (!MUTATING.has(req.method)) return true;
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    // A protected route reached with nobody signed in would mean this guard ran before the
    // AuthGuard, and would count nothing: fail loudly rather than limit nobody.
    if (!getAuthenticated(req)) throw new Error('WriteThrottlerGuard ran before AuthGuard');
    return this.throttlers.every((t) => (typeof t.limit === 'number' ? t.limit : 1) <= 0);
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const user = getAuthenticated(req as unknown as Request);
    return `user:${user?.actor.userId ?? ''}`;
  }

  /** One bucket per user for every route (the default key is per route). */
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    return createHash('sha256').update(`${name}:${tracker}`).digest('hex');
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw tooManyRequests(
      { vi: 'yêu cầu ghi', en: 'writes' },
      detail.limit,
      detail.timeToBlockExpire,
    );
  }
}
