import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ProgramSettings } from '@app/application';
import { balancesTable, historyTable, toCsv, toXlsx, type ReportTable } from '@app/reporting';
import { QueryBus } from '@nestjs/cqrs';
import { parseBudgetLineId, READ_POLICIES, type Actor } from '@app/budgeting';
import { Allow, CurrentActor } from '../auth';
import {
  approvalUnit,
  canSeeUnit,
  requireLineVisible,
  requirePlanVisible,
  visibleUnit,
} from '../auth/visibility';
import { FiscalYearParam, UnitParam } from '../http/path-params';
import { ProblemException } from '../http/problem';
import {
  balancesToWire,
  GetApprovalsQuery,
  GetBalancesQuery,
  GetHistoryQuery,
  GetPlanQuery,
} from '@app/read-models';
import { ApprovalsQueryDto, BalancesQueryDto, minPosition, HistoryQueryDto } from './query.dto';
import { ApiTags } from '@nestjs/swagger';
import { ApiRead, ApiReadOrDownload } from '../openapi/api-docs';
import {
  ApprovalsAnswerDto,
  BalancesAnswerDto,
  HistoryAnswerDto,
  PlanDto,
} from '../openapi/answers.dto';

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
  @Allow(READ_POLICIES.GetBalances)
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
  @Allow(READ_POLICIES.GetHistory)
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
  @Allow(READ_POLICIES.GetApprovals)
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
    // Decisions on lines follow the lines' unit, decisions on plans the plan's lead unit.
    const visible = approvals.filter((a) => canSeeUnit(actor, approvalUnit(a)));
    return { approvals: visible };
  }

  @Get('plans/:year/:unit')
  @Allow(READ_POLICIES.GetPlan)
  @ApiRead('Kế hoạch của năm và đơn vị chủ trì / A plan by year and lead unit', PlanDto)
  async plan(
    @FiscalYearParam() year: number,
    @UnitParam() unit: string,
    @CurrentActor() actor: Actor,
  ): Promise<object> {
    requirePlanVisible(actor, unit);
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
