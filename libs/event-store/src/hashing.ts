import { createHash, hash } from 'node:crypto';
import { encodeJson, encodeObject, jsonString } from './canonical-json';
import type { EventMetadata, EventMetadataInput, JsonObject } from './event';

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

/** Version tag of the first encoding: one SHA-256 over the whole event's canonical JSON. */
const V1_ENCODING = 'budget-event-v1';

/** Format v1, which logs written before v2 carry (a bare 64-digit hex hash). */
export function hashEventV1(content: HashedContent): string {
  return createHash('sha256')
    .update(V1_ENCODING)
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

/**
 * Format v2 hashes start with this tag, so a verifier knows which formula to apply to
 * each event: a log holds v1 events written before the change and v2 after it. Changing
 * the tag of a stored hash gains a forger nothing, since each formula is keyed by its own
 * encoding name and the hash must still match the content under the formula it names.
 */
export const HASH_V2_TAG = 'v2:';
const V2_ENCODING = 'budget-event-v2';

export function hashVersionOf(hash: string): 1 | 2 {
  return hash.startsWith(HASH_V2_TAG) ? 2 : 1;
}

/**
 * Format v2, in two steps so that the costly one runs before the write lock:
 *
 * 1. contentDigest = SHA-256 of the canonical JSON array
 *    [id, streamId, type, schemaVersion, data, metadata without recordedAt]
 *    — everything the writer gave, known before the append takes the lock; `dataJson` and
 *    `metadataJson` are the canonical texts (`encodeJson`) that are also stored, so each
 *    event is serialised once.
 * 2. hash = "v2:" + SHA-256 of the canonical JSON array
 *    ["budget-event-v2", previousHash, revision as a decimal string, recordedAt, contentDigest]
 *    — the chain step, a ~150-byte hash under the lock, where the stream's tip, the
 *    revision and the recorded time (taken from the clock under the lock, so recorded
 *    times rise with positions) are known.
 */
export function contentDigest(
  id: string,
  streamId: string,
  type: string,
  schemaVersion: number,
  dataJson: string,
  metadataJson: string,
): string {
  const prefix = contentTextPrefix(id, jsonString(streamId), type, schemaVersion);
  return contentTextDigest(`${prefix}${dataJson},${metadataJson}]`);
}

/**
 * The hashed text of step 1 up to and including the comma before `dataJson`:
 * `[id,streamId,type,schemaVersion,` (`streamIdJson` already quoted, once per batch). The
 * whole text is this, `dataJson`, a comma, `metadataJson` and `]`.
 */
export function contentTextPrefix(
  id: string,
  streamIdJson: string,
  type: string,
  schemaVersion: number,
): string {
  return `[${jsonString(id)},${streamIdJson},${jsonString(type)},${encodeJson(schemaVersion)},`;
}

/** Step 1's digest of the whole content text (`contentTextPrefix` + data, metadata). */
export function contentTextDigest(text: string): string {
  return hash('sha256', text, 'hex');
}

/**
 * Step 2 with its JSON members already quoted: `previousJson` is `null` or the previous
 * hash as a JSON string, `recordedAtJson` the recorded time as one. The appender quotes
 * the recorded time once per batch, and a hash it has just computed needs no escaping.
 */
export function chainStep(
  previousJson: string,
  revision: bigint,
  recordedAtJson: string,
  digest: string,
): string {
  return (
    HASH_V2_TAG +
    hash(
      'sha256',
      `["${V2_ENCODING}",${previousJson},"${revision}",${recordedAtJson},"${digest}"]`,
      'hex',
    )
  );
}

/**
 * The last recorded time quoted and the last hash returned: a chain is hashed event after
 * event with the same recorded time and each previous hash the one just computed, whose
 * JSON string ("v2:" and hex digits) needs no escaping.
 */
let lastRecordedAt = '';
let lastRecordedAtJson = '""';
let lastHash = '';

export function chainHash(
  previousHash: string | null,
  revision: bigint,
  recordedAt: string,
  digest: string,
): string {
  const previous =
    previousHash === null
      ? 'null'
      : previousHash === lastHash
        ? `"${previousHash}"`
        : jsonString(previousHash);
  if (recordedAt !== lastRecordedAt) {
    lastRecordedAtJson = jsonString(recordedAt);
    lastRecordedAt = recordedAt;
  }
  lastHash = chainStep(previous, revision, lastRecordedAtJson, digest);
  return lastHash;
}

/** The metadata the writer gave, canonical, without the store's `recordedAt`. */
export function encodeMetadataInput(metadata: EventMetadataInput | EventMetadata): string {
  return encodeObject(metadata as unknown as Record<string, unknown>, 'metadata', 'recordedAt');
}

/** The stored metadata text: the writer's canonical metadata with the recorded time added. */
export function withRecordedAt(metadataJson: string, recordedAt: string): string {
  const separator = metadataJson.length > 2 ? ',' : '';
  return `${metadataJson.slice(0, -1)}${separator}"recordedAt":${jsonString(recordedAt)}}`;
}

/** The hash of an event in the current format (v2), from its decoded content. */
export function hashEvent(content: HashedContent): string {
  const digest = contentDigest(
    content.id,
    content.streamId,
    content.type,
    content.schemaVersion,
    encodeJson(content.data),
    encodeMetadataInput(content.metadata),
  );
  return chainHash(content.previousHash, content.revision, content.metadata.recordedAt, digest);
}

/**
 * Whether a stored event matches its stored hash, under the format the hash names.
 * False (never a throw) for content no writer could have produced: it was changed.
 */
export function hashMatches(event: HashedContent & { readonly hash: string }): boolean {
  try {
    if (hashVersionOf(event.hash) === 1) return hashEventV1(event) === event.hash;
    if (typeof event.metadata?.recordedAt !== 'string') return false;
    return hashEvent(event) === event.hash;
  } catch {
    return false;
  }
}
