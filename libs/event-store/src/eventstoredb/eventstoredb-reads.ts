import {
  BACKWARDS,
  END,
  FORWARDS,
  StreamNotFoundError,
  type Direction,
  type EventStoreDBClient,
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
import { decodePosition, startAfter } from './eventstoredb-position';

/** Raw events read per round trip when looking backwards through $all for our head. */
const HEAD_SCAN_PAGE = 256;

/** Upper bound of a readAll round trip once filtered events have made pages come up short. */
const MAX_SCAN_BATCH = 4096;

/**
 * The events of one stream in the given direction; a missing stream reads as empty.
 * Reads are consumed to the end (bounded by maxCount), so no gRPC call is left open.
 */
export async function readStreamRecords(
  client: EventStoreDBClient,
  streamId: string,
  options: { direction: Direction; fromRevision: ReadRevision; maxCount: number },
): Promise<EsdbRecord[]> {
  const records: EsdbRecord[] = [];
  try {
    for await (const resolved of client.readStream(streamId, options)) {
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
  client: EventStoreDBClient,
  from: ReadPosition,
  direction: Direction,
  maxCount: number,
): Promise<EsdbRecord[]> {
  const records: EsdbRecord[] = [];
  for await (const resolved of client.readAll({ fromPosition: from, direction, maxCount })) {
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
  client: EventStoreDBClient,
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

/** Position of our last event: $all backwards until one of ours; null when there is none. */
export async function readLedgerHead(client: EventStoreDBClient): Promise<bigint | null> {
  let cursor: bigint | undefined;
  for (;;) {
    const from = cursor === undefined ? END : decodePosition(cursor);
    const records = await readAllRecords(client, from, BACKWARDS, HEAD_SCAN_PAGE);
    for (const record of records) {
      const position = positionOf(record);
      if (cursor !== undefined && position >= cursor) continue;
      cursor = position;
      if (isLedgerEvent(record)) return position;
    }
    if (records.length < HEAD_SCAN_PAGE) return null;
  }
}
