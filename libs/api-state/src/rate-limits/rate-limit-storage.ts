import type { ThrottlerStorage } from '@nestjs/throttler';

/** What @nestjs/throttler's guard reads back from a storage after counting a hit. */
export interface WindowCount {
  readonly totalHits: number;
  /** Seconds until the window ends. */
  readonly timeToExpire: number;
  readonly isBlocked: boolean;
  /** Seconds until a blocked key may try again (0 when not blocked). */
  readonly timeToBlockExpire: number;
}

/**
 * A ThrottlerStorage the API's replicas share, kept with the API's own state: SQLite
 * (`rate-limits.sqlite`, for replicas on one host) or MongoDB (`api_rate_limits`, for
 * replicas anywhere). Fixed windows: a key counts its hits from its first one until `ttl`
 * has passed; over `limit`, it is blocked for the rest of the window.
 */
export interface RateLimitStorage extends ThrottlerStorage {
  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<WindowCount>;
  close(): Promise<void>;
}

/** The record both adapters answer, from the window's hit count and end. */
export function windowCount(
  hits: number,
  windowEnds: number,
  limit: number,
  now: number,
): WindowCount {
  const timeToExpire = Math.max(0, Math.ceil((windowEnds - now) / 1000));
  const isBlocked = hits > limit;
  return {
    totalHits: hits,
    timeToExpire,
    isBlocked,
    timeToBlockExpire: isBlocked ? timeToExpire : 0,
  };
}
