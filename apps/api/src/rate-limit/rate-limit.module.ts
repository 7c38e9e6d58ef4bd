import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { BUDGET_CONFIG, type BudgetConfig } from '@app/config';
import { HttpInfraModule, RATE_LIMIT_STORAGE } from '../http/http-infra.module';
import type { RateLimitStorage } from '@app/api-state';
import { WriteThrottlerGuard } from './write-throttler.guard';

/**
 * @nestjs/throttler for writes per user (see WriteThrottlerGuard), on the API's shared
 * state. Imported after HttpInfraModule, whose AuthGuard must run first.
 */
@Module({
  imports: [
    HttpInfraModule,
    ThrottlerModule.forRootAsync({
      imports: [HttpInfraModule],
      inject: [RATE_LIMIT_STORAGE, BUDGET_CONFIG],
      useFactory: (storage: RateLimitStorage, config: BudgetConfig) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimit.perUserPerMinute }],
        storage,
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: WriteThrottlerGuard }],
})
export class RateLimitModule {}
