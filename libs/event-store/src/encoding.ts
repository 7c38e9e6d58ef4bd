import { encodeObject, jsonString, UnencodableValueError } from './canonical-json';
import type { NewEvent } from './event';
import { InvalidEventError } from './errors';
import { encodeMetadataInput, tailPrefix } from './hashing';

/** An event serialised once, before the write lock: the stored texts and the text its hash covers. */
export interface EncodedEvent {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** Canonical JSON of data: stored as is, and hashed. */
  readonly dataJson: string;
  /** Canonical JSON of the writer's metadata; the store adds recordedAt under the lock. */
  readonly metadataJson: string;
  /**
   * Hash format v3's hashed text from the event's id on (`hashedTail`, hashing.ts): the
   * store hashes it under the write lock behind the chain members (previous hash,
   * revision, recorded time).
   */
  readonly tail: string;
}

/**
 * Encodes a validated batch; a value JSON cannot carry faithfully refuses the batch.
 *
 * Each event's data and metadata texts are taken back out of its hashed tail as slices:
 * the encoder builds them by concatenation, slicing lays the tail out flat once, and slices
 * of that flat text bind to SQLite without being laid out a second time under the lock
 * (measured ~1.2 µs an event less for a ledger event than binding the built texts).
 */
export function encodeBatch(streamId: string, events: readonly NewEvent[]): EncodedEvent[] {
  const encoded: EncodedEvent[] = new Array<EncodedEvent>(events.length);
  const streamIdJson = jsonString(streamId);
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as NewEvent;
    let dataJson: string;
    let metadataJson: string;
    try {
      dataJson = encodeObject(event.data, 'data', undefined);
      metadataJson = encodeMetadataInput(event.metadata);
    } catch (error) {
      if (!(error instanceof UnencodableValueError)) throw error;
      throw new InvalidEventError(
        `event ${index} of the batch for ${streamId}: ${error.message} (data and metadata must be plain JSON)`,
      );
    }
    const prefix = tailPrefix(event.id, streamIdJson, event.type, event.schemaVersion);
    const tail = `${prefix}${dataJson},${metadataJson}]`;
    const dataEnd = prefix.length + dataJson.length;
    encoded[index] = {
      id: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      dataJson: tail.slice(prefix.length, dataEnd),
      metadataJson: tail.slice(dataEnd + 1, tail.length - 1),
      tail,
    };
  }
  return encoded;
}
