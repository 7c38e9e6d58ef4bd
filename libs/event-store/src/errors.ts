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

/** The store cannot be reached; the message names where we tried. */
export class EventStoreUnavailableError extends EventStoreError {
  readonly code = 'EVENT_STORE.UNAVAILABLE';
  constructor(
    readonly target: string,
    options?: { cause?: unknown },
  ) {
    super(`Event store unavailable at ${target}`, options);
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
