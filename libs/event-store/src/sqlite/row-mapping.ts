import type { EventMetadata, JsonObject, RecordedEvent } from '../event';
import { CorruptEventError } from '../errors';

export interface EventRow {
  position: bigint;
  event_id: string;
  stream_id: string;
  revision: bigint;
  type: string;
  schema_version: bigint;
  data: string;
  metadata: string;
  previous_hash: string | null;
  hash: string;
}

function parseObject(text: unknown, position: bigint, column: string): Record<string, unknown> {
  if (typeof text !== 'string') throw new CorruptEventError(position, `${column} is not text`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CorruptEventError(position, `${column} is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CorruptEventError(position, `${column} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** Decodes a row; anything that cannot be decoded was changed outside the store. */
export function rowToEvent(row: EventRow): RecordedEvent {
  const position = row.position;
  if (typeof row.revision !== 'bigint' || typeof row.schema_version !== 'bigint') {
    throw new CorruptEventError(position, 'revision or schema version is not an integer');
  }
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position,
    type: row.type,
    schemaVersion: Number(row.schema_version),
    data: parseObject(row.data, position, 'data') as JsonObject,
    metadata: parseObject(row.metadata, position, 'metadata') as unknown as EventMetadata,
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
