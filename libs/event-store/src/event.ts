/** A JSON value as stored in an event. Money is a decimal string, never a number. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** What the writer states about an event. The store adds the time it was recorded. */
export interface EventMetadataInput {
  /** Who did it: a user id, or `system:<process>` for process managers. */
  readonly actor: string;
  /** Ties together every event caused by one request. */
  readonly correlationId: string;
  /** The event or command that caused this one; null for a user's own request. */
  readonly causationId: string | null;
  /** The business date the fact took effect (YYYY-MM-DD), which may lie in the past. */
  readonly effectiveDate: string;
  /** Anything else the writer wants kept with the event (authority, legal basis…). */
  readonly extra?: JsonObject;
}

export interface EventMetadata extends EventMetadataInput {
  /** When the store learned of the fact: ISO 8601 instant from the store's clock. */
  readonly recordedAt: string;
}

/** An event about to be appended. The id must be a UUID, deterministic per command. */
export interface NewEvent {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: EventMetadataInput;
}

export interface RecordedEvent {
  readonly id: string;
  readonly streamId: string;
  /** 0-based position of the event within its stream. */
  readonly revision: bigint;
  /**
   * Position in the whole log. Strictly increasing in log order; not necessarily
   * consecutive (EventStoreDB positions are byte offsets).
   */
  readonly position: bigint;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
  /** Hash of the previous event of the same stream; null for a stream's first event. */
  readonly previousHash: string | null;
  /** Hash over this event's canonical encoding (see hashing.ts). */
  readonly hash: string;
}

/** EventStoreDB's expected-revision modes, with the same meaning. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface AppendResult {
  /** The revision of the last event of the batch: pass it as the next expected revision. */
  readonly nextExpectedRevision: bigint;
  /** The log position of the last event of the batch. */
  readonly position: bigint;
}

export type ReadDirection = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  readonly direction?: ReadDirection;
  /** Inclusive; defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
  /** False returns events exactly as stored, before upcasting (used by verify). */
  readonly upcast?: boolean;
}

export interface ReadAllOptions {
  /** Exclusive: return events after this position. Omit to start at the beginning. */
  readonly after?: bigint;
  readonly maxCount: number;
  readonly upcast?: boolean;
}
