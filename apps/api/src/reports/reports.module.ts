import { Module } from '@nestjs/common';
import { BudgetingApplicationModule } from '@app/application';
import { ReadModelsModule } from '@app/read-models';
import { ReportBuilder } from './report-builder';
import { ReportsController } from './reports.controller';

/** The reports' routes, and the builder the dashboard's downloads share. */
@Module({
  imports: [BudgetingApplicationModule, ReadModelsModule],
  controllers: [ReportsController],
  providers: [ReportBuilder],
  exports: [ReportBuilder],
})
export class ReportsModule {}
