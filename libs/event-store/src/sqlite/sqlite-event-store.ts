import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  AppendResult,
  EventMetadata,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from '../event';
import type {
  CheckpointStore,
  EventStore,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { IdempotencyConflictError } from '../errors';
import { hashEvent } from '../hashing';
import { checkExpectedRevision, resolveReappend, type CommittedEvent } from '../idempotency';
import { pollingSubscription } from '../polling-subscription';
import { UpcasterRegistry } from '../upcasting';
import { validateAppend } from '../validation';
import { rowToEvent, type EventRow } from './row-mapping';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema';
import { SqliteCheckpointStore } from './sqlite-checkpoint-store';

export interface SqliteEventStoreOptions {
  /** Path of the database file (created with its folder if missing). */
  readonly file: string;
  readonly upcasters?: UpcasterRegistry;
  /** Source of the recorded time; injected so tests can pin it. */
  readonly clock?: () => Date;
  /** How often a live subscription looks for events appended by other processes. */
  readonly pollIntervalMs?: number;
  /** How long an append waits for another process's write lock before failing. */
  readonly busyTimeoutMs?: number;
}

interface Statements {
  tip: Database.Statement<[string], { revision: bigint; hash: string }>;
  findById: Database.Statement<[string], { stream_id: string; revision: bigint }>;
  committedFrom: Database.Statement<[string, bigint, number], CommittedEvent>;
  insert: Database.Statement<unknown[]>;
  forwards: Database.Statement<[string, bigint, number], EventRow>;
  backwards: Database.Statement<[string, bigint, number], EventRow>;
  all: Database.Statement<[bigint, number], EventRow>;
  head: Database.Statement<[], { head: bigint | null }>;
}

const MAX_REVISION = 9_223_372_036_854_775_807n;

/**
 * The embedded event log on better-sqlite3: WAL so readers never block the writer,
 * synchronous=FULL so an acknowledged append survives a power cut, and every append in
 * one BEGIN IMMEDIATE transaction so that several processes can share the file.
 */
export class SqliteEventStore implements EventStore {
  readonly checkpoints: CheckpointStore;
  private readonly db: Database.Database;
  private readonly sql: Statements;
  private readonly upcasters: UpcasterRegistry;
  private readonly clock: () => Date;
  private readonly pollIntervalMs: number;
  private readonly waiters = new Set<() => void>();
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(options: SqliteEventStoreOptions) {
    mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 30_000}`);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.defaultSafeIntegers(true);
    this.migrate();
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.clock = options.clock ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.sql = this.prepare();
    this.checkpoints = new SqliteCheckpointStore(this.db, this.clock);
  }

  private migrate(): void {
    // Several processes may open a fresh file at once: create the schema under the write lock.
    this.db
      .transaction(() => {
        const version = Number(this.db.pragma('user_version', { simple: true }));
        if (version > SCHEMA_VERSION) {
          throw new Error(
            `Event log schema ${version} is newer than this program (${SCHEMA_VERSION})`,
          );
        }
        this.db.exec(SCHEMA_SQL);
        this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
      })
      .immediate();
  }

  private prepare(): Statements {
    const columns =
      'position, event_id, stream_id, revision, type, schema_version, data, metadata, previous_hash, hash';
    return {
      tip: this.db.prepare(
        'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      ),
      findById: this.db.prepare('SELECT stream_id, revision FROM events WHERE event_id = ?'),
      committedFrom: this.db.prepare(
        `SELECT event_id AS id, revision, position FROM events
         WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      ),
      insert: this.db.prepare(
        `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, previous_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      forwards: this.db.prepare(
        `SELECT ${columns} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      ),
      backwards: this.db.prepare(
        `SELECT ${columns} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      ),
      all: this.db.prepare(
        `SELECT ${columns} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
      ),
      head: this.db.prepare('SELECT max(position) AS head FROM events'),
    };
  }

  append(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    try {
      validateAppend(streamId, events);
      const result = this.db
        .transaction(() => this.appendLocked(streamId, events, options.expectedRevision))
        .immediate();
      this.wakeSubscribers();
      return Promise.resolve(result);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Runs inside the write lock: nothing else can append until it commits or rolls back. */
  private appendLocked(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): AppendResult {
    const tip = this.sql.tip.get(streamId);
    const current = tip ? tip.revision : null;
    const first = events[0];
    if (!first) throw new Error('unreachable: validated batch is not empty');
    const existing = this.sql.findById.get(first.id);
    if (existing) {
      if (existing.stream_id !== streamId) {
        throw new IdempotencyConflictError(
          streamId,
          first.id,
          `is already committed in stream ${existing.stream_id}`,
        );
      }
      const committed = this.sql.committedFrom.all(streamId, existing.revision, events.length);
      return resolveReappend(streamId, expected, events, committed, current ?? -1n);
    }
    checkExpectedRevision(streamId, expected, current);

    const recordedAt = this.clock().toISOString();
    let previousHash = tip ? tip.hash : null;
    let revision = current ?? -1n;
    let position = 0n;
    for (const event of events) {
      revision++;
      const metadata: EventMetadata = { ...event.metadata, recordedAt };
      const hash = hashEvent({ ...event, streamId, revision, metadata, previousHash });
      try {
        position = this.sql.insert.run(
          event.id,
          streamId,
          revision,
          event.type,
          event.schemaVersion,
          JSON.stringify(event.data),
          JSON.stringify(metadata),
          previousHash,
          hash,
        ).lastInsertRowid as bigint;
      } catch (error) {
        // By code, not instanceof: a second copy of the module (Jest workers) has its own class.
        if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new IdempotencyConflictError(
            streamId,
            event.id,
            'is already committed (partial re-append)',
          );
        }
        throw error;
      }
      previousHash = hash;
    }
    return { nextExpectedRevision: revision, position };
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const rows =
      options.direction === 'backwards'
        ? this.sql.backwards.all(streamId, options.fromRevision ?? MAX_REVISION, maxCount)
        : this.sql.forwards.all(streamId, options.fromRevision ?? 0n, maxCount);
    return Promise.resolve(this.decode(rows, options.upcast));
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    try {
      return Promise.resolve(
        this.decode(this.sql.all.all(options.after ?? 0n, options.maxCount), options.upcast),
      );
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private decode(rows: EventRow[], upcast = true): RecordedEvent[] {
    return rows.map((row) => {
      const event = rowToEvent(row);
      return upcast ? this.upcasters.upcast(event) : event;
    });
  }

  headPosition(): Promise<bigint | null> {
    return Promise.resolve(this.sql.head.get()?.head ?? null);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const subscription = pollingSubscription(
      {
        readPage: (after, maxCount) =>
          this.readAll({
            ...(after === undefined ? {} : { after }),
            maxCount,
            upcast: options.upcast ?? true,
          }),
        waitForChange: (signal) => this.waitForChange(signal),
      },
      options,
    );
    this.subscriptions.add(subscription);
    void subscription.done
      .finally(() => this.subscriptions.delete(subscription))
      .catch(() => undefined);
    return subscription;
  }

  /** Wakes on an append in this process at once, and on other processes' appends by polling. */
  private waitForChange(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', wake);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, this.pollIntervalMs);
      signal.addEventListener('abort', wake);
      this.waiters.add(wake);
    });
  }

  private wakeSubscribers(): void {
    for (const wake of [...this.waiters]) wake();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.db.close();
  }
}
