import type { EncodedEvent } from './encoding';
import { AppendTooLargeError } from './errors';

/**
 * The most one append may carry: EventStoreDB's default MaxAppendSize (1 MiB). The port
 * enforces it for every adapter, so a batch the embedded store accepts is one the server
 * accepts too, and a batch too large fails the same way on both.
 */
export const MAX_APPEND_BYTES = 1_048_576;

/**
 * What an adapter adds to each event's stored metadata (recorded time, schema version, the
 * hash chain: about 240 bytes on EventStoreDB), rounded up so the count stays an upper bound.
 */
export const STORE_OVERHEAD_BYTES_PER_EVENT = 512;

/**
 * A batch's size as EventStoreDB counts it (data bytes + metadata bytes + 2 × the type's
 * length, per event: Event.SizeOnDisk), with the store's own metadata allowed for. The
 * canonical JSON is as long as the client's JSON.stringify of the same values.
 */
export function appendSize(encoded: readonly EncodedEvent[]): number {
  let size = 0;
  for (const event of encoded) {
    size +=
      Buffer.byteLength(event.dataJson, 'utf8') +
      Buffer.byteLength(event.metadataJson, 'utf8') +
      2 * event.type.length +
      STORE_OVERHEAD_BYTES_PER_EVENT;
  }
  return size;
}

/** Refuses a batch over MAX_APPEND_BYTES with AppendTooLargeError; nothing is written. */
export function checkAppendSize(
  streamId: string,
  encoded: readonly EncodedEvent[],
  limit = MAX_APPEND_BYTES,
): void {
  // A UTF-8 byte is at most 3 per UTF-16 unit: batches far below the limit (all of the
  // ledger's) are let through on their string lengths, without counting bytes.
  let bound = 0;
  for (const event of encoded) {
    bound +=
      3 * (event.dataJson.length + event.metadataJson.length) +
      2 * event.type.length +
      STORE_OVERHEAD_BYTES_PER_EVENT;
  }
  if (bound <= limit) return;
  const size = appendSize(encoded);
  if (size > limit) throw new AppendTooLargeError(streamId, size, limit);
}
