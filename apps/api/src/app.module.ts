import { Module } from '@nestjs/common';
import { LoggingModule } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { BudgetingApplicationModule } from '@app/application';
import { ReadModelsModule } from '@app/read-models';
import { ProjectionsController } from './admin/projections.controller';
import { ApprovalsController } from './approvals/approvals.controller';
import { BudgetLinesController } from './budget-lines/budget-lines.controller';
import { FiscalYearsController } from './fiscal-years/fiscal-years.controller';
import { DashboardModule } from './dashboard/dashboard.module';
import { VerifyController } from './event-log/verify.controller';
import { ExpendituresController } from './expenditures/expenditures.controller';
import { TreasuryController } from './expenditures/treasury.controller';
import { JointWorkController } from './joint-work/joint-work.controller';
import { AdvancesController } from './advances/advances.controller';
import { OpenAdvancesController } from './advances/open-advances.controller';
import { HealthModule } from './health/health.module';
import { HttpInfraModule } from './http';
import { PlansController } from './plans/plans.controller';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { ReferenceController } from './reference/reference.controller';
import { ReportsModule } from './reports/reports.module';
import { RequestContexts } from './shared-context';
import { TransfersController } from './transfers/transfers.controller';

@Module({
  imports: [
    LoggingModule,
    EventStoreModule,
    HttpInfraModule,
    RateLimitModule,
    BudgetingApplicationModule,
    ReadModelsModule,
    ReportsModule,
    DashboardModule,
    HealthModule,
  ],
  controllers: [
    VerifyController,
    ExpendituresController,
    TreasuryController,
    JointWorkController,
    AdvancesController,
    OpenAdvancesController,
    TransfersController,
    BudgetLinesController,
    FiscalYearsController,
    ReferenceController,
    PlansController,
    ApprovalsController,
    ProjectionsController,
  ],
  providers: [RequestContexts],
})
export class AppModule {}
