// The application's test fixtures, for specs outside this library (@app/application/testing).
// Production code never imports it (see eslint.config.mjs).
export * from './command-context.fixture';
export * from './day-clock';
