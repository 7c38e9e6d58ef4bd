import { Module } from '@nestjs/common';
import { BudgetingApplicationModule } from '@app/application';
import { HttpInfraModule } from '../http';
import { DashboardAssetsController } from './dashboard-assets.controller';
import { DashboardAuthController } from './dashboard-auth.controller';
import { DashboardReads } from './dashboard-reads';
import { DashboardSessions } from './dashboard-sessions';
import { DashboardController } from './dashboard.controller';
import { IntegrityStatus } from './integrity-status';

/** The dashboard at `/`: sign-in, server-rendered pages over the read queries, its assets. */
@Module({
  imports: [HttpInfraModule, BudgetingApplicationModule],
  controllers: [DashboardAuthController, DashboardAssetsController, DashboardController],
  providers: [DashboardSessions, DashboardReads, IntegrityStatus],
})
export class DashboardModule {}
