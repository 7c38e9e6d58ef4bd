/**
 * The baseline every append is compared with: the same `events` table (the adapter's own
 * schema SQL), the same pragmas (WAL, synchronous=FULL, busy timeout, safe integers),
 * one prepared INSERT, one BEGIN IMMEDIATE … COMMIT per batch — and nothing else.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from 'node:crypto';
import {
  chainedHash,
  chainHash,
  encodeBatch,
  encodeJson,
  encodeMetadataInput,
  hashEvent,
  hashEventV1,
  withRecordedAt,
  type EncodedEvent,
  type EventMetadata,
  type JsonObject,
  type NewEvent,
} from '@app/event-store';
import { SCHEMA_SQL } from '@app/event-store';

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

/** `cpuOnly` (synchronous=OFF, no fsync; or pass ':memory:') measures the code apart from the disk. */
export function openRawLog(file: string, cpuOnly = false): Database.Database {
  const db = new Database(file);
  db.pragma('busy_timeout = 30000');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${cpuOnly ? 'OFF' : 'FULL'}`);
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
 * How the hash-chain benchmark's sides hash:
 * - `none`: no hash; data and metadata serialised with JSON.stringify at insert time;
 * - `canonical`: no hash, but the store's own path without its hashing: data and metadata
 *   encoded to the canonical JSON the store keeps (`encodeJson`) before the lock, then
 *   inserted;
 * - `v3`: the store's own way (libs/event-store, hash format v3): each event encoded once
 *   to canonical JSON before BEGIN IMMEDIATE (`encodeBatch`: the stored texts and the
 *   hashed tail), and under the lock ONE SHA-256 per event over the chain members and
 *   that tail (`chainedHash`);
 * - `v2`: the format before, for reference: the same encoding, a content digest per event
 *   before the lock, and a chain step (a second SHA-256 over previous hash, revision,
 *   recorded time and digest) under it;
 * - `v1`: the first format, for reference: `hashEventV1` (canonical JSON of the whole event
 *   + SHA-256) per event under the lock, and JSON.stringify again for the stored text;
 * - `stored`, the step between `canonical` and `v3`, to tell what the chain's cost is made
 *   of: `canonical` storing two constant hashes of the real length (what keeping them costs;
 *   the rest is hashing).
 */
export type Hashing = 'none' | 'canonical' | 'stored' | 'v1' | 'v2' | 'v3';

/** A hash as long as a real one ("v3:" and 64 hex digits), for the side that only stores one. */
const CONSTANT_HASH = `v3:${'0'.repeat(64)}`;

/** Raw inserts of new events, one prepared INSERT per row, with the chosen hashing. */
export function rawEventAppender(
  db: Database.Database,
  hashing: Hashing,
  recordedAt: string,
): (batch: PlannedBatch) => void {
  const insert = db.prepare(INSERT);
  const tips = new Map<string, string | null>();
  const plain = db.transaction((batch: PlannedBatch) => {
    const chain = hashing === 'v1';
    let previousHash = chain ? (tips.get(batch.streamId) ?? null) : null;
    let revision = batch.firstRevision;
    for (const event of batch.events) {
      const metadata: EventMetadata = { ...event.metadata, recordedAt };
      const streamId = batch.streamId;
      const hash = chain
        ? hashEventV1({ ...event, streamId, revision, metadata, previousHash })
        : '';
      insert.run(
        event.id,
        batch.streamId,
        revision,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data),
        JSON.stringify(metadata),
        previousHash,
        hash,
      );
      if (chain) previousHash = hash;
      revision++;
    }
    if (chain) tips.set(batch.streamId, previousHash);
  });
  const recordedAtJson = JSON.stringify(recordedAt);
  const chained = db.transaction(
    (batch: PlannedBatch, encoded: readonly EncodedEvent[], digests: readonly string[]) => {
      let previousHash = tips.get(batch.streamId) ?? null;
      let revision = batch.firstRevision;
      encoded.forEach((event, i) => {
        const hash =
          hashing === 'v2'
            ? chainHash(previousHash, revision, recordedAt, digests[i] as string)
            : chainedHash(
                previousHash === null ? 'null' : `"${previousHash}"`,
                revision,
                recordedAtJson,
                event.tail,
              );
        insert.run(
          event.id,
          batch.streamId,
          revision,
          event.type,
          event.schemaVersion,
          event.dataJson,
          withRecordedAt(event.metadataJson, recordedAt),
          previousHash,
          hash,
        );
        previousHash = hash;
        revision++;
      });
      tips.set(batch.streamId, previousHash);
    },
  );
  const unhashed = db.transaction((batch: PlannedBatch, encoded: readonly string[][]) => {
    let revision = batch.firstRevision;
    batch.events.forEach((event, i) => {
      const [data, metadata] = encoded[i] ?? [];
      insert.run(
        event.id,
        batch.streamId,
        revision,
        event.type,
        event.schemaVersion,
        data,
        withRecordedAt(metadata ?? '{}', recordedAt),
        hashing === 'stored' && revision > 0n ? CONSTANT_HASH : null,
        hashing === 'stored' ? CONSTANT_HASH : '',
      );
      revision++;
    });
  });
  switch (hashing) {
    case 'none':
    case 'v1':
      return (batch) => plain.immediate(batch);
    case 'canonical':
    case 'stored':
      return (batch) =>
        unhashed.immediate(
          batch,
          batch.events.map((e) => [encodeJson(e.data), encodeMetadataInput(e.metadata)]),
        );
    case 'v3':
      return (batch) => chained.immediate(batch, encodeBatch(batch.streamId, batch.events), []);
    case 'v2':
      return (batch) => {
        // v2's content digests, before the lock (its stored text and hashed text were one).
        const encoded = encodeBatch(batch.streamId, batch.events);
        const digests = encoded.map((e) => hash('sha256', `[${e.tail}`, 'hex'));
        chained.immediate(batch, encoded, digests);
      };
  }
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
