import type Database from 'better-sqlite3';
import { jsonString } from '../canonical-json';
import type { EncodedEvent } from '../encoding';
import type { AppendResult, ExpectedRevision } from '../event';
import { IdempotencyConflictError } from '../errors';
import { chainedHash } from '../hashing';
import { checkExpectedRevision, resolveReappend, type CommittedEvent } from '../idempotency';
import type { KnownTips } from './known-tips';

/**
 * Rows per INSERT statement. One statement of many rows binds and steps once where one
 * row per statement crosses into SQLite once per event: measured on the events table
 * with synchronous=OFF (SQLite's own work only), 7.6 µs a row one by one, 6.0–6.1 µs a
 * row 20 or 50 at a time. 50 × 9 values stays far below SQLite's 32,766 bound variables;
 * one statement per row count is prepared on first use and kept.
 */
const ROWS_PER_INSERT = 50;
const COLUMNS = 9;

/**
 * Whether an append of this many events is a single INSERT statement: SQLite undoes a
 * failed statement whole, so such an append needs no savepoint of its own in a group.
 */
export function isOneStatement(events: number): boolean {
  return events <= ROWS_PER_INSERT;
}

/**
 * The part of an append that runs under the write lock: the stream's tip, idempotency,
 * the expected revision, the recorded time and each event's hash (format v3: one SHA-256
 * over the chain members and the text encoded before), and the inserts. Everything that
 * can be computed without the lock (validation, encoding) was done before.
 */
export class SqliteAppender {
  private readonly tip: Database.Statement<[string], { revision: bigint; hash: string }>;
  private readonly findById: Database.Statement<[string], { stream_id: string; revision: bigint }>;
  private readonly committedFrom: Database.Statement<[string, bigint, number], CommittedEvent>;
  private readonly inserts = new Map<number, Database.Statement<unknown[]>>();

  constructor(
    private readonly db: Database.Database,
    private readonly clock: () => Date,
    private readonly tips: KnownTips,
  ) {
    this.tip = db.prepare(
      'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    );
    this.findById = db.prepare('SELECT stream_id, revision FROM events WHERE event_id = ?');
    this.committedFrom = db.prepare(
      `SELECT event_id AS id, revision, position FROM events
       WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    );
  }

  /** Must run inside a write transaction: nothing else can append until it ends. */
  appendLocked(
    streamId: string,
    batch: readonly EncodedEvent[],
    expected: ExpectedRevision,
  ): AppendResult {
    const tip = this.tips.tipInTransaction(streamId) ?? this.tip.get(streamId);
    const current = tip ? tip.revision : null;
    const first = batch[0];
    if (!first) throw new Error('unreachable: validated batch is not empty');
    const existing = this.findById.get(first.id);
    if (existing) {
      if (existing.stream_id !== streamId) {
        throw new IdempotencyConflictError(
          streamId,
          first.id,
          `is already committed in stream ${existing.stream_id}`,
        );
      }
      const committed = this.committedFrom.all(streamId, existing.revision, batch.length);
      return resolveReappend(streamId, expected, batch, committed, current ?? -1n);
    }
    checkExpectedRevision(streamId, expected, current);
    // Taken under the lock, so recorded times rise with positions ("known at" queries).
    const recordedAt = this.clock().toISOString();
    const recordedAtJson = jsonString(recordedAt);
    const recordedMember = `"recordedAt":${recordedAtJson}}`;
    let previousHash = tip ? tip.hash : null;
    // The previous hash as a JSON string: a hash computed here ("v3:" and hex) needs no escaping.
    let previousJson = previousHash === null ? 'null' : jsonString(previousHash);
    let revision = current ?? -1n;
    let position = 0n;
    for (let start = 0; start < batch.length; start += ROWS_PER_INSERT) {
      const end = Math.min(batch.length, start + ROWS_PER_INSERT);
      const values: unknown[] = new Array<unknown>((end - start) * COLUMNS);
      let v = 0;
      for (let i = start; i < end; i++) {
        const event = batch[i] as EncodedEvent;
        revision++;
        const hash = chainedHash(previousJson, revision, recordedAtJson, event.tail);
        const metadata = event.metadataJson;
        values[v++] = event.id;
        values[v++] = streamId;
        values[v++] = revision;
        values[v++] = event.type;
        values[v++] = event.schemaVersion;
        values[v++] = event.dataJson;
        // The writer's canonical metadata with the recorded time as its last member.
        values[v++] =
          metadata.length > 2 ? `${metadata.slice(0, -1)},${recordedMember}` : `{${recordedMember}`;
        values[v++] = previousHash;
        values[v++] = hash;
        previousHash = hash;
        previousJson = `"${hash}"`;
      }
      try {
        position = this.insert(end - start).run(values).lastInsertRowid as bigint;
      } catch (error) {
        throw this.explain(error, streamId, batch.slice(start, end));
      }
    }
    if (previousHash !== null) this.tips.written(streamId, { revision, hash: previousHash });
    return { nextExpectedRevision: revision, position };
  }

  private insert(rows: number): Database.Statement<unknown[]> {
    let statement = this.inserts.get(rows);
    if (!statement) {
      const row = `(${new Array<string>(COLUMNS).fill('?').join(', ')})`;
      statement = this.db.prepare(
        `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, previous_hash, hash)
         VALUES ${new Array<string>(rows).fill(row).join(', ')}`,
      );
      this.inserts.set(rows, statement);
    }
    return statement;
  }

  /**
   * A unique violation means an event id of the batch is committed already (the tip and
   * the first id were checked under the same lock, so it is a partial re-append or an id
   * taken elsewhere). A multi-row INSERT does not say which row: look the ids up.
   */
  private explain(error: unknown, streamId: string, chunk: readonly EncodedEvent[]): unknown {
    // By code, not instanceof: a second copy of the module (Jest workers) has its own class.
    if ((error as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_UNIQUE') return error;
    const taken = chunk.find((event) => this.findById.get(event.id) !== undefined);
    if (!taken) return error;
    return new IdempotencyConflictError(
      streamId,
      taken.id,
      'is already committed (partial re-append)',
    );
  }
}
