/**
 * The decider specs' entry, `@app/testing/decider`: apart from `@app/testing` because that
 * one loads the event-store adapters (SQLite, the EventStoreDB client) and the domain's
 * unit specs must not. Test code only: libs/budgeting's production files may not import
 * it (eslint.config.mjs), so the dependency stays one way, testing → budgeting.
 */
export * from './given-when-then';
