// Fault-injection helpers (child processes, API processes, races, tampering), apart from
// @app/testing so that unit specs do not load them. The *-worker and crash-* files are
// scripts forked by these helpers, not exported.
export * from './api-process';
export * from './append-journal';
export * from './child-process';
export * from './fault-settings';
export * from './hostile-requests';
export * from './ledger-fixture';
export * from './overlap';
export * from './race-pool';
export * from './tamper';
