export * from './event';
export * from './errors';
export * from './event-store.port';
export * from './hashing';
export { encodeBatch, type EncodedEvent } from './encoding';
export { encodeJson } from './canonical-json';
export * from './upcasting';
export * from './verify';
export * from './audit';
export * from './checkpointed-subscription';
export { isIsoDate } from './validation';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
// The log's DDL, for tools that write a log file in bulk (the benchmarks' raw log).
export { SCHEMA_SQL } from './sqlite/schema';
// The EventStoreDB adapter: `@app/event-store/eventstoredb`, loaded only where it is used.
export type { EventStoreDbOptions } from './eventstoredb/eventstoredb-event-store';
export type { ClientLease, EsdbClient } from './eventstoredb/eventstoredb-client';
export type { EsdbRecord } from './eventstoredb/eventstoredb-mapping';
export { createEventStore, type EventStoreConfig } from './create-event-store';
export { EventStoreModule, EVENT_STORE } from './event-store.module';
export {
  MAX_APPEND_BYTES,
  STORE_OVERHEAD_BYTES_PER_EVENT,
  appendSize,
  checkAppendSize,
} from './append-size';
