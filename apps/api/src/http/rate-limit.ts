import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE } from './problem';

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
    const auth = req.headers.authorization ?? '';
    const who = auth
      ? createHash('sha256').update(auth).digest('hex').slice(0, 32)
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
    res.status(429).setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    res.send(
      JSON.stringify({
        type: 'urn:budget-ledger:problem:HTTP.TOO_MANY_REQUESTS',
        title: 'Too Many Requests',
        status: 429,
        code: 'HTTP.TOO_MANY_REQUESTS',
        message: {
          vi: `Quá nhiều yêu cầu ghi: tối đa ${perMinute} mỗi phút; thử lại sau ${retryAfter} giây`,
          en: `Too many writes: at most ${perMinute} a minute; retry in ${retryAfter} s`,
        },
        detail: `Too many writes: at most ${perMinute} a minute`,
      }),
    );
  };
}
