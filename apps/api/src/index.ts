// The API's front door for the tests and benchmarks that start it in-process (no other
// app imports it: the state both programs need lives in @app/api-state).
export { AppModule } from './app.module';
export * from './auth';
export * from './http';
export { createHttpAdapter } from './http/http-adapter';
export * from './idempotency';
export { ExampleLoader } from './example/example-loader';
export { DashboardSessions, SESSION_COOKIE } from './dashboard/dashboard-sessions';
export { TEXT as DASHBOARD_TEXT } from './dashboard/i18n';
export { POLICY_KEY, PUBLIC_KEY } from './auth/auth.decorators';
export { setupOpenApi } from './openapi/openapi';
export { METADATA_FILE, generatePluginMetadata } from './openapi/plugin-metadata';
