import { Module } from '@nestjs/common';
import { EventStoreModule } from '@app/event-store';
import { BudgetingApplicationModule } from '@app/application';
import { BudgetLinesController } from './budget-lines/budget-lines.controller';
import { VerifyController } from './event-log/verify.controller';
import { ExpendituresController } from './expenditures/expenditures.controller';
import { HealthController } from './health/health.controller';
import { HttpInfraModule } from './http';
import { PlansController } from './plans/plans.controller';
import { ReferenceController } from './reference/reference.controller';
import { TransfersController } from './transfers/transfers.controller';

@Module({
  imports: [EventStoreModule, HttpInfraModule, BudgetingApplicationModule],
  controllers: [
    HealthController,
    VerifyController,
    ExpendituresController,
    TransfersController,
    BudgetLinesController,
    ReferenceController,
    PlansController,
  ],
})
export class AppModule {}
