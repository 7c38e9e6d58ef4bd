import { encodeObject, UnencodableValueError } from './canonical-json';
import type { NewEvent } from './event';
import { InvalidEventError } from './errors';
import { contentDigest, encodeMetadataInput } from './hashing';

/** An event serialised once, before the write lock: the stored texts and its content digest. */
export interface EncodedEvent {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  /** Canonical JSON of data: stored as is, and hashed. */
  readonly dataJson: string;
  /** Canonical JSON of the writer's metadata; the store adds recordedAt under the lock. */
  readonly metadataJson: string;
  /** Hash format v2's content digest (hashing.ts). */
  readonly digest: string;
}

/** Encodes a validated batch; a value JSON cannot carry faithfully refuses the batch. */
export function encodeBatch(streamId: string, events: readonly NewEvent[]): EncodedEvent[] {
  const encoded: EncodedEvent[] = new Array<EncodedEvent>(events.length);
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
    encoded[index] = {
      id: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      dataJson,
      metadataJson,
      digest: contentDigest(
        event.id,
        streamId,
        event.type,
        event.schemaVersion,
        dataJson,
        metadataJson,
      ),
    };
  }
  return encoded;
}
