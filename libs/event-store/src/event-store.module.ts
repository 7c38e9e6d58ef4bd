import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createEventStore, eventStoreConfigFromEnv } from './create-event-store';
import type { EventStore } from './event-store.port';

/** Injection token of the EventStore port (it has two adapters, so it earns one). */
export const EVENT_STORE = Symbol('EventStore');

class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Provides the configured event store (EVENT_STORE, BUDGET_DATA_DIR, EVENTSTORE_CONNECTION_STRING). */
@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      useFactory: (): EventStore => createEventStore(eventStoreConfigFromEnv()),
    },
    EventStoreLifecycle,
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule {}
