import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { bearerToken } from '../auth/bearer-token';
import { ProblemException } from './problem';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WINDOW_MS = 60_000;

/**
 * A fixed-window limit on mutating requests under /api, per bearer token (or per address
 * without one): a flood from one client cannot crowd out the others. In memory, per
 * process — each API replica limits on its own. BUDGET_RATE_LIMIT_PER_MINUTE (default
 * 600; 0 turns it off).
 */
export function mutationRateLimit(perMinute: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return (req: Request, res: Response, next: NextFunction): void => {
    if (perMinute <= 0 || !MUTATING.has(req.method) || !req.path.startsWith('/api/')) return next();
    // Keyed on the token as the one header parser reads it: rewriting the scheme
    // (`bearer`, `BEARER`, a tab) is the same caller.
    const token = bearerToken(req.headers.authorization);
    const who = token
      ? createHash('sha256').update(token).digest('hex').slice(0, 32)
      : `ip:${req.ip ?? ''}`;
    const now = Date.now();
    const window = windows.get(who);
    if (!window || now - window.start >= WINDOW_MS) {
      windows.set(who, { start: now, count: 1 });
      if (windows.size > 10_000)
        for (const [k, w] of windows) if (now - w.start >= WINDOW_MS) windows.delete(k);
      return next();
    }
    window.count++;
    if (window.count <= perMinute) return next();
    const retryAfter = Math.ceil((window.start + WINDOW_MS - now) / 1000);
    res.setHeader('Retry-After', String(retryAfter));
    // Through the exception filter, so the refusal is answered and logged like any other.
    next(
      new ProblemException(429, 'HTTP.TOO_MANY_REQUESTS', {
        vi: `Quá nhiều yêu cầu ghi: tối đa ${perMinute} mỗi phút; thử lại sau ${retryAfter} giây`,
        en: `Too many writes: at most ${perMinute} a minute; retry in ${retryAfter} s`,
      }),
    );
  };
}
