// The domain's test fixtures, for specs outside this library (@app/budgeting/testing).
// Production code never imports it (see eslint.config.mjs).
export * from './plan/testing/ba-to-2024.fixture';
