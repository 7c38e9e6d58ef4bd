import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Refusal {
  readonly at: string;
  readonly userId: string | null;
  readonly role: string | null;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly code: string;
  readonly reason: string;
  readonly ip: string | null;
}

/**
 * Every refused request — who, what, why — in `<data>/security.sqlite`, append-only
 * (triggers refuse UPDATE and DELETE), for the people who watch access. Kept apart from
 * the event log: a refusal changed nothing in the books.
 */
export class SecurityLog {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<unknown[]>;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS refusals (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL, user_id TEXT, role TEXT, method TEXT NOT NULL, path TEXT NOT NULL,
        status INTEGER NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL, ip TEXT
      );
      CREATE TRIGGER IF NOT EXISTS refusals_append_only_u BEFORE UPDATE ON refusals
      BEGIN SELECT RAISE(ABORT, 'the security log is append-only'); END;
      CREATE TRIGGER IF NOT EXISTS refusals_append_only_d BEFORE DELETE ON refusals
      BEGIN SELECT RAISE(ABORT, 'the security log is append-only'); END;
    `);
    this.insert = this.db.prepare(
      'INSERT INTO refusals (at, user_id, role, method, path, status, code, reason, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
  }

  record(r: Refusal): void {
    this.insert.run(
      r.at,
      r.userId,
      r.role,
      r.method,
      r.path.slice(0, 500),
      r.status,
      r.code,
      r.reason.slice(0, 1000),
      r.ip,
    );
  }

  recent(limit = 100): Refusal[] {
    const rows = this.db
      .prepare(
        'SELECT at, user_id AS userId, role, method, path, status, code, reason, ip FROM refusals ORDER BY seq DESC LIMIT ?',
      )
      .all(limit) as Refusal[];
    return rows;
  }

  close(): void {
    this.db.close();
  }
}
