import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { BudgetingApplicationModule } from '@app/application';
import { ReadModelsModule } from '@app/read-models';
import { ExampleLoader } from '../example/example-loader';
import { HttpInfraModule } from '../http';
import { HealthController } from './health.controller';
import { Readiness } from './readiness';

/** Liveness, readiness, and the example's first load that readiness waits for. */
@Module({
  // Terminus logs a failed check itself; the 503 answer already says why.
  imports: [
    TerminusModule.forRoot({ logger: false }),
    HttpInfraModule,
    BudgetingApplicationModule,
    ReadModelsModule,
  ],
  controllers: [HealthController],
  providers: [Readiness, ExampleLoader],
  exports: [ExampleLoader],
})
export class HealthModule {}
