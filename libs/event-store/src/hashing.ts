import { createHash } from 'node:crypto';
import type { EventMetadata, JsonObject } from './event';

/**
 * The fields an event's hash covers. Position is left out on purpose: EventStoreDB
 * assigns it after the client has computed the hash. Order within the log is still
 * protected, because each event names the hash of its predecessor in the stream and
 * its own revision.
 */
export interface HashedContent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
  readonly previousHash: string | null;
}

/**
 * JSON with object keys sorted and undefined members dropped, so equal content gives
 * equal bytes whatever order the writer built the object in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('non-finite number cannot be hashed');
    return JSON.stringify(value);
  }
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`cannot hash a value of type ${typeof value}`);
}

/** Version tag of the encoding, so that a future change of encoding can be told apart. */
const HASH_ENCODING = 'budget-event-v1';

export function hashEvent(content: HashedContent): string {
  return createHash('sha256')
    .update(HASH_ENCODING)
    .update('\n')
    .update(
      canonicalJson({
        id: content.id,
        streamId: content.streamId,
        revision: content.revision,
        type: content.type,
        schemaVersion: content.schemaVersion,
        data: content.data,
        metadata: content.metadata,
        previousHash: content.previousHash,
      }),
    )
    .digest('hex');
}
