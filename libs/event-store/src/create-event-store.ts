import { join } from 'node:path';
import type { EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import type { UpcasterRegistry } from './upcasting';

export interface EventStoreConfig {
  /** `sqlite` (embedded, the default) or `eventstoredb`. */
  readonly kind: 'sqlite' | 'eventstoredb';
  /** Data folder of the embedded store; the log is `events.sqlite` inside it. */
  readonly dataDir: string;
  readonly connectionString?: string;
  readonly upcasters?: UpcasterRegistry;
  /** The embedded store's page cache in KiB (SqliteEventStoreOptions.cacheSizeKib). */
  readonly sqliteCacheKib?: number;
}

export function createEventStore(config: EventStoreConfig): EventStore {
  switch (config.kind) {
    case 'sqlite':
      return new SqliteEventStore({
        file: join(config.dataDir, 'events.sqlite'),
        ...(config.upcasters ? { upcasters: config.upcasters } : {}),
        ...(config.sqliteCacheKib === undefined ? {} : { cacheSizeKib: config.sqliteCacheKib }),
      });
    case 'eventstoredb':
      if (!config.connectionString) throw new Error('EventStoreDB needs a connection string');
      return new EventStoreDbEventStore({
        connectionString: config.connectionString,
        ...(config.upcasters ? { upcasters: config.upcasters } : {}),
      });
  }
}
