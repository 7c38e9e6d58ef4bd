import { createHash } from 'node:crypto';
import type { JsonObject, NewEvent, RecordedEvent } from '../event';
import { canonicalJson } from '../hashing';
import { fingerprintOf, signatureIsValid, signWith, type AuditSigningKey } from './audit-key';

/**
 * Checkpoints are events of their own stream in the log they cover (stream ids that
 * start with `$` belong to EventStoreDB, and the port refuses them).
 */
export const AUDIT_STREAM = 'audit-checkpoints';
export const AUDIT_EVENT_TYPE = 'AuditCheckpointRecorded';
export const AUDIT_ACTOR = 'system:audit';

/** What a checkpoint asserts, and what its signature covers. */
export interface CheckpointRecord {
  /** Log position of the last event covered. */
  readonly position: bigint;
  /** How many events the log holds up to and including `position`. */
  readonly eventCount: bigint;
  /** Hex RFC 6962 Merkle root over those events' stored hashes, in log order. */
  readonly root: string;
  readonly createdAt: string;
  /** The root of the checkpoint before this one; null for the first. */
  readonly previousRoot: string | null;
  /** Hex SHA-256 of the signing public key. */
  readonly keyFingerprint: string;
}

export interface SignedCheckpoint extends CheckpointRecord {
  /** Raw Ed25519 public key, base64. */
  readonly publicKey: string;
  /** Ed25519 signature of `signingPayload(record)`, base64. */
  readonly signature: string;
}

/**
 * A checkpoint as stored in the log. Beyond the signed record it carries the segment
 * it adds to the previous one: the previous frontier (the tree's perfect-subtree roots)
 * and the leaf hashes of the events it newly covers. Both are bound to the signed root
 * (folding them must give it), so they need no signature of their own. They let the
 * next checkpoint continue without re-reading the log, and let verification name the
 * exact first event that differs, which a root alone cannot.
 */
export interface StoredCheckpoint extends SignedCheckpoint {
  /** Position of the event the checkpoint itself is stored as. */
  readonly storedAt: bigint;
  readonly revision: bigint;
  /** Position of the previous checkpoint's last event; null for the first. */
  readonly segmentAfter: bigint | null;
  /** Peaks of the tree over the first `eventCount - leaves.length` events, largest first. */
  readonly frontier: readonly Buffer[];
  /** Leaf hashes (32 bytes each) of the events in (segmentAfter, position]. */
  readonly leaves: readonly Buffer[];
}

/** The small file an auditor keeps outside the system. */
export interface ExportedCheckpoint {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: 1;
  readonly position: string;
  readonly eventCount: string;
  readonly root: string;
  readonly createdAt: string;
  readonly previousRoot: string | null;
  readonly algorithm: 'Ed25519';
  readonly keyFingerprint: string;
  readonly publicKey: string;
  readonly signature: string;
  readonly tree: string;
}

export const EXPORT_FORMAT = 'budget-ledger-audit-checkpoint';
const SIGNED_FORMAT = 'budget-ledger-audit-checkpoint/1';
const TREE =
  'RFC 6962 Merkle tree over SHA-256: leaf = SHA-256(0x00 || event hash as stored, ASCII hex), node = SHA-256(0x01 || left || right), leaves in log position order';

const HEX64 = /^[0-9a-f]{64}$/;
const DECIMAL = /^(0|[1-9][0-9]{0,19})$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The exact bytes signed: canonical JSON of the record, with a format tag. */
export function signingPayload(record: CheckpointRecord): string {
  return canonicalJson({
    format: SIGNED_FORMAT,
    position: record.position.toString(),
    eventCount: record.eventCount.toString(),
    root: record.root,
    createdAt: record.createdAt,
    previousRoot: record.previousRoot,
    keyFingerprint: record.keyFingerprint,
  });
}

export function signCheckpoint(
  record: Omit<CheckpointRecord, 'keyFingerprint'>,
  key: AuditSigningKey,
): SignedCheckpoint {
  const full: CheckpointRecord = { ...record, keyFingerprint: key.fingerprint };
  return {
    ...full,
    publicKey: key.publicKey.toString('base64'),
    signature: signWith(key, signingPayload(full)),
  };
}

export type SignatureCheck = 'valid' | 'bad_signature' | 'untrusted_key';

/** Signature first (a file edited by hand), then whether its key is one we believe. */
export function checkSignature(
  checkpoint: SignedCheckpoint,
  trusted: readonly string[],
): SignatureCheck {
  const publicKey = Buffer.from(checkpoint.publicKey, 'base64');
  if (fingerprintOf(publicKey) !== checkpoint.keyFingerprint) return 'bad_signature';
  if (!signatureIsValid(publicKey, signingPayload(checkpoint), checkpoint.signature)) {
    return 'bad_signature';
  }
  return trusted.includes(checkpoint.keyFingerprint) ? 'valid' : 'untrusted_key';
}

