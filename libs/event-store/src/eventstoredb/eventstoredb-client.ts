import { EventStoreDBClient } from '@eventstore/db-client';

/** The client's methods this adapter calls: the seam where unit tests put a double. */
export type EsdbClient = Pick<
  EventStoreDBClient,
  'readStream' | 'readAll' | 'appendToStream' | 'subscribeToAll' | 'setStreamMetadata' | 'dispose'
>;

/** A shared client; release() once per acquireClient(). */
export interface ClientLease {
  readonly client: EsdbClient;
  release(): Promise<void>;
}

interface Shared {
  readonly client: EventStoreDBClient;
  users: number;
}

/**
 * One client per connection string in the process, shared by every store opened on it.
 *
 * Why: @eventstore/db-client 6.2.1 keeps the promises of in-flight batch appends in one
 * map for the whole process (`promiseBank` in batchAppend.js), not per client. Disposing a
 * client cancels its batch-append stream, whose error handler rejects every promise in
 * that map — the appends of *every* client, which may still commit — and a reply that
 * arrives afterwards on another client's stream finds no entry and throws inside its
 * `data` handler, an uncaught exception. So stores share a client (disposed when the
 * last of them closes), and a client is disposed only once no append of any client in
 * the process is in flight; appends that start meanwhile wait for the disposal.
 */
const clients = new Map<string, Shared>();

/** Appends in flight through any client of this process. */
const inFlight = new Set<Promise<unknown>>();

/** Settles when no client is being disposed. */
let disposals: Promise<void> = Promise.resolve();

export function acquireClient(connectionString: string): ClientLease {
  let shared = clients.get(connectionString);
  if (!shared) {
    if (clients.size > 0) {
      process.emitWarning(
        'A second EventStoreDB connection string in one process: keep one (see eventstoredb-client.ts)',
        { code: 'BUDGET_ESDB_SECOND_CLIENT' },
      );
    }
    shared = { client: EventStoreDBClient.connectionString(connectionString), users: 0 };
    clients.set(connectionString, shared);
  }
  shared.users++;
  const owned = shared;
  let released = false;
  return {
    client: owned.client,
    release: async () => {
      if (released) return;
      released = true;
      owned.users--;
      if (owned.users > 0) return;
      clients.delete(connectionString);
      await disposeWhenQuiet(owned.client);
    },
  };
}

function disposeWhenQuiet(client: EsdbClient): Promise<void> {
  const previous = disposals;
  const disposal = (async () => {
    await previous;
    // Each settled append leaves the set; wait until it is empty, not for one snapshot,
    // since an append admitted just before this disposal was queued may still be running.
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    await client.dispose();
  })();
  disposals = disposal.catch(() => undefined);
  return disposal;
}

/**
 * Runs one append (its reads and its write) as an append in flight: it waits for any
 * disposal under way to finish first, and holds later disposals until it has settled.
 */
export async function trackedAppend<T>(append: () => Promise<T>): Promise<T> {
  // Waits again if another disposal was queued while this one was awaited.
  let gate: Promise<void>;
  do {
    gate = disposals;
    await gate;
  } while (gate !== disposals);
  const running = append();
  inFlight.add(running);
  try {
    return await running;
  } finally {
    inFlight.delete(running);
  }
}
