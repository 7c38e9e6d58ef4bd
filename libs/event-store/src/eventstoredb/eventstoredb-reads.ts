import {
  BACKWARDS,
  END,
  FORWARDS,
  StreamNotFoundError,
  type Direction,
  type ReadPosition,
  type ReadRevision,
} from '@eventstore/db-client';
import type { RecordedEvent } from '../event';
import {
  isLedgerEvent,
  positionOf,
  toRecordedEvent,
  type EsdbRecord,
} from './eventstoredb-mapping';
import type { EsdbClient } from './eventstoredb-client';
import { decodePosition, startAfter } from './eventstoredb-position';

/**
 * Every read of this adapter must see the latest writes: it feeds a decision (a stream
 * loaded before an append) or a read-your-writes wait. A follower serves reads from its
 * own copy, which lags, and after a failover that leaves the old leader running, stays
 * behind. `nodePreference` only picks the node when connecting, so each call asks for
 * the leader (`requires-leader`); a follower answers NotLeader, naming the leader, and
 * the client reconnects there (eventstoredb-errors.ts tries again).
 */
export const ON_LEADER = { requiresLeader: true } as const;

/**
 * How many raw events a backwards look through $all for our head asks for: one first
 * (usually our last event), then more only while the events met are not ours (checkpoint
 * or foreign events). The client parses every event it is sent, so a fixed large page
 * would cost that on every query.
 */
const HEAD_SCAN_FIRST = 1;
const HEAD_SCAN_GROWTH = 4;
const HEAD_SCAN_MAX = 256;

/** Upper bound of a readAll round trip once filtered events have made pages come up short. */
const MAX_SCAN_BATCH = 4096;

/**
 * The events of one stream in the given direction; a missing stream reads as empty.
 * Reads are consumed to the end (bounded by maxCount), so no gRPC call is left open.
 */
export async function readStreamRecords(
  client: EsdbClient,
  streamId: string,
  options: { direction: Direction; fromRevision: ReadRevision; maxCount: number },
): Promise<EsdbRecord[]> {
  const records: EsdbRecord[] = [];
  try {
    for await (const resolved of client.readStream(streamId, { ...options, ...ON_LEADER })) {
      if (resolved.event) records.push(resolved.event);
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return records;
}

/** Up to maxCount raw events of $all from `from` in the given direction. */
async function readAllRecords(
  client: EsdbClient,
  from: ReadPosition,
  direction: Direction,
  maxCount: number,
): Promise<EsdbRecord[]> {
  const records: EsdbRecord[] = [];
  const options = { fromPosition: from, direction, maxCount, ...ON_LEADER };
  for await (const resolved of client.readAll(options)) {
    if (resolved.event) records.push(resolved.event);
  }
  return records;
}

/**
 * One page of our events after `after`, in $all order. Client 6.x cannot filter readAll
 * on the server, so system, checkpoint and foreign events are dropped here and reading
 * goes on until the page is full or the log ends; each further round trip asks for twice
 * as many (up to MAX_SCAN_BATCH), so long runs of system events cost few round trips.
 * fromPosition is inclusive: the event at `after` comes back and is dropped, hence one
 * more than needed is asked for. Events read beyond the page are simply read again next time.
 */
export async function readLedgerPage(
  client: EsdbClient,
  after: bigint | undefined,
  maxCount: number,
): Promise<RecordedEvent[]> {
  const page: RecordedEvent[] = [];
  let cursor = after;
  let asked = 0;
  while (page.length < maxCount) {
    asked = Math.max(maxCount - page.length + 1, Math.min(asked * 2, MAX_SCAN_BATCH));
    const records = await readAllRecords(client, startAfter(cursor), FORWARDS, asked);
    for (const record of records) {
      const position = positionOf(record);
      if (cursor !== undefined && position <= cursor) continue;
      cursor = position;
      const event = page.length < maxCount ? toRecordedEvent(record) : null;
      if (event) page.push(event);
    }
    if (records.length < asked) break;
  }
  return page;
}

/**
 * Position of our last event: $all backwards until one of ours; null when there is none.
 * The position read from is inclusive, so every page after the first is at least two.
 */
export async function readLedgerHead(client: EsdbClient): Promise<bigint | null> {
  let cursor: bigint | undefined;
  let asked = HEAD_SCAN_FIRST;
  for (;;) {
    const from = cursor === undefined ? END : decodePosition(cursor);
    const records = await readAllRecords(client, from, BACKWARDS, asked);
    for (const record of records) {
      const position = positionOf(record);
      if (cursor !== undefined && position >= cursor) continue;
      cursor = position;
      if (isLedgerEvent(record)) return position;
    }
    if (records.length < asked) return null;
    asked = Math.min(asked * HEAD_SCAN_GROWTH, HEAD_SCAN_MAX);
  }
}
