import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The first answer to each (user, Idempotency-Key), in its own SQLite file
 * (`idempotency.sqlite`): answers are bookkeeping of the HTTP edge, not ledger facts, so
 * they stay out of the event log and apart from the credentials.
 *
 * A row is inserted as `in_progress` before the handler runs; the primary key makes a
 * concurrent duplicate (from this process or another sharing the file) find it and wait
 * its turn instead of running the handler twice.
 */

export type BeginOutcome =
  | { readonly kind: 'started'; readonly attempt: string }
  | { readonly kind: 'replay'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'in_progress' }
  | { readonly kind: 'key_reused' };

interface Row {
  request_hash: string;
  state: 'in_progress' | 'done';
  attempt: string;
  status: number | null;
  body: string | null;
  started_at: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS idempotency (
  user_id      TEXT NOT NULL,
  key          TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('in_progress', 'done')),
  attempt      TEXT NOT NULL,
  status       INTEGER NULL,
  body         TEXT NULL,
  started_at   TEXT NOT NULL,
  completed_at TEXT NULL,
  PRIMARY KEY (user_id, key)
) WITHOUT ROWID;
`;

export interface IdempotencyStoreOptions {
  /**
   * How long an `in_progress` row holds its key. A process that died mid-request leaves
   * one behind; after the lease a retry may run again. Safe because command handlers
   * derive event ids from the key, so the event store drops a second append of the same
   * events.
   */
  readonly leaseMs?: number;
}

export class IdempotencyStore {
  private readonly db: Database.Database;
  private readonly leaseMs: number;
  private readonly statements;
  private readonly beginTx: Database.Transaction<
    (userId: string, key: string, requestHash: string, now: Date) => BeginOutcome
  >;

  constructor(
    readonly file: string,
    options: IdempotencyStoreOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.statements = {
      insert: this.db.prepare(`
        INSERT INTO idempotency (user_id, key, request_hash, state, attempt, started_at)
        VALUES (?, ?, ?, 'in_progress', ?, ?)
        ON CONFLICT (user_id, key) DO NOTHING`),
      get: this.db.prepare<[string, string], Row>(
        'SELECT request_hash, state, attempt, status, body, started_at FROM idempotency WHERE user_id = ? AND key = ?',
      ),
      takeOver: this.db.prepare(`
        UPDATE idempotency SET attempt = ?, started_at = ?
        WHERE user_id = ? AND key = ? AND state = 'in_progress' AND attempt = ?`),
      complete: this.db.prepare(`
        UPDATE idempotency SET state = 'done', status = ?, body = ?, completed_at = ?
        WHERE user_id = ? AND key = ? AND state = 'in_progress' AND attempt = ?`),
      abandon: this.db.prepare(`
        DELETE FROM idempotency
        WHERE user_id = ? AND key = ? AND state = 'in_progress' AND attempt = ?`),
    };
    this.beginTx = this.db.transaction(
      (userId: string, key: string, requestHash: string, now: Date) =>
        this.beginInTx(userId, key, requestHash, now),
    );
  }

  /**
   * Claims the key for this request, or says why not: the stored answer to replay, another
   * request with the key still running, or the key already used for a different request.
   */
  begin(userId: string, key: string, requestHash: string, now: Date = new Date()): BeginOutcome {
    // IMMEDIATE: take the write lock before reading, so two processes cannot both claim.
    return this.beginTx.immediate(userId, key, requestHash, now);
  }

  /** Records the final answer of the attempt that claimed the key. */
  complete(
    userId: string,
    key: string,
    attempt: string,
    status: number,
    body: unknown,
    now: Date = new Date(),
  ): void {
    const json = body === undefined ? null : JSON.stringify(body);
    this.statements.complete.run(status, json, now.toISOString(), userId, key, attempt);
  }

  /** Frees the key (no final answer: a server fault or a refusal before the handler ran). */
  abandon(userId: string, key: string, attempt: string): void {
    this.statements.abandon.run(userId, key, attempt);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private beginInTx(userId: string, key: string, requestHash: string, now: Date): BeginOutcome {
    const attempt = randomUUID();
    const inserted = this.statements.insert.run(
      userId,
      key,
      requestHash,
      attempt,
      now.toISOString(),
    );
    if (inserted.changes === 1) return { kind: 'started', attempt };
    const row = this.statements.get.get(userId, key);
    if (!row) throw new Error('idempotency row vanished inside its transaction');
    if (row.request_hash !== requestHash) return { kind: 'key_reused' };
    if (row.state === 'done') {
      return {
        kind: 'replay',
        status: row.status ?? 200,
        body: row.body === null ? undefined : (JSON.parse(row.body) as unknown),
      };
    }
    const stale = now.getTime() - Date.parse(row.started_at) > this.leaseMs;
    if (stale) {
      this.statements.takeOver.run(attempt, now.toISOString(), userId, key, row.attempt);
      return { kind: 'started', attempt };
    }
    return { kind: 'in_progress' };
  }
}
