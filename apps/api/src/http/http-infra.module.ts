import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { join } from 'node:path';
import { AuthGuard } from '../auth/auth.guard';
import { CredentialStore } from '../auth/credential-store';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { IdempotencyStore } from '../idempotency/idempotency-store';
import { SecurityLog } from '../auth/security-log';

/** BUDGET_DATA_DIR as the contract names it, `./data` by default. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.BUDGET_DATA_DIR ?? './data';
}

class HttpInfraLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(CredentialStore) private readonly credentials: CredentialStore,
    @Inject(IdempotencyStore) private readonly idempotency: IdempotencyStore,
    @Inject(SecurityLog) private readonly securityLog: SecurityLog,
  ) {}

  onApplicationShutdown(): void {
    this.credentials.close();
    this.idempotency.close();
    this.securityLog.close();
  }
}

/**
 * Authentication (global AuthGuard: bearer token unless @Public(), @Roles()) and the
 * Idempotency-Key interceptor, on `<BUDGET_DATA_DIR>/auth.sqlite` and
 * `<BUDGET_DATA_DIR>/idempotency.sqlite`. Pair with `configureApp(app)`.
 */
@Module({
  providers: [
    {
      provide: CredentialStore,
      useFactory: (): CredentialStore => new CredentialStore(join(dataDirFromEnv(), 'auth.sqlite')),
    },
    {
      provide: IdempotencyStore,
      useFactory: (): IdempotencyStore =>
        new IdempotencyStore(join(dataDirFromEnv(), 'idempotency.sqlite')),
    },
    {
      provide: SecurityLog,
      useFactory: (): SecurityLog => new SecurityLog(join(dataDirFromEnv(), 'security.sqlite')),
    },
    HttpInfraLifecycle,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [CredentialStore, IdempotencyStore, SecurityLog],
})
export class HttpInfraModule {}
