// The EventStoreDB log, apart from the package's main entry (`@app/event-store`): a
// process on SQLite never loads its gRPC client. createEventStore loads this only for
// EVENT_STORE=eventstoredb.
export { EventStoreDbEventStore, type EventStoreDbOptions } from './eventstoredb-event-store';
export type { ClientLease, EsdbClient } from './eventstoredb-client';
export type { EsdbRecord } from './eventstoredb-mapping';
