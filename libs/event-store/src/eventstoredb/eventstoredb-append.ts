import { setTimeout as sleep } from 'node:timers/promises';
import {
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  WrongExpectedVersionError,
  type AppendResult as EsdbAppendResult,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { AppendResult, ExpectedRevision, NewEvent } from '../event';
import { ConcurrencyError, IdempotencyConflictError } from '../errors';
import { checkExpectedRevision, resolveReappend } from '../idempotency';
import { chainHashOf, positionOf, toEventData } from './eventstoredb-mapping';
import { encodePosition, isKnownPosition } from './eventstoredb-position';
import { readStreamRecords } from './eventstoredb-reads';

export interface AppendRequest {
  readonly client: EventStoreDBClient;
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedRevision;
  readonly clock: () => Date;
  /** How many of the stream's latest events are searched for the batch's ids. */
  readonly idempotencyWindow: number;
  readonly maxAttempts: number;
  readonly deadlineMs: number | undefined;
}

/** One try: the result, or the stream moved between our read and our write. */
type Attempt =
  | { readonly kind: 'appended'; readonly result: AppendResult }
  | { readonly kind: 'moved'; readonly actual: bigint | 'no_stream' };

/**
 * Appends with the hash chain intact under concurrency: every write names the exact
 * revision whose hash it chained to, so a write that lost a race is refused by the
 * server instead of forking the chain. For `any` and `stream_exists` the read and the
 * write are simply tried again (a caller asked for no particular revision); for an exact
 * revision or `no_stream` a lost race is the caller's ConcurrencyError.
 */
export async function appendChained(request: AppendRequest): Promise<AppendResult> {
  const retries = request.expected === 'any' || request.expected === 'stream_exists';
  let actual: bigint | 'no_stream' = 'no_stream';
  for (let attempt = 1; attempt <= request.maxAttempts; attempt++) {
    const outcome = await appendOnce(request);
    if (outcome.kind === 'appended') return outcome.result;
    actual = outcome.actual;
    if (!retries) break;
    // A little jitter so that writers which keep colliding drift apart.
    await sleep(Math.random() * 2 * attempt);
  }
  throw new ConcurrencyError(request.streamId, request.expected, actual);
}

async function appendOnce(request: AppendRequest): Promise<Attempt> {
  const { client, streamId, events, expected } = request;
  // Newest first. The window bounds the idempotency check (reading a whole long stream on
  // every append would not scale): a retry of a batch committed more than
  // idempotencyWindow events ago is not recognised and would be appended again.
  const recent = await readStreamRecords(client, streamId, {
    direction: BACKWARDS,
    fromRevision: END,
    maxCount: request.idempotencyWindow + events.length,
  });
  const tip = recent[0];
  const current = tip ? tip.revision : null;
  const first = events[0];
  if (!first) throw new Error('unreachable: validated batch is not empty');

  const committedFirst = recent.find((record) => record.id === first.id);
  if (committedFirst) {
    const committed = recent
      .filter((record) => record.revision >= committedFirst.revision)
      .reverse()
      .slice(0, events.length)
      .map((record) => ({
        id: record.id,
        revision: record.revision,
        position: positionOf(record),
      }));
    const result = resolveReappend(streamId, expected, events, committed, current ?? -1n);
    return { kind: 'appended', result };
  }
  checkExpectedRevision(streamId, expected, current);
  const recentIds = new Set(recent.map((record) => record.id));
  const repeated = events.find((event) => recentIds.has(event.id));
  if (repeated) {
    throw new IdempotencyConflictError(
      streamId,
      repeated.id,
      'is already committed (partial re-append)',
    );
  }

  const chainTip = tip ? { revision: tip.revision, hash: chainHashOf(tip) } : null;
  const data = toEventData(streamId, events, chainTip, request.clock().toISOString());
  let written: EsdbAppendResult;
  try {
    written = await client.appendToStream(streamId, data, {
      expectedRevision: current ?? NO_STREAM,
      ...(request.deadlineMs === undefined ? {} : { deadline: request.deadlineMs }),
    });
  } catch (error) {
    if (error instanceof WrongExpectedVersionError) {
      return { kind: 'moved', actual: error.actualVersion };
    }
    throw error;
  }
  // Only with throwOnAppendFailure=false in the connection string; the client then
  // misreports the current revision (batch append), so it is read again.
  if (!written.success) return { kind: 'moved', actual: (await streamTip(request)) ?? 'no_stream' };
  const position = await lastEventPosition(request, written);
  return {
    kind: 'appended',
    result: { nextExpectedRevision: written.nextExpectedRevision, position },
  };
}

async function streamTip(request: AppendRequest): Promise<bigint | null> {
  const [tip] = await readStreamRecords(request.client, request.streamId, {
    direction: BACKWARDS,
    fromRevision: END,
    maxCount: 1,
  });
  return tip ? tip.revision : null;
}

/**
 * The batch's position is read back from its last event, so it is exactly what readAll
 * reports for it. The append response usually says the same, but not when the server
 * answers a concurrent identical write idempotently (then it names the original write).
 */
async function lastEventPosition(
  request: AppendRequest,
  written: EsdbAppendResult,
): Promise<bigint> {
  const [last] = await readStreamRecords(request.client, request.streamId, {
    direction: FORWARDS,
    fromRevision: written.nextExpectedRevision,
    maxCount: 1,
  });
  if (last) return positionOf(last);
  if (isKnownPosition(written.position)) return encodePosition(written.position);
  throw new Error(`EventStoreDB gave no position for the append to ${request.streamId}`);
}
