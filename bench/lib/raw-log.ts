/**
 * The baseline every append is compared with: the same `events` table (the adapter's own
 * schema SQL), the same pragmas (WAL, synchronous=FULL, busy timeout, safe integers),
 * one prepared INSERT, one BEGIN IMMEDIATE … COMMIT per batch — and nothing else.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  hashEvent,
  type EventMetadata,
  type HashedContent,
  type JsonObject,
  type NewEvent,
} from '@app/event-store';
import { SCHEMA_SQL } from '../../libs/event-store/src/sqlite/schema';

export interface RawRow {
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
  readonly previousHash: string | null;
  readonly hash: string;
}

export function tempDir(prefix = 'bench-'): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openRawLog(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('busy_timeout = 30000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.defaultSafeIntegers(true);
  db.exec(SCHEMA_SQL);
  return db;
}

const INSERT = `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, previous_hash, hash)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * Appends rows whose values (hashes included) were computed beforehand, serialising data
 * and metadata to JSON text at insert time as any store must: one transaction per
 * batch, one prepared statement.
 */
export function rawAppender(db: Database.Database): (rows: readonly RawRow[]) => void {
  const insert = db.prepare(INSERT);
  const batch = db.transaction((rows: readonly RawRow[]) => {
    for (const r of rows) {
      insert.run(
        r.eventId,
        r.streamId,
        r.revision,
        r.type,
        r.schemaVersion,
        JSON.stringify(r.data),
        JSON.stringify(r.metadata),
        r.previousHash,
        r.hash,
      );
    }
  });
  return (rows) => batch.immediate(rows);
}

export interface PlannedBatch {
  readonly streamId: string;
  /** Revision of the batch's first event. */
  readonly firstRevision: bigint;
  readonly events: readonly NewEvent[];
}

/**
 * Raw inserts of new events, serialising data and metadata at insert time (as any store
 * must), with or without computing the hash chain: the hash-chain benchmark's two sides.
 */
export function rawEventAppender(
  db: Database.Database,
  withHash: boolean | ((content: HashedContent) => string),
  recordedAt: string,
): (batch: PlannedBatch) => void {
  const hasher = typeof withHash === 'function' ? withHash : hashEvent;
  const insert = db.prepare(INSERT);
  const tips = new Map<string, string | null>();
  const run = db.transaction((batch: PlannedBatch) => {
    let previousHash = tips.get(batch.streamId) ?? null;
    let revision = batch.firstRevision;
    for (const event of batch.events) {
      const metadata: EventMetadata = { ...event.metadata, recordedAt };
      const hash = withHash
        ? hasher({ ...event, streamId: batch.streamId, revision, metadata, previousHash })
        : '';
      insert.run(
        event.id,
        batch.streamId,
        revision,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data),
        JSON.stringify(metadata),
        withHash ? previousHash : null,
        hash,
      );
      previousHash = hash;
      revision++;
    }
    tips.set(batch.streamId, previousHash);
  });
  return (batch) => run.immediate(batch);
}

/** The rows the adapter would write for these batches (hashes computed here, outside timing). */
export function rowsOf(batches: readonly PlannedBatch[], recordedAt: string): RawRow[][] {
  const tips = new Map<string, string | null>();
  return batches.map((batch) => {
    let previousHash = tips.get(batch.streamId) ?? null;
    let revision = batch.firstRevision;
    const rows = batch.events.map((event) => {
      const metadata: EventMetadata = { ...event.metadata, recordedAt };
      const hash = hashEvent({
        ...event,
        streamId: batch.streamId,
        revision,
        metadata,
        previousHash,
      });
      const row: RawRow = {
        eventId: event.id,
        streamId: batch.streamId,
        revision,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata,
        previousHash,
        hash,
      };
      previousHash = hash;
      revision++;
      return row;
    });
    tips.set(batch.streamId, previousHash);
    return rows;
  });
}
