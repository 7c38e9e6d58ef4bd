import { Controller, Get, Param, ParseIntPipe, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ProgramSettings } from '@app/application';
import {
  balancesTable,
  disbursementTable,
  historyTable,
  toCsv,
  toXlsx,
  type ReportTable,
} from '@app/reporting';
import { QueryBus } from '@nestjs/cqrs';
import { parseBudgetLineId, type Actor } from '@app/budgeting';
import { CurrentActor } from '../auth';
import { ProblemException } from '../http/problem';
import { canSeeLine, requireLineVisible, visibleUnit } from '../auth/visibility';
import {
  balancesToWire,
  formatRate,
  GetApprovalsQuery,
  GetBalancesQuery,
  GetDisbursementReportQuery,
  GetHistoryQuery,
  GetPlanQuery,
  type DisbursementReport,
  type DisbursementRow,
} from '@app/read-models';
import { amountsToWire } from '@app/read-models';
import {
  ApprovalsQueryDto,
  BalancesQueryDto,
  minPosition,
  ReportQueryDto,
  HistoryQueryDto,
} from './query.dto';
import { ApiTags } from '@nestjs/swagger';
import { ApiRead, ApiReadOrDownload } from '../openapi/api-docs';
import {
  ApprovalsAnswerDto,
  BalancesAnswerDto,
  DisbursementReportDto,
  HistoryAnswerDto,
  PlanDto,
} from '../openapi/answers.dto';

function rowToWire(r: DisbursementRow): object {
  const { amounts, estimate, rateBasisPoints, ...rest } = r;
  return {
    ...rest,
    ...amountsToWire(amounts),
    estimate: estimate.toString(),
    rateBasisPoints: rateBasisPoints?.toString() ?? null,
    rate: formatRate(rateBasisPoints),
  };
}

export function reportToWire(report: DisbursementReport): object {
  return {
    fiscalYear: report.fiscalYear,
    asOf: report.asOf,
    knownAt: report.knownAt,
    current: report.current.map(rowToWire),
    carriedOver: report.carriedOver.map(rowToWire),
    totals: {
      current: rowToWire(report.totals.current),
      carriedOver: rowToWire(report.totals.carriedOver),
      all: rowToWire(report.totals.all),
    },
  };
}

type FileFormat = 'csv' | 'xlsx';

