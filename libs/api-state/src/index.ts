// The API's own state: users and tokens, dashboard sessions, idempotency records, rate
// limits and the security log. A library because the API serves it and the CLI
// (`budget users`, `budget import`) writes it; each port has a SQLite and a MongoDB adapter.
export * from './api-state';
export * from './credentials/users';
export * from './credentials/credentials.port';
export * from './credentials/buffered-accounts';
export * from './security-log/security-log';
export * from './security-log/aggregating-security-log';
export * from './sessions/session-store';
export * from './idempotency/idempotency-store';
export * from './rate-limits/rate-limit-storage';
export * from './sqlite/credential-store';
export * from './sqlite/sqlite-credentials';
export * from './sqlite/sqlite-security-log';
export * from './sqlite/sqlite-session-store';
export * from './sqlite/sqlite-idempotency-store';
export * from './sqlite/sqlite-rate-limits';
export * from './mongodb/mongo-state';
export * from './mongodb/mongo-credentials';
export * from './mongodb/mongo-security-log';
export * from './mongodb/mongo-session-store';
export * from './mongodb/mongo-idempotency-store';
export * from './mongodb/mongo-rate-limits';
