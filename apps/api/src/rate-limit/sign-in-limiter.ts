import type { Request, Response } from 'express';
import type { RateLimitStorage } from '@app/api-state';
import { tooManyRequests } from './too-many-requests';

const WINDOW_MS = 60_000;

/**
 * BUDGET_ADDRESS_LIMIT_PER_MINUTE: failed sign-ins per client address a minute — a bad,
 * missing or revoked bearer token on a protected route, a refused dashboard sign-in — on
 * the storage every replica shares. Past the limit the refusal is 429 instead of 401 until
 * the window ends, so junk tokens cannot be tried (nor fill the security log) at will;
 * a valid token from the same address still works (a district office shares one address).
 */
export class SignInLimiter {
  constructor(
    private readonly storage: RateLimitStorage,
    private readonly perMinute: number,
  ) {}

  /** Counts a failed sign-in; throws 429 (with Retry-After) once the address is over its limit. */
  async refused(req: Request, res: Response): Promise<void> {
    if (this.perMinute <= 0) return;
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const count = await this.storage.increment(
      `address:${address}`,
      WINDOW_MS,
      this.perMinute,
      0,
      'sign-in',
    );
    if (!count.isBlocked) return;
    res.setHeader('Retry-After', String(count.timeToBlockExpire));
    throw tooManyRequests(
      { vi: 'lần đăng nhập không thành công', en: 'failed sign-ins' },
      this.perMinute,
      count.timeToBlockExpire,
    );
  }
}
