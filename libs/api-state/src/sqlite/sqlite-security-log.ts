import Database from 'better-sqlite3';
import { openStateDatabase } from './open-state-database';
import { SecurityLog, boundedRefusal, type Refusal } from '../security-log/security-log';

/** The security log in `<data>/security.sqlite`: triggers refuse UPDATE and DELETE. */
export class SqliteSecurityLog extends SecurityLog {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<unknown[]>;
  private readonly latest: Database.Statement<[number], Refusal & { repeated: number }>;

  constructor(file: string) {
    super();
    this.db = openStateDatabase(file, {
      // The log's durability was SQLite's default (FULL) before it had its own opener.
      synchronous: 'FULL',
      schema: `
      CREATE TABLE IF NOT EXISTS refusals (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL, user_id TEXT, role TEXT, method TEXT NOT NULL, path TEXT NOT NULL,
        status INTEGER NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL, ip TEXT,
        repeated INTEGER NOT NULL DEFAULT 0
      );
      CREATE TRIGGER IF NOT EXISTS refusals_append_only_u BEFORE UPDATE ON refusals
      BEGIN SELECT RAISE(ABORT, 'the security log is append-only'); END;
      CREATE TRIGGER IF NOT EXISTS refusals_append_only_d BEFORE DELETE ON refusals
      BEGIN SELECT RAISE(ABORT, 'the security log is append-only'); END;
    `,
      // A file from before refusals were aggregated has no `repeated` column yet.
      addedColumns: [
        {
          table: 'refusals',
          column: 'repeated',
          add: 'ALTER TABLE refusals ADD COLUMN repeated INTEGER NOT NULL DEFAULT 0',
        },
      ],
    });
    this.insert = this.db.prepare(
      'INSERT INTO refusals (at, user_id, role, method, path, status, code, reason, ip, repeated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.latest = this.db.prepare<[number], Refusal & { repeated: number }>(
      'SELECT at, user_id AS userId, role, method, path, status, code, reason, ip, repeated FROM refusals ORDER BY seq DESC LIMIT ?',
    );
  }

  async record(refusal: Refusal): Promise<void> {
    const r = boundedRefusal(refusal);
    this.insert.run(
      r.at,
      r.userId,
      r.role,
      r.method,
      r.path,
      r.status,
      r.code,
      r.reason,
      r.ip,
      r.repeated ?? 0,
    );
  }

  async recent(limit = 100): Promise<Refusal[]> {
    return (this.latest.all(limit) as (Refusal & { repeated: number })[]).map(
      ({ repeated, ...r }) => (repeated > 0 ? { ...r, repeated } : r),
    );
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
