export * from './document-store.port';
export {
  DocumentStoreError,
  DocumentStoreUnavailableError,
  InvalidQueryError,
  InvalidWriteError,
  NotWholeDongError,
} from './sqlite/document-store.rules';
export {
  SqliteDocumentStore,
  tableFor,
  type SqliteDocumentStoreOptions,
} from './sqlite/sqlite-document-store';
// The MongoDB adapter and its connection helpers: `@app/read-models/mongodb`, loaded only
// where MongoDB is used.
export * from './document-store.token';
export * from './projection';
export * from './projections';
export * from './runner/generations';
export * from './runner/project-range';
export * from './runner/projection-runner';
export * from './runner/rebuild';
export * from './runner/lag';
export * from './runner/compare-generations';
export { evolveDocs } from './runner/states';
export * from './queries/read-models';
export * from './queries/time-window';
export * from './queries/balances.query';
// The time-travel query's read sizes: benches compare its ways on one read model.
export { residualProbe } from './queries/balances-at';
export * from './queries/history.query';
export * from './queries/open-advances.query';
export * from './queries/approvals.query';
export * from './queries/disbursement.query';
export * from './queries/plan.query';
export * from './queries/pending-decisions.query';
export * from './read-models.config';
export * from './read-models.queries';
export * from './open-advances.queries';
export * from './pending-decisions.queries';
export * from './read-models.module';
export * from './lease';
