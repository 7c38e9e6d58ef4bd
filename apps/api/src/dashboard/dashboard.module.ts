import { Module } from '@nestjs/common';
import { BudgetingApplicationModule } from '@app/application';
import { HttpInfraModule } from '../http';
import { DashboardAssetsController } from './dashboard-assets.controller';
import { DashboardAuthController } from './dashboard-auth.controller';
import { DashboardReads } from './dashboard-reads';
import { DashboardSessions } from './dashboard-sessions';
import { DashboardController } from './dashboard.controller';
import { DashboardReportsController } from './dashboard-reports.controller';
import { ReportsModule } from '../reports/reports.module';
import { IntegrityStatus } from './integrity-status';
import { ExpenditureFormsController } from './forms/expenditure-forms.controller';
import { FormBridge } from './forms/form-bridge';
import { FormGate } from './forms/form-gate';
import { FormReads } from './forms/form-reads';
import { ExpenditureReads } from './forms/expenditure-reads';
import { Inbox } from './forms/inbox';
import { InboxController } from './forms/inbox.controller';
import { DefPages } from './forms/def-page';
import { FinanceFormsController } from './forms/finance-forms.controller';
import { StreamReads } from './forms/stream-reads';
import { TransferFormsController } from './forms/transfer-forms.controller';
import { PlanFormsController } from './forms/plan-forms.controller';
import { FormsIndexController } from './forms/forms-index.controller';
import { UnitFormsController } from './forms/unit-forms.controller';
import { ProgramFormsController } from './forms/program-forms.controller';
import { LineFormsController } from './forms/line-forms.controller';
import { OperationsFormsController } from './forms/operations-forms.controller';

/** The dashboard at `/`: sign-in, server-rendered pages over the read queries, its assets. */
@Module({
  imports: [HttpInfraModule, BudgetingApplicationModule, ReportsModule],
  controllers: [
    DashboardAuthController,
    DashboardAssetsController,
    DashboardController,
    DashboardReportsController,
    ExpenditureFormsController,
    InboxController,
    TransferFormsController,
    FinanceFormsController,
    PlanFormsController,
    FormsIndexController,
    UnitFormsController,
    ProgramFormsController,
    LineFormsController,
    OperationsFormsController,
  ],
  providers: [
    DashboardSessions,
    DashboardReads,
    IntegrityStatus,
    FormGate,
    FormBridge,
    FormReads,
    ExpenditureReads,
    Inbox,
    DefPages,
    StreamReads,
  ],
})
export class DashboardModule {}
