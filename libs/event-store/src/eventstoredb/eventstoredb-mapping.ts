import { jsonEvent, type EventData, type Position } from '@eventstore/db-client';
import type { EventMetadata, JsonObject, NewEvent, RecordedEvent } from '../event';
import { CorruptEventError, InvalidEventError } from '../errors';
import { hashEvent } from '../hashing';
import { encodePosition, isKnownPosition } from './eventstoredb-position';

/** Streams of the checkpoint store (see eventstoredb-checkpoint-store.ts), hidden from the log. */
export const CHECKPOINT_STREAM_PREFIX = 'budget-checkpoint-';

/** Keys the adapter adds next to the writer's metadata in ESDB's metadata field. */
const RESERVED_METADATA_KEYS = ['schemaVersion', 'previousHash', 'hash'];

/** An event as the client returns it, from a stream read, an $all read or a subscription. */
export interface EsdbRecord {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: Position | undefined;
}

/** The last event of a stream, which the next event's previousHash names. */
export interface ChainTip {
  readonly revision: bigint;
  readonly hash: string;
}

/** JSON.parse gives plain objects; the client gives a string or bytes for anything else. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Refuses what this adapter could not store faithfully: metadata keys it adds itself
 * (typed callers cannot write them; stored flat, they would be overwritten) and the
 * checkpoint streams' prefix (such a stream would be hidden from readAll).
 */
export function checkStorable(streamId: string, events: readonly NewEvent[]): void {
  if (streamId.startsWith(CHECKPOINT_STREAM_PREFIX)) {
    throw new InvalidEventError(
      `stream id prefix ${CHECKPOINT_STREAM_PREFIX} is reserved: ${streamId}`,
    );
  }
  events.forEach((event, index) => {
    const clash = RESERVED_METADATA_KEYS.find((key) => key in event.metadata);
    if (clash) {
      throw new InvalidEventError(
        `event ${index} of the batch for ${streamId}: metadata.${clash} is reserved by the store`,
      );
    }
  });
}

/**
 * The ESDB events of a batch. The writer's metadata is stored as SQLite stores it, plus
 * the schema version and the hash chain (format v3 of hashing.ts, like the SQLite
 * adapter's): the hash covers recordedAt, so it is set here.
 */
export function toEventData(
  streamId: string,
  events: readonly NewEvent[],
  tip: ChainTip | null,
  recordedAt: string,
): EventData[] {
  let previousHash = tip ? tip.hash : null;
  let revision = tip ? tip.revision : -1n;
  return events.map((event) => {
    revision++;
    const metadata: EventMetadata = { ...event.metadata, recordedAt };
    const hash = hashEvent({ ...event, streamId, revision, metadata, previousHash });
    const stored = { ...metadata, schemaVersion: event.schemaVersion, previousHash, hash };
    previousHash = hash;
    return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: stored });
  });
}

/**
 * True for events written by this store. System events and streams ($…), the checkpoint
 * streams and foreign events (written by other tools, so without our hash metadata)
 * are not part of the ledger and are skipped by every read.
 */
export function isLedgerEvent(record: EsdbRecord): boolean {
  if (record.streamId.startsWith('$') || record.type.startsWith('$')) return false;
  if (record.streamId.startsWith(CHECKPOINT_STREAM_PREFIX)) return false;
  return isPlainObject(record.metadata) && typeof record.metadata.hash === 'string';
}

/** The event's $all position as one bigint; stream reads carry it on servers newer than 22.6. */
export function positionOf(record: EsdbRecord): bigint {
  if (isKnownPosition(record.position)) return encodePosition(record.position);
  throw new Error(
    `EventStoreDB gave no log position for event ${record.id} of ${record.streamId}: ` +
      'this adapter needs a server that reports positions on stream reads (newer than 22.6)',
  );
}

/** The hash a new event must name as previousHash after `record`. */
export function chainHashOf(record: EsdbRecord): string {
  const metadata = record.metadata;
  if (isPlainObject(metadata) && typeof metadata.hash === 'string') return metadata.hash;
  throw new CorruptEventError(
    positionOf(record),
    `is the last event of ${record.streamId} but carries no hash (not written by this store), so the chain cannot continue`,
  );
}

/** Decodes one of our events; null for anything isLedgerEvent skips. */
export function toRecordedEvent(record: EsdbRecord): RecordedEvent | null {
  if (!isLedgerEvent(record)) return null;
  const position = positionOf(record);
  const { schemaVersion, previousHash, hash, ...metadata } = record.metadata as Record<
    string,
    unknown
  >;
  if (!record.isJson || !isPlainObject(record.data)) {
    throw new CorruptEventError(position, 'data is not a JSON object');
  }
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion)) {
    throw new CorruptEventError(position, 'metadata.schemaVersion is not an integer');
  }
  if (previousHash !== null && typeof previousHash !== 'string') {
    throw new CorruptEventError(position, 'metadata.previousHash is neither a hash nor null');
  }
  return {
    id: record.id,
    streamId: record.streamId,
    revision: record.revision,
    position,
    type: record.type,
    schemaVersion,
    data: record.data as JsonObject,
    metadata: metadata as unknown as EventMetadata,
    previousHash,
    hash: hash as string,
  };
}
