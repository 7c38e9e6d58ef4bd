import Database from 'better-sqlite3';
import { openStateDatabase } from './open-state-database';
import { SessionStore, type StoredSession } from '../sessions/session-store';

interface Row {
  token_hash: string;
  expires_at: string;
}

/**
 * Sessions in a table of `auth.sqlite`, on a connection of their own. `synchronous =
 * NORMAL`: a session lost to a power cut only means signing in again.
 */
export class SqliteSessionStore extends SessionStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(file: string) {
    super();
    this.db = openStateDatabase(file, {
      synchronous: 'NORMAL',
      schema: `
        CREATE TABLE IF NOT EXISTS dashboard_sessions (
          id_hash    TEXT PRIMARY KEY,
          token_hash TEXT NOT NULL,
          expires_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS dashboard_sessions_by_expiry ON dashboard_sessions(expires_at);
      `,
    });
    this.statements = {
      insert: this.db.prepare(
        'INSERT INTO dashboard_sessions (id_hash, token_hash, expires_at) VALUES (?, ?, ?)',
      ),
      find: this.db.prepare<[string, string], Row>(
        'SELECT token_hash, expires_at FROM dashboard_sessions WHERE id_hash = ? AND expires_at > ?',
      ),
      delete: this.db.prepare('DELETE FROM dashboard_sessions WHERE id_hash = ?'),
      sweep: this.db.prepare('DELETE FROM dashboard_sessions WHERE expires_at <= ?'),
    };
  }

  async create(idHash: string, session: StoredSession): Promise<void> {
    // Expired sessions go when new ones come: the table stays as small as the live ones.
    this.statements.sweep.run(new Date().toISOString());
    this.statements.insert.run(idHash, session.tokenHash, session.expiresAt.toISOString());
  }

  async find(idHash: string, now: Date): Promise<StoredSession | null> {
    const row = this.statements.find.get(idHash, now.toISOString());
    return row ? { tokenHash: row.token_hash, expiresAt: new Date(row.expires_at) } : null;
  }

  async delete(idHash: string): Promise<void> {
    this.statements.delete.run(idHash);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
