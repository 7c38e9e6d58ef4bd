import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthGuard } from '../auth/auth.guard';
import {
  CredentialStore,
  Credentials,
  SecurityLog,
  SessionStore,
  IdempotencyStore,
  openApiState,
  type ApiState,
} from '@app/api-state';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { SignInLimiter } from '../rate-limit/sign-in-limiter';
import { BUDGET_CONFIG, BudgetConfigModule, type BudgetConfig } from '@app/config';

const API_STATE = Symbol('API_STATE');

/** The API state's rate-limit storage (RateLimitStorage), for @nestjs/throttler. */
export const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

class HttpInfraLifecycle implements OnApplicationShutdown {
  constructor(@Inject(API_STATE) private readonly state: ApiState) {}

  async onApplicationShutdown(): Promise<void> {
    await this.state.close();
  }
}

/**
 * Authentication (global AuthGuard: bearer token unless @Public(), @Roles()), the
 * Idempotency-Key interceptor, the security log and the dashboard's session store, all
 * on the API's state store (see api-state.ts: SQLite files in BUDGET_DATA_DIR, or MongoDB
 * with READ_STORE=mongodb). Pair with `configureApp(app)`.
 *
 * `CredentialStore` (synchronous) is provided as well on SQLite, for the tools and tests
 * that seed users on the embedded deployment; it is null on MongoDB, where `Credentials`
 * is the only way in.
 */
@Module({
  imports: [BudgetConfigModule],
  providers: [
    {
      provide: API_STATE,
      inject: [BUDGET_CONFIG],
      useFactory: (config: BudgetConfig) => openApiState(config.readStore),
    },
    {
      provide: Credentials,
      useFactory: (state: ApiState) => state.credentials,
      inject: [API_STATE],
    },
    {
      provide: CredentialStore,
      useFactory: (state: ApiState) => state.embeddedCredentials,
      inject: [API_STATE],
    },
    {
      provide: IdempotencyStore,
      useFactory: (state: ApiState) => state.idempotency,
      inject: [API_STATE],
    },
    {
      provide: SecurityLog,
      useFactory: (state: ApiState) => state.securityLog,
      inject: [API_STATE],
    },
    {
      provide: SessionStore,
      useFactory: (state: ApiState) => state.sessions,
      inject: [API_STATE],
    },
    {
      provide: RATE_LIMIT_STORAGE,
      useFactory: (state: ApiState) => state.rateLimits,
      inject: [API_STATE],
    },
    {
      provide: SignInLimiter,
      useFactory: (state: ApiState, config: BudgetConfig) =>
        new SignInLimiter(state.rateLimits, config.rateLimit.perAddressPerMinute),
      inject: [API_STATE, BUDGET_CONFIG],
    },
    HttpInfraLifecycle,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [
    Credentials,
    CredentialStore,
    IdempotencyStore,
    SecurityLog,
    SessionStore,
    SignInLimiter,
    RATE_LIMIT_STORAGE,
  ],
})
export class HttpInfraModule {}