/** Deterministic per covered range, so two processes checkpointing the same log append once. */
export function checkpointEventId(record: CheckpointRecord): string {
  const bytes = createHash('sha256')
    .update(
      `audit-checkpoint\u001f${record.position}\u001f${record.eventCount}\u001f${record.root}`,
    )
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Business date in Vietnam (UTC+7), as the ledger's clock reads it. */
function vietnamDate(instant: string): string {
  return new Date(Date.parse(instant) + 7 * 3600_000).toISOString().slice(0, 10);
}

export function checkpointEvent(
  signed: SignedCheckpoint,
  segment: {
    readonly after: bigint | null;
    readonly frontier: readonly Buffer[];
    readonly leaves: readonly Buffer[];
  },
  author: { readonly actor?: string; readonly extra?: JsonObject } = {},
): NewEvent {
  const data: JsonObject = {
    position: signed.position.toString(),
    eventCount: signed.eventCount.toString(),
    root: signed.root,
    createdAt: signed.createdAt,
    previousRoot: signed.previousRoot,
    keyFingerprint: signed.keyFingerprint,
    publicKey: signed.publicKey,
    signature: signed.signature,
    segment: {
      after: segment.after === null ? null : segment.after.toString(),
      frontier: segment.frontier.map((b) => b.toString('hex')),
      leaves: Buffer.concat([...segment.leaves]).toString('base64'),
    },
  };
  return {
    id: checkpointEventId(signed),
    type: AUDIT_EVENT_TYPE,
    schemaVersion: 1,
    data,
    metadata: {
      actor: author.actor ?? AUDIT_ACTOR,
      correlationId: `audit-checkpoint-${signed.position}`,
      causationId: null,
      effectiveDate: vietnamDate(signed.createdAt),
      ...(author.extra ? { extra: author.extra } : {}),
    },
  };
}

function text(value: unknown, pattern: RegExp): string | null {
  return typeof value === 'string' && pattern.test(value) ? value : null;
}

function isInstant(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));
}

/** The signed part of anything shaped like a checkpoint, or why it is not one. */
function readSigned(data: Record<string, unknown>): SignedCheckpoint | string {
  const position = text(data.position, DECIMAL);
  const eventCount = text(data.eventCount, DECIMAL);
  if (position === null) return 'position is not a decimal string';
  if (eventCount === null) return 'eventCount is not a decimal string';
  const root = text(data.root, HEX64);
  if (root === null) return 'root is not 64 hex characters';
  if (!isInstant(data.createdAt)) return 'createdAt is not an instant';
  const previousRoot = data.previousRoot === null ? null : text(data.previousRoot, HEX64);
  if (data.previousRoot !== null && previousRoot === null) {
    return 'previousRoot is neither null nor 64 hex characters';
  }
  const keyFingerprint = text(data.keyFingerprint, HEX64);
  if (keyFingerprint === null) return 'keyFingerprint is not 64 hex characters';
  const publicKey = text(data.publicKey, BASE64);
  const signature = text(data.signature, BASE64);
  if (publicKey === null || signature === null) return 'publicKey or signature is not base64';
  return {
    position: BigInt(position),
    eventCount: BigInt(eventCount),
    root,
    createdAt: data.createdAt,
    previousRoot,
    keyFingerprint,
    publicKey,
    signature,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Decodes a stored checkpoint event, or says what is wrong with it. */
export function readStoredCheckpoint(event: RecordedEvent): StoredCheckpoint | string {
  if (event.type !== AUDIT_EVENT_TYPE || event.schemaVersion !== 1) {
    return `an event of type ${event.type} v${event.schemaVersion} is not a checkpoint`;
  }
  const signed = readSigned(event.data);
  if (typeof signed === 'string') return signed;
  const segment = event.data.segment;
  if (!isObject(segment)) return 'segment is missing';
  const after = segment.after === null ? null : text(segment.after, DECIMAL);
  if (segment.after !== null && after === null) return 'segment.after is not a position';
  const frontier = segment.frontier;
  if (!Array.isArray(frontier) || frontier.some((h) => text(h, HEX64) === null)) {
    return 'segment.frontier is not a list of hashes';
  }
  const leaves = text(segment.leaves, BASE64);
  if (leaves === null) return 'segment.leaves is not base64';
  const bytes = Buffer.from(leaves, 'base64');
  if (bytes.length % 32 !== 0) return 'segment.leaves is not a whole number of hashes';
  const leafList: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 32) leafList.push(bytes.subarray(i, i + 32));
  return {
    ...signed,
    storedAt: event.position,
    revision: event.revision,
    segmentAfter: after === null ? null : BigInt(after),
    frontier: (frontier as string[]).map((h) => Buffer.from(h, 'hex')),
    leaves: leafList,
  };
}

export function exportCheckpoint(checkpoint: SignedCheckpoint): ExportedCheckpoint {
  return {
    format: EXPORT_FORMAT,
    version: 1,
    position: checkpoint.position.toString(),
    eventCount: checkpoint.eventCount.toString(),
    root: checkpoint.root,
    createdAt: checkpoint.createdAt,
    previousRoot: checkpoint.previousRoot,
    algorithm: 'Ed25519',
    keyFingerprint: checkpoint.keyFingerprint,
    publicKey: checkpoint.publicKey,
    signature: checkpoint.signature,
    tree: TREE,
  };
}

/** Reads an exported file's JSON value; a string says why it is no checkpoint file. */
export function parseExportedCheckpoint(value: unknown): SignedCheckpoint | string {
  if (!isObject(value)) return 'the file is not a JSON object';
  if (value.format !== EXPORT_FORMAT || value.version !== 1) {
    return `the file is not a ${EXPORT_FORMAT} version 1 document`;
  }
  if (value.algorithm !== 'Ed25519') return 'the signature algorithm is not Ed25519';
  return readSigned(value);
}
