import type Database from 'better-sqlite3';

/** A stream's last committed event: what the next append chains onto. */
export interface StreamTip {
  readonly revision: bigint;
  readonly hash: string;
}

/**
 * Tips remembered; past this, the least recently written are forgotten (a forgotten tip
 * costs one indexed read, never a wrong answer).
 */
const CAPACITY = 4096;

/**
 * The tips of the streams this connection appended to, trusted only while no other
 * connection has committed since they were learnt. SQLite's `PRAGMA data_version`
 * changes whenever another connection (of this process or another) commits, and never
 * for this connection's own commits; read under the write lock, nobody can commit
 * between it and our COMMIT. So with an unchanged data_version a remembered tip is the
 * stream's tip in the log, and:
 *
 * - a command's catch-up read of a stream this process just wrote (SqliteEventStore
 *   `readStream` from past the tip) is answered empty without a query;
 * - an append takes its previous hash and revision from here instead of a SELECT.
 *
 * Measured (2-core EPYC, loaded): under the write lock data_version 0.14 µs against the
 * tip SELECT's 2.4 µs; outside a transaction both open a read transaction, data_version
 * 2.5 µs against an empty catch-up read's 3.3 µs.
 *
 * Only tips known to be committed are kept: an append's tip is pending until its group's
 * COMMIT returns; a failed COMMIT, and any append made inside a transaction the caller
 * opened (which it may roll back), forgets instead.
 */
export class KnownTips {
  private readonly dataVersion: Database.Statement<[], bigint>;
  private version: bigint | null = null;
  private readonly committed = new Map<string, StreamTip>();
  /** Tips written by the current transaction, not yet committed. */
  private readonly pending = new Map<string, StreamTip>();

  constructor(db: Database.Database) {
    this.dataVersion = db.prepare<[], bigint>('PRAGMA data_version').pluck();
  }

  /** Forgets every committed tip if another connection has committed since they were learnt. */
  private checkVersion(): void {
    const version = this.dataVersion.get() as bigint;
    if (version !== this.version) {
      this.committed.clear();
      this.version = version;
    }
  }

  /** The stream's committed tip if still known to be its tip (outside a transaction). */
  committedTip(streamId: string): StreamTip | undefined {
    if (this.committed.size === 0) return undefined;
    this.checkVersion();
    return this.committed.get(streamId);
  }

  /**
   * Under the write lock: the tip as this transaction sees it, if known (its own appends
   * first, then the committed tips, checked against data_version).
   */
  tipInTransaction(streamId: string): StreamTip | undefined {
    const own = this.pending.get(streamId);
    if (own) return own;
    // Read even with nothing remembered: the version this transaction starts from is the
    // one the tips it commits are valid at.
    this.checkVersion();
    return this.committed.get(streamId);
  }

  /** Under the write lock, after the append's rows were inserted. */
  written(streamId: string, tip: StreamTip): void {
    this.pending.set(streamId, tip);
  }

  /** After the transaction's COMMIT returned: its tips are the log's. */
  committedNow(): void {
    for (const [streamId, tip] of this.pending) {
      this.committed.delete(streamId);
      this.committed.set(streamId, tip);
      if (this.committed.size > CAPACITY) {
        const oldest = this.committed.keys().next();
        if (!oldest.done) this.committed.delete(oldest.value);
      }
    }
    this.pending.clear();
  }

  /** The transaction failed, or its fate is the caller's: trust nothing it wrote. */
  forgetPending(): void {
    for (const streamId of this.pending.keys()) this.committed.delete(streamId);
    this.pending.clear();
  }

  forgetAll(): void {
    this.committed.clear();
    this.pending.clear();
  }
}
