import Database from 'better-sqlite3';
import { openStateDatabase } from './open-state-database';
import { TurnTransaction } from './turn-transaction';
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_IDEMPOTENCY_LEASE_MS,
  IdempotencyStore,
  type BeginOutcome,
  type IdempotencyStoreOptions,
} from '../idempotency/idempotency-store';

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

/**
 * Idempotency records in `idempotency.sqlite`. The primary key makes a concurrent
 * duplicate (from this process or another sharing the file) find the claim and wait its
 * turn instead of running the handler twice.
 *
 * `synchronous = NORMAL`: in WAL mode a power cut may lose the last few commits (never
 * corrupt the file). What is lost is at worst the record of a request whose events are
 * already in the log, which is at `FULL` and written first. The client's retry then runs
 * the command again, and that is a no-op: every handler takes its command id from the
 * Idempotency-Key (apps/api/src/shared-context.ts), `executeOnStream`
 * (libs/application/src/command-executor.ts) derives each event's id from (key, stream,
 * index) and, finding the first one already in the stream, appends nothing and answers
 * `replayed`; the ids of what a command creates (an expenditure, a transfer) derive from
 * (user, key) too. POST /audit/checkpoints, the one mutating route not built on it, signs
 * only events not checkpointed yet, so a rerun adds nothing for what it already covered.
 * What a lost record does cost: the retry's answer is rebuilt rather than the first one
 * repeated (the same ids and position; the `events` of a replay may be fewer), and a key
 * reused for a different body is no longer refused 422 (on the same stream it is answered
 * as a replay, elsewhere it runs as a new command). Neither records anything twice.
 */
export class SqliteIdempotencyStore extends IdempotencyStore {
  private readonly db: Database.Database;
  private readonly leaseMs: number;
  private readonly statements;
  private readonly turn: TurnTransaction;

  constructor(
    readonly file: string,
    options: IdempotencyStoreOptions = {},
  ) {
    super();
    this.leaseMs = options.leaseMs ?? DEFAULT_IDEMPOTENCY_LEASE_MS;
    this.db = openStateDatabase(file, { synchronous: 'NORMAL', schema: SCHEMA });
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
    this.turn = new TurnTransaction(this.db);
  }

  async begin(
    userId: string,
    key: string,
    requestHash: string,
    now: Date = new Date(),
  ): Promise<BeginOutcome> {
    // Under the write lock (IMMEDIATE) before reading, so two processes cannot both take
    // over a key; the claims and answers of one turn share that transaction and its commit.
    return this.turn.run(() => this.beginInTx(userId, key, requestHash, now));
  }

  /** Inserts the record of a new key: started, or null when the key has one already. */
  private claim(userId: string, key: string, requestHash: string, now: Date): BeginOutcome | null {
    const attempt = randomUUID();
    const inserted = this.statements.insert.run(
      userId,
      key,
      requestHash,
      attempt,
      now.toISOString(),
    );
    return inserted.changes === 1 ? { kind: 'started', attempt } : null;
  }

  async complete(
    userId: string,
    key: string,
    attempt: string,
    status: number,
    body: unknown,
    now: Date = new Date(),
  ): Promise<void> {
    const json = body === undefined ? null : JSON.stringify(body);
    const at = now.toISOString();
    await this.turn.run(() => {
      this.statements.complete.run(status, json, at, userId, key, attempt);
    });
  }

  async abandon(userId: string, key: string, attempt: string): Promise<void> {
    await this.turn.run(() => {
      this.statements.abandon.run(userId, key, attempt);
    });
  }

  async close(): Promise<void> {
    // What was asked before closing is written (or refused) before the connection goes.
    if (this.db.open) this.turn.flush();
    if (this.db.open) this.db.close();
  }

  private beginInTx(userId: string, key: string, requestHash: string, now: Date): BeginOutcome {
    // The usual case, a new key: the insert claims it (the primary key lets one of two in).
    const claimed = this.claim(userId, key, requestHash, now);
    if (claimed) return claimed;
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
      const attempt = randomUUID();
      this.statements.takeOver.run(attempt, now.toISOString(), userId, key, row.attempt);
      return { kind: 'started', attempt };
    }
    return { kind: 'in_progress' };
  }
}
