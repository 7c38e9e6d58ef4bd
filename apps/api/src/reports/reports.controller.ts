import { Controller, Get, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { READ_POLICIES, type Actor } from '@app/budgeting';
import { GetDisbursementReportQuery, type DisbursementReport } from '@app/read-models';
import { outputsToWire, progressToWire, signerNames } from '@app/reporting';
import { Allow, CurrentActor } from '../auth';
import { timeOf } from '../http/time-query.dto';
import { legacyDisbursementToWire } from './legacy-disbursement';
import { ReportBuilder, type FormAsk, type ReportAsk, type ReportKind } from './report-builder';
import { formatOf, sendReport } from './report-files';
import { ReportQueryDto } from './report-query.dto';
import { ApiTags } from '@nestjs/swagger';
import { ApiReadOrDownload } from '../openapi/api-docs';
import { OutputsReportDto, ProgressReportDto } from '../openapi/answers.dto';

function ask(q: ReportQueryDto): ReportAsk {
  return {
    fiscalYear: q.fiscalYear,
    ...(q.period ? { period: q.period } : {}),
    ...(q.unit ? { unit: q.unit } : {}),
    ...(q.groupBy ? { groupBy: q.groupBy } : {}),
    ...timeOf(q),
  };
}

function formAsk(q: ReportQueryDto): FormAsk {
  return {
    lang: q.lang ?? 'vi',
    ...(q.signedOn ? { signedOn: q.signedOn } : {}),
    signers: signerNames(q),
  };
}

/**
 * The reports a district files: the disbursement progress report and the outputs report,
 * as JSON or as a file (CSV, XLSX, PDF) chosen by `format=` or the Accept header, streamed.
 * The same code builds the CLI's files and the dashboard's downloads.
 */
@ApiTags('reports')
@Controller('api/v1/reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportBuilder,
    private readonly queries: QueryBus,
  ) {}

  @Get('disbursement')
  @Allow(READ_POLICIES.GetDisbursementReport)
  @ApiReadOrDownload(
    'Báo cáo tiến độ giải ngân / The disbursement progress report',
    ProgressReportDto,
    { pdf: true },
  )
  disbursement(
    @Query() q: ReportQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object | StreamableFile> {
    return this.answer('disbursement', q, actor, req, res);
  }

  @Get('outputs')
  @Allow(READ_POLICIES.GetOutputsReport)
  @ApiReadOrDownload('Báo cáo kết quả thực hiện sản phẩm / The outputs report', OutputsReportDto, {
    pdf: true,
  })
  outputs(
    @Query() q: ReportQueryDto,
    @CurrentActor() actor: Actor,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object | StreamableFile> {
    return this.answer('outputs', q, actor, req, res);
  }

  private async answer(
    kind: ReportKind,
    q: ReportQueryDto,
    actor: Actor,
    req: Request,
    res: Response,
  ): Promise<object | StreamableFile> {
    const built = await this.reports.build(kind, ask(q), actor);
    const format = formatOf(q.format, req.headers.accept);
    if (format === 'json') {
      if (built.kind === 'outputs') return outputsToWire(built.report);
      // The 0.3.0 answer (part × fund source × source year) stays beside the rows.
      const { report } = built;
      const legacy: DisbursementReport = await this.queries.execute(
        new GetDisbursementReportQuery({
          fiscalYear: report.fiscalYear,
          asOf: report.end,
          ...(report.unit ? { unit: report.unit } : {}),
          ...(report.knownAt ? { knownAt: report.knownAt } : {}),
        }),
      );
      return { ...legacyDisbursementToWire(legacy), ...progressToWire(report) };
    }
    const { table, stem, basis } = this.reports.table(built, formAsk(q), actor);
    return sendReport(res, table, format, stem, q, basis);
  }
}
