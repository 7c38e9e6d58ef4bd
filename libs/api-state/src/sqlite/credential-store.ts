import Database from 'better-sqlite3';
import type { Actor, Authority } from '@app/budgeting';
import {
  TOKEN_SHAPE,
  checkUserInput,
  hashToken,
  isRole,
  newToken,
  type AuthenticatedUser,
  type StoredUser,
  type UserInput,
} from '../credentials/users';
import { openStateDatabase, type AddedColumn } from './open-state-database';
import { VerifiedTokens } from './verified-tokens';

/**
 * Users and their bearer tokens, in their own SQLite file (`auth.sqlite`).
 *
 * Why not in the event log: the log is immutable and hash-chained, so a secret written
 * there could never be removed, and every replica, export and audit copy would carry it.
 * The log records only the user id (and the authority an approval was signed under);
 * tokens live here, as SHA-256 hashes, and can be revoked.
 *
 * Synchronous, for the embedded deployment and the tools and tests that run on it; the
 * API itself reaches it through the asynchronous `Credentials` port (SqliteCredentials),
 * which MongoCredentials also implements for API replicas on several machines.
 */

interface UserRow {
  id: string;
  name: string;
  role: string;
  unit: string | null;
  person_id: string | null;
  capacity: string | null;
  title: string | null;
  program_parts: string;
  units: string;
  valid_from: string | null;
  valid_to: string | null;
  active: number;
  created_at: string;
}

