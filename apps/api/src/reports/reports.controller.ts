import { Controller, Get, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProgramSettings } from '@app/application';
import { DomainError, type Actor } from '@app/budgeting';
import {
  GetDisbursementReportQuery,
  ReadConsistency,
  ReadModels,
  type DisbursementReport,
} from '@app/read-models';
import {
  outputsFileStem,
  outputsTable,
  outputsToWire,
  progressFileStem,
  progressTable,
  progressToWire,
  queryOutputs,
  queryProgress,
  reportPlace,
  todayInVietnam,
  type ReportFormat,
  type ReportParams,
} from '@app/reporting';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentActor } from '../auth';
import { visibleUnit } from '../auth/visibility';
import { minPosition } from '../queries/query.dto';
import { legacyDisbursementToWire } from './legacy-disbursement';
import { formatOf, reportPeriod, sendReport } from './report-files';
import { ReportQueryDto } from './report-query.dto';

/**
 * The reports a district files: the disbursement progress report and the outputs report,
 * as JSON or as a file (CSV, XLSX, PDF) chosen by `format=` or the Accept header, streamed.
 * The same code builds the CLI's files and the dashboard's downloads.
 */
@Controller('api/v1/reports')
export class ReportsController {
  constructor(
    private readonly models: ReadModels,
    private readonly consistency: ReadConsistency,
    private readonly queries: QueryBus,
    private readonly settings: ProgramSettings,
  ) {}

  @Get('disbursement')
  async disbursement(
    @Query() q: ReportQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object | StreamableFile> {
    const params = await this.params(q, actor);
    const report = await queryProgress(this.models, params);
    const format = formatOf(q.format, req.headers.accept);
    if (format === 'json') {
      const legacy: DisbursementReport = await this.queries.execute(
        new GetDisbursementReportQuery({
          fiscalYear: params.fiscalYear,
          asOf: report.end,
          ...(params.unit ? { unit: params.unit } : {}),
          ...(params.knownAt ? { knownAt: params.knownAt } : {}),
        }),
      );
      return { ...legacyDisbursementToWire(legacy), ...progressToWire(report) };
    }
    const table = progressTable(report, this.form(q, actor));
    return sendReport(res, table, format, progressFileStem(report), q, report);
  }

  @Get('outputs')
  async outputs(
    @Query() q: ReportQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object | StreamableFile> {
    const params = await this.params(q, actor);
    const report = await queryOutputs(this.models, params);
    const format = formatOf(q.format, req.headers.accept);
    if (format === 'json') return outputsToWire(report);
    const table = outputsTable(report, this.form(q, actor));
    return sendReport(res, table, format as ReportFormat, outputsFileStem(report), q, report);
  }

  /** A unit's officers and accountants see their unit only; asking for another is refused. */
  private async params(q: ReportQueryDto, actor: Actor): Promise<ReportParams> {
    const own = visibleUnit(actor);
    if (own !== null && q.unit !== undefined && q.unit !== own) {
      throw new DomainError(
        'AUTH.UNIT_FORBIDDEN',
        'forbidden',
        {
          vi: `Người dùng thuộc đơn vị ${own} không được xem báo cáo của đơn vị ${q.unit}`,
          en: `A user of unit ${own} may not see the reports of unit ${q.unit}`,
        },
        { field: 'unit' },
      );
    }
    const unit = own ?? q.unit;
    await this.consistency.ensure(minPosition(q).minPosition);
    return {
      fiscalYear: q.fiscalYear,
      period: reportPeriod(q.fiscalYear, q.period),
      ...(unit ? { unit } : {}),
      ...(q.asOf ? { asOf: q.asOf } : {}),
      ...(q.knownAt ? { knownAt: q.knownAt } : {}),
    };
  }

  private form(q: ReportQueryDto, actor: Actor) {
    return {
      lang: q.lang ?? 'vi',
      reportingUnit: this.settings.reportingUnit,
      place: reportPlace(process.env),
      signedOn: q.signedOn ?? todayInVietnam(),
      signers: {
        preparedBy: q.preparedBy ?? actor.name,
        ...(q.chiefAccountant ? { chiefAccountant: q.chiefAccountant } : {}),
        ...(q.head ? { head: q.head } : {}),
        ...(q.headCapacity ? { headCapacity: q.headCapacity } : {}),
        ...(q.headTitle ? { headTitle: q.headTitle } : {}),
      },
    } as const;
  }
}
