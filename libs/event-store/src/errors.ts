import type { ExpectedRevision } from './event';

/** Base of every error the event store raises, with a stable code. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream was not at the expected revision. Nothing was appended. */
export class ConcurrencyError extends EventStoreError {
  readonly code = 'EVENT_STORE.CONCURRENCY';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'ConcurrencyError';
  }
}

/**
 * Some but not all events of the batch are already committed (or an event id is
 * committed elsewhere). EventStoreDB refuses such a batch; so do we. Nothing was appended.
 */
export class IdempotencyConflictError extends EventStoreError {
  readonly code = 'EVENT_STORE.IDEMPOTENCY_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly eventId: string,
    reason: string,
  ) {
    super(`Stream ${streamId}: event ${eventId} ${reason}`);
    this.name = 'IdempotencyConflictError';
  }
}

/** The batch itself is malformed (bad id, empty type, non-JSON data). Nothing was appended. */
export class InvalidEventError extends EventStoreError {
  readonly code = 'EVENT_STORE.INVALID_EVENT';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

/**
 * The store cannot serve now (unreachable, electing a leader, refusing the application
 * user…); retrying later may succeed. The message names where we tried and, when known, why.
 */
export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'EVENT_STORE.UNAVAILABLE';
  constructor(
    readonly target: string,
    options?: { cause?: unknown; reason?: string },
  ) {
    super(
      `Event store unavailable at ${target}${options?.reason ? `: ${options.reason}` : ''}`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'EventStoreUnavailableError';
  }
}

/** A stored event cannot even be decoded: its bytes were changed outside the store. */
export class CorruptEventError extends EventStoreError {
  readonly code = 'EVENT_STORE.CORRUPT_EVENT';
  constructor(
    readonly position: bigint,
    reason: string,
  ) {
    super(`Event at position ${position} cannot be decoded: ${reason}`);
    this.name = 'CorruptEventError';
  }
}

/**
 * The batch is larger than one append may be (append-size.ts): EventStoreDB refuses
 * batches over its MaxAppendSize (1 MiB by default), so every adapter refuses them, with
 * this same error. Nothing was appended; split the batch.
 */
export class AppendTooLargeError extends EventStoreError {
  readonly code = 'EVENT_STORE.APPEND_TOO_LARGE';
  constructor(
    readonly streamId: string,
    /** The batch's size as append-size.ts counts it, or null when only the server knew it. */
    readonly size: number | null,
    readonly limit: number,
  ) {
    super(
      `Stream ${streamId}: the batch is ${size === null ? 'over' : `${size} bytes, over`} the ${limit}-byte limit of one append; split it`,
    );
    this.name = 'AppendTooLargeError';
  }
}
