import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  BUDGET_LINE_POLICIES,
  lineErrors,
  parseBudgetLineId,
  READ_POLICIES,
  type Actor,
} from '@app/budgeting';
import { LineCommands, ProgramSettings, type CommandAnswer } from '@app/application';
import { balancesToWire, GetHistoryQuery } from '@app/read-models';
import { balancesTable, historyTable } from '@app/reporting';
import { Allow, CurrentActor } from '../auth';
import { requireLineVisible } from '../auth/visibility';
import { timeOf } from '../http/time-query.dto';
import { CommandKey } from '../idempotency/idempotency-key.decorator';
import { ApiCommand, ApiRead, ApiReadOrDownload } from '../openapi/api-docs';
import { BalancesAnswerDto, HistoryAnswerDto, LineBalanceDto } from '../openapi/answers.dto';
import { sendTable } from '../reports/report-files';
import { RequestContexts } from '../shared-context';
import {
  AllocateFundsDto,
  BalancesQueryDto,
  ExtendCarryOverDeadlineDto,
  HistoryQueryDto,
} from './budget-line.dto';
import {
  allocateCommand,
  balancesFileName,
  cancelCommand,
  classifyCommand,
  balancesQuery,
  extendCommand,
  lineToWire,
  retainCommand,
  returnCommand,
} from './budget-line.mapping';
import { RetainCommitmentsDto, ReturnFundsDto } from './lapse.dto';
import { ClassifyBudgetLineDto } from './classification.dto';
import { CancelFundsDto } from './cancel-funds.dto';

/**
 * Budget lines: money put on them (allocations, carry-over deadlines), what lapses and
 * returns, and their balances and history. Reads of one line fold its stream; reads of
 * many come from the read models.
 */
@ApiTags('budget lines')
@Controller('api/v1')
export class BudgetLinesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly lines: LineCommands,
    private readonly contexts: RequestContexts,
    private readonly settings: ProgramSettings,
  ) {}

  /** Giao dự toán: the finance office (administrators) and imports. */
  @Post('allocations')
  @Allow(BUDGET_LINE_POLICIES.AllocateFunds)
  @ApiCommand('Giao dự toán cho một dòng ngân sách / Allocate funds to a budget line', 201)
  allocate(
    @Body() body: AllocateFundsDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const context = this.contexts.of(actor, key, body.effectiveDate);
    return this.commands.execute(allocateCommand(context, body));
  }

  @Post('carry-over-extensions')
  @Allow(BUDGET_LINE_POLICIES.ExtendCarryOverDeadline)
  @ApiCommand(
    'Gia hạn kinh phí chuyển nguồn / Extend the deadline of carried-over money',
    201,
    'Records CarryOverDeadlineExtended on every line the decision names, or nothing.',
  )
  extend(
    @Body() body: ExtendCarryOverDeadlineDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const context = this.contexts.of(actor, key, body.effectiveDate);
    return this.commands.execute(extendCommand(context, body));
  }

  @Post('budget-lines/:id/retentions')
  @Allow(BUDGET_LINE_POLICIES.RetainCommitments)
  @ApiCommand(
    'Giữ lại khoản chi đã duyệt của nguồn chuyển quá hạn / Keep approved expenditures past a carry-over’s deadline',
    201,
    'Without such a decision, approved but unpaid money lapses at the deadline with the rest.',
  )
  retain(
    @Param('id') id: string,
    @Body() body: RetainCommitmentsDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const context = this.contexts.of(actor, key, body.effectiveDate);
    return this.commands.execute(retainCommand(context, id, body));
  }

  @Post('budget-lines/:id/returns')
  @Allow(BUDGET_LINE_POLICIES.ReturnFunds)
  @ApiCommand(
    'Hoàn trả kinh phí cho ngân sách cấp trên / Return funds to a higher budget level',
    201,
    'Lapsed money, or money unspent at the year’s end, of central or provincial funds.',
  )
  returnFunds(
    @Param('id') id: string,
    @Body() body: ReturnFundsDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const context = this.contexts.of(actor, key, body.effectiveDate);
    return this.commands.execute(returnCommand(context, id, body));
  }

  @Post('budget-lines/:id/cancellations')
  @Allow(BUDGET_LINE_POLICIES.CancelFunds)
  @ApiCommand(
    'Hủy dự toán của một dòng theo quyết định / Cancel part of a line’s estimate by a decision',
    201,
    'Records FundsCancelled: no more than the line has available on the effective date and every later one; not in a closed year.',
  )
  cancel(
    @Param('id') id: string,
    @Body() body: CancelFundsDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const context = this.contexts.of(actor, key, body.effectiveDate);
    return this.commands.execute(cancelCommand(context, id, body));
  }

  @Post('budget-lines/:id/classification')
  @Allow(BUDGET_LINE_POLICIES.ClassifyBudgetLine)
  @ApiCommand(
    'Phân loại dòng theo mục lục ngân sách / Classify a line by the budget index (mục lục NSNN)',
    201,
    'Chương, loại–khoản, mã CTMTQG and mã nguồn NSNN, each checked against the code table shipped with the product on the effective date. A line is classified once: the same codes again record nothing, other codes are refused (409 BUDGET.CLASSIFICATION_CONFLICT).',
  )
  classify(
    @Param('id') id: string,
    @Body() body: ClassifyBudgetLineDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const context = this.contexts.of(actor, key, body.effectiveDate);
    return this.commands.execute(classifyCommand(context, id, body));
  }

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
    const answer = await this.queries.execute(balancesQuery(q, actor));
    if (q.format === 'csv' || q.format === 'xlsx') {
      const table = balancesTable(answer, {
        unitName: this.settings.reportingUnit,
        lang: 'vi',
        ...(q.fiscalYear === undefined ? {} : { fiscalYear: q.fiscalYear }),
      });
      return sendTable(res, table, balancesFileName(q), q.format);
    }
    return balancesToWire(answer);
  }

  /**
   * One line's current balance, folded from its own stream: always up to date with
   * every command that answered. Balances over time come with the read models.
   */
  @Get('budget-lines/:id')
  @Allow(READ_POLICIES.GetLine)
  @ApiRead(
    'Số dư hiện tại của một dòng / One line’s current balance',
    LineBalanceDto,
    'Folded from the line’s own stream: up to date with every command that answered.',
  )
  async line(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<object> {
    parseBudgetLineId(id);
    requireLineVisible(actor, id);
    const state = await this.lines.state(id);
    if (!state.key) throw lineErrors.notOpen(id);
    return lineToWire(id, state);
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
    const answer = await this.queries.execute(new GetHistoryQuery(id, timeOf(q)));
    if (q.format === 'csv' || q.format === 'xlsx') {
      const table = historyTable(answer, { unitName: this.settings.reportingUnit, lang: 'vi' });
      return sendTable(res, table, `lich-su-${id}`, q.format);
    }
    return answer;
  }
}
