import type { AppendResult, ExpectedRevision, NewEvent } from './event';
import { ConcurrencyError, IdempotencyConflictError } from './errors';

export interface CommittedEvent {
  readonly id: string;
  readonly revision: bigint;
  readonly position: bigint;
}

/**
 * Decides what a batch whose first event id is already committed in the stream means,
 * following EventStoreDB: every id committed in order from there → the original
 * result (a retry, so nothing is written); some but not all → refused.
 *
 * @param committed the stream's events from the first id's revision on (at least as many as the batch, if there are)
 * @param current the stream's current revision
 */
export function resolveReappend(
  streamId: string,
  expected: ExpectedRevision,
  batch: readonly Pick<NewEvent, 'id'>[],
  committed: readonly CommittedEvent[],
  current: bigint,
): AppendResult {
  const first = committed[0];
  if (!first) throw new Error('resolveReappend needs the committed event matching the first id');
  for (let i = 0; i < batch.length; i++) {
    const stored = committed[i];
    const event = batch[i];
    if (!event) break;
    if (!stored || stored.id !== event.id) {
      throw new IdempotencyConflictError(
        streamId,
        event.id,
        'breaks a batch whose earlier events are already committed (partial re-append)',
      );
    }
  }
  const last = committed[batch.length - 1];
  if (!last) throw new Error('unreachable: every batch event matched a committed one');
  const expectedBefore = first.revision - 1n;
  const sameSpot =
    expected === 'any' ||
    expected === 'stream_exists' ||
    (expected === 'no_stream' && expectedBefore === -1n) ||
    (typeof expected === 'bigint' && expected === expectedBefore);
  if (!sameSpot) throw new ConcurrencyError(streamId, expected, current);
  return { nextExpectedRevision: last.revision, position: last.position };
}

/** Throws ConcurrencyError unless the stream's state satisfies the expected revision. */
export function checkExpectedRevision(
  streamId: string,
  expected: ExpectedRevision,
  current: bigint | null,
): void {
  const actual = current ?? 'no_stream';
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === null) ||
    (expected === 'stream_exists' && current !== null) ||
    (typeof expected === 'bigint' && current === expected);
  if (!ok) throw new ConcurrencyError(streamId, expected, actual);
}