/** A user found by one of their tokens, with that token's expiry. */
interface TokenUserRow extends UserRow {
  token_expires_at: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL,
  unit          TEXT NULL,
  capacity      TEXT NULL,
  title         TEXT NULL,
  program_parts TEXT NOT NULL DEFAULT '[]',
  units         TEXT NOT NULL DEFAULT '[]',
  valid_from    TEXT NULL,
  valid_to      TEXT NULL,
  active        INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  token_hash TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NULL,
  revoked_at TEXT NULL
);
CREATE INDEX IF NOT EXISTS tokens_by_user ON tokens(user_id);
`;

const ADDED_COLUMNS: readonly AddedColumn[] = [
  { table: 'users', column: 'person_id', add: 'ALTER TABLE users ADD COLUMN person_id TEXT NULL' },
];

function stringArray(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
}

export class CredentialStore {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly verified: VerifiedTokens;

  /** Opens (and creates) the credential database at `file`, e.g. `<dataDir>/auth.sqlite`. */
  constructor(readonly file: string) {
    this.db = openStateDatabase(file, {
      synchronous: 'FULL',
      foreignKeys: true,
      schema: SCHEMA,
      addedColumns: ADDED_COLUMNS,
    });
    this.statements = {
      upsertUser: this.db.prepare(`
        INSERT INTO users (id, name, role, unit, person_id, capacity, title, program_parts,
                           units, valid_from, valid_to, active, created_at)
        VALUES (@id, @name, @role, @unit, @personId, @capacity, @title, @programParts,
                @units, @validFrom, @validTo, @active, @createdAt)
        ON CONFLICT (id) DO UPDATE SET
          name = excluded.name, role = excluded.role, unit = excluded.unit,
          person_id = excluded.person_id,
          capacity = excluded.capacity, title = excluded.title,
          program_parts = excluded.program_parts, units = excluded.units,
          valid_from = excluded.valid_from, valid_to = excluded.valid_to,
          active = excluded.active`),
      getUser: this.db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
      listUsers: this.db.prepare<[], UserRow>('SELECT * FROM users ORDER BY created_at, id'),
      insertToken: this.db.prepare(
        'INSERT INTO tokens (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      ),
      userByToken: this.db.prepare<[string, string], TokenUserRow>(`
        SELECT u.*, t.expires_at AS token_expires_at FROM tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = ?
          AND t.revoked_at IS NULL
          AND (t.expires_at IS NULL OR t.expires_at > ?)
          AND u.active = 1`),
      revokeToken: this.db.prepare(
        'UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL',
      ),
      revokeUserTokens: this.db.prepare(
        'UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL',
      ),
    };
    const dataVersion = this.db.prepare<[], number>('PRAGMA data_version').pluck();
    this.verified = new VerifiedTokens(() => dataVersion.get());
  }

  /** The stored form of a token (see hashToken). */
  static hashToken(token: string): string {
    return hashToken(token);
  }

  /** Creates or updates a user (its creation time is kept). */
  upsertUser(user: UserInput, now: Date = new Date()): void {
    checkUserInput(user);
    this.verified.forget();
    const authority = user.authority ?? null;
    this.statements.upsertUser.run({
      id: user.id,
      name: user.name,
      role: user.role,
      unit: user.unit ?? null,
      personId: user.personId ?? null,
      capacity: authority?.capacity ?? null,
      title: authority?.title ?? null,
      programParts: JSON.stringify(authority?.programParts ?? []),
      units: JSON.stringify(authority?.units ?? []),
      validFrom: authority?.validFrom ?? null,
      validTo: authority?.validTo ?? null,
      active: user.active === false ? 0 : 1,
      createdAt: now.toISOString(),
    });
  }

  getUser(id: string): StoredUser | null {
    const row = this.statements.getUser.get(id);
    return row ? this.toStoredUser(row) : null;
  }

  listUsers(): StoredUser[] {
    return this.statements.listUsers.all().map((row) => this.toStoredUser(row));
  }

  /**
   * Issues a new bearer token for the user and returns it in plain text: the only time it
   * exists outside the holder's hands. Only its hash is stored.
   */
  issueToken(userId: string, expiresAt: Date | null = null, now: Date = new Date()): string {
    if (!this.statements.getUser.get(userId)) throw new Error(`Unknown user "${userId}"`);
    const token = newToken();
    this.statements.insertToken.run(
      CredentialStore.hashToken(token),
      userId,
      now.toISOString(),
      expiresAt?.toISOString() ?? null,
    );
    return token;
  }

  /**
   * The user a token belongs to, or null when the token is unknown, revoked, expired or
   * its user inactive. Looked up by hash, so comparing takes no secret-dependent time.
   */
  authenticate(token: string, now: Date = new Date()): AuthenticatedUser | null {
    if (!TOKEN_SHAPE.test(token)) return null;
    return this.authenticateHash(CredentialStore.hashToken(token), now);
  }

  /** As authenticate, by the token's hash (what a dashboard session keeps). */
  authenticateHash(tokenHash: string, now: Date = new Date()): AuthenticatedUser | null {
    // Unchanged file since this token was last found live: the same answer (VerifiedTokens).
    const known = this.verified.get(tokenHash, now);
    if (known) return known;
    const row = this.statements.userByToken.get(tokenHash, now.toISOString());
    if (!row || !isRole(row.role)) return null;
    const user = this.toAuthenticated(row);
    this.verified.remember(tokenHash, user, row.token_expires_at);
    return user;
  }

  /** Revokes one token by its hash. Returns whether a live token was revoked. */
  revokeToken(tokenHash: string, now: Date = new Date()): boolean {
    this.verified.forget();
    return this.statements.revokeToken.run(now.toISOString(), tokenHash).changes > 0;
  }

  /** Revokes every live token of a user; returns how many. */
  revokeUserTokens(userId: string, now: Date = new Date()): number {
    this.verified.forget();
    return this.statements.revokeUserTokens.run(now.toISOString(), userId).changes;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private toAuthenticated(row: UserRow): AuthenticatedUser {
    if (!isRole(row.role)) throw new Error(`User ${row.id} has an unknown role "${row.role}"`);
    const actor: Actor = {
      userId: row.id,
      name: row.name,
      role: row.role,
      unit: row.unit,
      ...(row.person_id ? { personId: row.person_id } : {}),
    };
    const authority: Authority | null =
      row.capacity === null
        ? null
        : {
            capacity: row.capacity,
            title: row.title ?? '',
            programParts: stringArray(row.program_parts),
            units: stringArray(row.units),
            validFrom: row.valid_from,
            validTo: row.valid_to,
          };
    return { actor, authority };
  }

  private toStoredUser(row: UserRow): StoredUser {
    return { ...this.toAuthenticated(row), active: row.active === 1, createdAt: row.created_at };
  }
}
