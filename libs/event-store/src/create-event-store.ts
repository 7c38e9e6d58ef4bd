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
}

/** Reads EVENT_STORE, BUDGET_DATA_DIR and EVENTSTORE_CONNECTION_STRING as the contract names them. */
export function eventStoreConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EventStoreConfig {
  const kind = env.EVENT_STORE ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'eventstoredb') {
    throw new Error(`EVENT_STORE must be sqlite or eventstoredb, got "${kind}"`);
  }
  const connectionString = env.EVENTSTORE_CONNECTION_STRING;
  if (kind === 'eventstoredb' && !connectionString) {
    throw new Error(
      'EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false)',
    );
  }
  return {
    kind,
    dataDir: env.BUDGET_DATA_DIR ?? './data',
    ...(connectionString ? { connectionString } : {}),
  };
}

export function createEventStore(config: EventStoreConfig): EventStore {
  switch (config.kind) {
    case 'sqlite':
      return new SqliteEventStore({
        file: join(config.dataDir, 'events.sqlite'),
        ...(config.upcasters ? { upcasters: config.upcasters } : {}),
      });
    case 'eventstoredb':
      if (!config.connectionString) throw new Error('EventStoreDB needs a connection string');
      return new EventStoreDbEventStore({
        connectionString: config.connectionString,
        ...(config.upcasters ? { upcasters: config.upcasters } : {}),
      });
  }
}
