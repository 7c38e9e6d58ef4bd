import { setTimeout as sleep } from 'node:timers/promises';
import {
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  WrongExpectedVersionError,
  type AppendResult as EsdbAppendResult,
} from '@eventstore/db-client';
import type { AppendResult, ExpectedRevision, NewEvent } from '../event';
import { ConcurrencyError, IdempotencyConflictError } from '../errors';
import { checkExpectedRevision, resolveReappend } from '../idempotency';
import type { EsdbClient } from './eventstoredb-client';
import { chainHashOf, positionOf, toEventData, type EsdbRecord } from './eventstoredb-mapping';
import { encodePosition, isKnownPosition } from './eventstoredb-position';
import { ON_LEADER, readStreamRecords } from './eventstoredb-reads';

export interface AppendRequest {
  readonly client: EsdbClient;
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedRevision;
  readonly clock: () => Date;
  /**
   * For `any` and `stream_exists` only: how many of the stream's latest events are
   * searched for the batch's ids (an exact revision names where a retry would be).
   */
  readonly idempotencyWindow: number;
  readonly maxAttempts: number;
  readonly deadlineMs: number | undefined;
}

/** One try: the result, or the stream moved between our read and our write. */
type Attempt =
  | { readonly kind: 'appended'; readonly result: AppendResult }
  | { readonly kind: 'moved'; readonly actual: bigint | 'no_stream' };

/** Pages of the backwards search for `any` / `stream_exists` retries: small first. */
const SEARCH_FIRST_PAGE = 16;
const SEARCH_GROWTH = 4;

/**
 * Appends with the hash chain intact under concurrency: every write names the exact
 * revision whose hash it chained to, so a write that lost a race is refused by the
 * server instead of forking the chain. A lost race is tried again: for `any` and
 * `stream_exists` because the caller asked for no particular revision; for an exact
 * revision or `no_stream` because the winner may have been this very batch (a concurrent
 * identical append), which the next try recognises — or else refuses with the
 * ConcurrencyError the caller must see.
 */
export async function appendChained(request: AppendRequest): Promise<AppendResult> {
  let actual: bigint | 'no_stream' = 'no_stream';
  for (let attempt = 1; attempt <= request.maxAttempts; attempt++) {
    const outcome = await appendOnce(request);
    if (outcome.kind === 'appended') return outcome.result;
    actual = outcome.actual;
    // A little jitter so that writers which keep colliding drift apart.
    await sleep(Math.random() * 2 * attempt);
  }
  throw new ConcurrencyError(request.streamId, request.expected, actual);
}

/**
 * Reads the stream's tip (one event) and, only where a retry of this batch could be,
 * the events there; then decides: the original result, a refusal, or a write.
 */
async function appendOnce(request: AppendRequest): Promise<Attempt> {
  const { streamId, events, expected } = request;
  const [tip] = await readStreamRecords(request.client, streamId, {
    direction: BACKWARDS,
    fromRevision: END,
    maxCount: 1,
  });
  const current = tip ? tip.revision : null;
  const committed =
    expected === 'any' || expected === 'stream_exists'
      ? await searchRecent(request, tip)
      : await readAtExpected(request, expected === 'no_stream' ? -1n : expected, current);
  if (committed) {
    const result = resolveReappend(streamId, expected, events, committed, current ?? -1n);
    return { kind: 'appended', result };
  }
  checkExpectedRevision(streamId, expected, current);
  const chainTip = tip ? { revision: tip.revision, hash: chainHashOf(tip) } : null;
  const data = toEventData(streamId, events, chainTip, request.clock().toISOString());
  let written: EsdbAppendResult;
  try {
    written = await request.client.appendToStream(streamId, data, {
      expectedRevision: current ?? NO_STREAM,
      ...ON_LEADER,
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

type Committed = { id: string; revision: bigint; position: bigint }[];

function committedFrom(records: readonly EsdbRecord[]): Committed {
  return records.map((r) => ({ id: r.id, revision: r.revision, position: positionOf(r) }));
}

/**
 * With an exact expected revision E, a retry of this batch can only sit at E + 1: read
 * there (as many events as the batch) only when the tip is past E, and only if the first
 * event there is the batch's first is it a retry. Otherwise nothing to read: the tip
 * alone decides (EventStoreDB's own idempotency check looks at the same place).
 */
async function readAtExpected(
  request: AppendRequest,
  expected: bigint,
  current: bigint | null,
): Promise<Committed | null> {
  if (current === null || current <= expected) return null;
  const records = await readStreamRecords(request.client, request.streamId, {
    direction: FORWARDS,
    fromRevision: expected + 1n,
    maxCount: request.events.length,
  });
  return records[0]?.id === request.events[0]?.id ? committedFrom(records) : null;
}

/**
 * With `any` or `stream_exists` a retry could be anywhere: the stream's latest events
 * are searched backwards for the batch's first id, in growing pages, up to the window
 * (the ledger's own appends always name a revision and never come here). An id of the
 * batch met without its first is a partial re-append, refused.
 */
async function searchRecent(
  request: AppendRequest,
  tip: EsdbRecord | undefined,
): Promise<Committed | null> {
  const { events, streamId } = request;
  if (!tip) return null;
  const batchIds = new Set(events.map((e) => e.id));
  const firstId = events[0]?.id;
  const seen: EsdbRecord[] = [];
  const limit = request.idempotencyWindow + events.length;
  let from = tip.revision;
  let page = SEARCH_FIRST_PAGE;
  while (seen.length < limit && from >= 0n) {
    const records = await readStreamRecords(request.client, streamId, {
      direction: BACKWARDS,
      fromRevision: from,
      maxCount: Math.min(page, limit - seen.length),
    });
    for (const record of records) {
      seen.push(record);
      if (record.id === firstId) {
        const committed = seen.filter((r) => r.revision >= record.revision).reverse();
        return committedFrom(committed.slice(0, events.length));
      }
    }
    const last = records.at(-1);
    if (!last || records.length < page) break;
    from = last.revision - 1n;
    page *= SEARCH_GROWTH;
  }
  const repeated = seen.find((record) => batchIds.has(record.id));
  if (repeated) {
    throw new IdempotencyConflictError(
      streamId,
      repeated.id,
      'is already committed (partial re-append)',
    );
  }
  return null;
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
