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
 * Format v2 and v3 hashes start with these tags, so a verifier knows which formula to
 * apply to each event: a log holds v1 events written before v2, v2 events written before
 * v3, and v3 after. Changing the tag of a stored hash gains a forger nothing, since each
 * formula is keyed by its own encoding name and the hash must still match the content
 * under the formula it names.
 */
export const HASH_V2_TAG = 'v2:';
export const HASH_V3_TAG = 'v3:';
const V2_ENCODING = 'budget-event-v2';
const V3_ENCODING = 'budget-event-v3';

export function hashVersionOf(hash: string): 1 | 2 | 3 {
  if (hash.startsWith(HASH_V3_TAG)) return 3;
  return hash.startsWith(HASH_V2_TAG) ? 2 : 1;
}

/**
 * Format v3, the current one: ONE SHA-256 per event, of the canonical JSON array
 *
 *    ["budget-event-v3", previousHash, revision as a decimal string, recordedAt,
 *     id, streamId, type, schemaVersion, data, metadata without recordedAt]
 *
 * `data` and `metadata` are the canonical texts (`encodeJson`) that are also stored, so
 * each event is serialised once. The array's tail from `id` on (`hashedTail`) is built
 * before the write lock; under it the store puts the chain members in front — the stream's
 * tip, the revision and the recorded time (taken from the clock under the lock, so recorded
 * times rise with positions) — and hashes the whole once. v2 hashed the same members in
 * two steps (a content digest, then a digest of the chain members and that digest): the
 * same bytes covered, one more SHA-256 call per event (a call's fixed cost is most of a
 * short digest's: measured −0.7 µs an event side by side, −13 % of the chain's own CPU;
 * BENCHMARKS.md).
 */
export function hashedTail(
  id: string,
  streamIdJson: string,
  type: string,
  schemaVersion: number,
  dataJson: string,
  metadataJson: string,
): string {
  return `${tailPrefix(id, streamIdJson, type, schemaVersion)}${dataJson},${metadataJson}]`;
}

/**
 * The hashed tail up to and including the comma before `dataJson`:
 * `id,streamId,type,schemaVersion,` (`streamIdJson` already quoted, once per batch).
 */
export function tailPrefix(
  id: string,
  streamIdJson: string,
  type: string,
  schemaVersion: number,
): string {
  return `${jsonString(id)},${streamIdJson},${jsonString(type)},${encodeJson(schemaVersion)},`;
}

/**
 * The v3 hash with its chain members already quoted: `previousJson` is `null` or the
 * previous hash as a JSON string, `recordedAtJson` the recorded time as one. The appender
 * quotes the recorded time once per batch, and a hash it has just computed ("v3:" and hex
 * digits) needs no escaping.
 */
export function chainedHash(
  previousJson: string,
  revision: bigint,
  recordedAtJson: string,
  tail: string,
): string {
  return (
    HASH_V3_TAG +
    hash(
      'sha256',
      `["${V3_ENCODING}",${previousJson},"${revision}",${recordedAtJson},${tail}`,
      'hex',
    )
  );
}

/**
 * Format v2, which logs written before v3 carry, in two steps:
 *
 * 1. contentDigest = SHA-256 of the canonical JSON array
 *    [id, streamId, type, schemaVersion, data, metadata without recordedAt];
 * 2. hash = "v2:" + SHA-256 of the canonical JSON array
 *    ["budget-event-v2", previousHash, revision as a decimal string, recordedAt, contentDigest].
 */
export function contentDigest(
  id: string,
  streamId: string,
  type: string,
  schemaVersion: number,
  dataJson: string,
  metadataJson: string,
): string {
  const tail = hashedTail(id, jsonString(streamId), type, schemaVersion, dataJson, metadataJson);
  return hash('sha256', `[${tail}`, 'hex');
}

/** v2's step 2 with its JSON members already quoted (as `chainedHash`'s). */
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
 * The last recorded time quoted and the last hash returned: a chain is verified event
 * after event, mostly with the same recorded time and each previous hash the one just
 * computed, whose JSON string (a tag and hex digits) needs no escaping.
 */
let lastRecordedAt = '';
let lastRecordedAtJson = '""';
let lastHash = '';

function quotedPrevious(previousHash: string | null): string {
  if (previousHash === null) return 'null';
  return previousHash === lastHash ? `"${previousHash}"` : jsonString(previousHash);
}

function quotedRecordedAt(recordedAt: string): string {
  if (recordedAt !== lastRecordedAt) {
    lastRecordedAtJson = jsonString(recordedAt);
    lastRecordedAt = recordedAt;
  }
  return lastRecordedAtJson;
}

/** v2's step 2 from unquoted members (the verifier's, and the benchmarks' v2 side). */
export function chainHash(
  previousHash: string | null,
  revision: bigint,
  recordedAt: string,
  digest: string,
): string {
  const previous = quotedPrevious(previousHash);
  lastHash = chainStep(previous, revision, quotedRecordedAt(recordedAt), digest);
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

/** The hash of an event in the current format (v3), from its decoded content. */
export function hashEvent(content: HashedContent): string {
  const tail = hashedTail(
    content.id,
    jsonString(content.streamId),
    content.type,
    content.schemaVersion,
    encodeJson(content.data),
    encodeMetadataInput(content.metadata),
  );
  const previous = quotedPrevious(content.previousHash);
  const recordedAt = quotedRecordedAt(content.metadata.recordedAt);
  lastHash = chainedHash(previous, content.revision, recordedAt, tail);
  return lastHash;
}

/** The hash of an event in format v2, from its decoded content. */
export function hashEventV2(content: HashedContent): string {
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
    const version = hashVersionOf(event.hash);
    if (version === 1) return hashEventV1(event) === event.hash;
    if (typeof event.metadata?.recordedAt !== 'string') return false;
    return (version === 3 ? hashEvent(event) : hashEventV2(event)) === event.hash;
  } catch {
    return false;
  }
}
