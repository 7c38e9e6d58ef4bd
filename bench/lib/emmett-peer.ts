/**
 * The peer: Emmett's SQLite event store (@event-driven-io/emmett-sqlite 0.38.5, the
 * release whose core is on the registry; 0.42.4 wants a core 0.42.4 that is not). Its
 * fastest configuration keeps one connection open and calls its appendToStream on it;
 * the default `getSQLiteEventStore({ fileName })` opens and closes a connection per call.
 */
import {
  appendToStream,
  createEventStoreSchema,
  getSQLiteEventStore,
  sqliteConnection,
} from '@event-driven-io/emmett-sqlite';
import type { NewEvent } from '@app/event-store';

export interface EmmettEvent {
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export function toEmmett(event: NewEvent): EmmettEvent {
  return {
    type: event.type,
    data: event.data,
    metadata: { ...event.metadata },
  };
}

export interface EmmettAppender {
  append(streamId: string, events: EmmettEvent[]): Promise<void>;
  /** PRAGMA values of the connection, to show it runs with the same durability. */
  pragmas(): Promise<{ journalMode: string; synchronous: number }>;
  close(): void;
}

/** One kept connection (the fastest configuration), with optimistic concurrency per stream. */
export async function keptConnection(file: string): Promise<EmmettAppender> {
  const connection = sqliteConnection({ fileName: file });
  await createEventStoreSchema(connection);
  const versions = new Map<string, bigint>();
  return {
    async append(streamId, events) {
      const current = versions.get(streamId);
      const streamType = streamId.split('-')[0] ?? 'emt:unknown';
      const result = await appendToStream(connection, streamId, streamType, events, {
        ...(current === undefined ? {} : { expectedStreamVersion: current }),
      });
      if (!result.success) throw new Error(`emmett: append to ${streamId} refused (conflict)`);
      versions.set(streamId, result.nextStreamPosition);
    },
    async pragmas() {
      const mode = await connection.querySingle<{ journal_mode: string }>('PRAGMA journal_mode');
      const sync = await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous');
      return { journalMode: mode?.journal_mode ?? '?', synchronous: sync?.synchronous ?? -1 };
    },
    close: () => connection.close(),
  };
}

/** The documented default: getSQLiteEventStore, a connection opened and closed per call. */
export function defaultStore(file: string): EmmettAppender {
  const store = getSQLiteEventStore({ fileName: file });
  const versions = new Map<string, bigint>();
  return {
    async append(streamId, events) {
      const current = versions.get(streamId);
      const result = await store.appendToStream(streamId, events, {
        ...(current === undefined ? {} : { expectedStreamVersion: current }),
      });
      versions.set(streamId, result.nextExpectedStreamVersion);
    },
    pragmas: () => Promise.resolve({ journalMode: 'wal', synchronous: -1 }),
    close: () => undefined,
  };
}