/** Sends a report table as a download: CSV (UTF-8 with BOM) or XLSX. */
async function download(
  res: Response,
  table: ReportTable,
  name: string,
  format: FileFormat,
): Promise<StreamableFile> {
  if (format === 'csv') {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
    return new StreamableFile(Buffer.from(toCsv(table), 'utf8'));
  }
  res.setHeader(
    'Content-Type',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  res.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`);
  return new StreamableFile(await toXlsx(table));
}

/** Reads through the query bus, from the read models; any signed-in user. */
@ApiTags('reads')
@Controller('api/v1')
export class ReadsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly settings: ProgramSettings,
  ) {}

  @Get('budget-lines')
  @ApiReadOrDownload(
    'Số dư các dòng ngân sách, theo cả hai trục thời gian / Balances of every line, on both time axes',
    BalancesAnswerDto,
  )
  async balances(
    @Query() q: BalancesQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    const unit = visibleUnit(actor);
    const answer = await this.queries.execute(
      new GetBalancesQuery({
        ...(unit === null ? {} : { unit }),
        ...(q.fiscalYear === undefined ? {} : { fiscalYear: q.fiscalYear }),
        ...(q.asOf ? { asOf: q.asOf } : {}),
        ...(q.knownAt ? { knownAt: q.knownAt } : {}),
        ...minPosition(q),
      }),
    );
    if (q.format === 'csv' || q.format === 'xlsx') {
      const table = balancesTable(answer, {
        unitName: this.settings.reportingUnit,
        lang: 'vi',
        ...(q.fiscalYear === undefined ? {} : { fiscalYear: q.fiscalYear }),
      });
      return download(
        res,
        table,
        `so-du${q.fiscalYear ? `-${q.fiscalYear}` : ''}${q.asOf ? `-den-${q.asOf}` : ''}`,
        q.format,
      );
    }
    return balancesToWire(answer);
  }

  @Get('budget-lines/:id/history')
  @ApiReadOrDownload(
    'Lịch sử một dòng với số dư lũy kế / A line’s history with its running balance',
    HistoryAnswerDto,
  )
  async history(
    @Param('id') id: string,
    @Query() q: HistoryQueryDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<object> {
    parseBudgetLineId(id);
    requireLineVisible(actor, id);
    const answer = await this.queries.execute(
      new GetHistoryQuery(id, {
        ...(q.asOf ? { asOf: q.asOf } : {}),
        ...(q.knownAt ? { knownAt: q.knownAt } : {}),
        ...minPosition(q),
      }),
    );
    if (q.format === 'csv' || q.format === 'xlsx') {
      const table = historyTable(answer, { unitName: this.settings.reportingUnit, lang: 'vi' });
      return download(res, table, `lich-su-${id}`, q.format);
    }
    return answer;
  }

  @Get('approvals')
  @ApiRead(
    'Dấu vết phê duyệt / The approval trail',
    ApprovalsAnswerDto,
    'Filter by approver, document or line; decisions on lines follow the reader’s unit.',
  )
  async approvals(@Query() q: ApprovalsQueryDto, @CurrentActor() actor: Actor): Promise<object> {
    const approvals = await this.queries.execute(
      new GetApprovalsQuery({
        ...(q.approver ? { approver: q.approver } : {}),
        ...(q.document ? { document: q.document } : {}),
        ...(q.budgetLineId ? { budgetLineId: q.budgetLineId } : {}),
        ...minPosition(q),
      }),
    );
    // Decisions on plans are district-wide; those on lines follow the lines' visibility.
    const visible = approvals.filter(
      (a) => typeof a.budgetLineId !== 'string' || canSeeLine(actor, a.budgetLineId),
    );
    return { approvals: visible };
  }

  /** JSON by default; `format=csv` (UTF-8 with BOM) or `format=xlsx` as a download. */
  @Get('reports/disbursement')
  @ApiReadOrDownload(
    'Báo cáo giải ngân của năm / The year’s disbursement report',
    DisbursementReportDto,
  )
  async disbursement(
    @Query() q: ReportQueryDto,
    @Res({ passthrough: true }) res: Response,
    @CurrentActor() actor: Actor,
  ): Promise<object | StreamableFile> {
    const unit = visibleUnit(actor);
    const report = await this.queries.execute(
      new GetDisbursementReportQuery({
        fiscalYear: q.fiscalYear,
        ...(unit === null ? {} : { unit }),
        ...(q.asOf ? { asOf: q.asOf } : {}),
        ...(q.knownAt ? { knownAt: q.knownAt } : {}),
        ...minPosition(q),
      }),
    );
    if (!q.format || q.format === 'json') return reportToWire(report);
    const table = disbursementTable(report, { unitName: this.settings.reportingUnit, lang: 'vi' });
    return download(
      res,
      table,
      `giai-ngan-${report.fiscalYear}${report.asOf ? `-den-${report.asOf}` : ''}`,
      q.format,
    );
  }

  @Get('plans/:year/:unit')
  @ApiRead('Kế hoạch của năm và đơn vị chủ trì / A plan by year and lead unit', PlanDto)
  async plan(
    @Param('year', ParseIntPipe) year: number,
    @Param('unit') unit: string,
  ): Promise<object> {
    const plan = await this.queries.execute(new GetPlanQuery(year, unit));
    if (!plan) {
      throw new ProblemException(404, 'PLAN.NOT_FOUND', {
        vi: `Không có kế hoạch năm ${year} của đơn vị ${unit}`,
        en: `No plan for ${year} led by ${unit}`,
      });
    }
    return plan;
  }
}
