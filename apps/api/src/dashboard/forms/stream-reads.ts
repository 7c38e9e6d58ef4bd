import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@app/event-store';

/**
 * The events of one stream, for the pages of what has no read model of its own (a
 * transfer waiting for its decision, a fiscal year's close, a registered document): the
 * same events the command side decides on. The caller decides who may see them.
 */
@Injectable()
export class StreamReads {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  events(streamId: string): Promise<RecordedEvent[]> {
    return this.store.readStream(streamId);
  }
}
