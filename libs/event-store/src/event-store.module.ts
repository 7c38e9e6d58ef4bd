import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { BUDGET_CONFIG, BudgetConfigModule, type BudgetConfig } from '@app/config';
import { createEventStore } from './create-event-store';
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
  imports: [BudgetConfigModule],
  providers: [
    {
      provide: EVENT_STORE,
      inject: [BUDGET_CONFIG],
      useFactory: (config: BudgetConfig): EventStore => createEventStore(config.eventStore),
    },
    EventStoreLifecycle,
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule {}
