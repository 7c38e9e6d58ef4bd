import { join } from 'node:path';
import type { EventStore } from './event-store.port';
import type * as EventStoreDb from './eventstoredb';
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

/**
 * The EventStoreDB adapter, required on first use: a process on SQLite never loads the
 * gRPC client (BENCHMARKS.md, rebuild: the command's startup). Synchronous, as
 * createEventStore is (Nest's factory, the CLI).
 */
function loadEventStoreDb(): typeof EventStoreDb {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when chosen
  return require('./eventstoredb') as typeof EventStoreDb;
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
      return new (loadEventStoreDb().EventStoreDbEventStore)({
        connectionString: config.connectionString,
        ...(config.upcasters ? { upcasters: config.upcasters } : {}),
      });
  }
}
