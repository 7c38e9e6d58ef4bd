import Database from 'better-sqlite3';
import { openStateDatabase } from './open-state-database';
import {
  windowCount,
  type RateLimitStorage,
  type WindowCount,
} from '../rate-limits/rate-limit-storage';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rate_limits (
  key          TEXT PRIMARY KEY,
  hits         INTEGER NOT NULL,
  window_ends  INTEGER NOT NULL
) WITHOUT ROWID;
`;

/**
 * Rate-limit windows in `rate-limits.sqlite`, shared by the processes that share the data
 * folder. A count lost to a power cut (synchronous = NORMAL) only lets a client a few
 * requests more.
 */
export class SqliteRateLimits implements RateLimitStorage {
  private readonly db: Database.Database;
  private readonly count: (
    key: string,
    ttl: number,
    now: number,
  ) => { hits: number; window_ends: number };
  private calls = 0;

  constructor(file: string) {
    this.db = openStateDatabase(file, { synchronous: 'NORMAL', schema: SCHEMA });
    const upsert = this.db.prepare<
      [{ key: string; ends: number; now: number }],
      { hits: number; window_ends: number }
    >(
      `INSERT INTO rate_limits (key, hits, window_ends) VALUES (@key, 1, @ends)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN window_ends <= @now THEN 1 ELSE hits + 1 END,
         window_ends = CASE WHEN window_ends <= @now THEN excluded.window_ends ELSE window_ends END
       RETURNING hits, window_ends`,
    );
    const sweep = this.db.prepare<[number]>('DELETE FROM rate_limits WHERE window_ends <= ?');
    this.count = (key, ttl, now) => {
      // Windows that ended are swept now and then, so the table holds live keys only.
      if (++this.calls % 1000 === 0) sweep.run(now);
      const row = upsert.get({ key, ends: now + ttl, now });
      if (!row) throw new Error('rate limit: no row returned');
      return row;
    };
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _block: number,
    name: string,
  ): Promise<WindowCount> {
    const now = Date.now();
    const row = this.count(`${name}:${key}`, ttl, now);
    return windowCount(row.hits, row.window_ends, limit, now);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
