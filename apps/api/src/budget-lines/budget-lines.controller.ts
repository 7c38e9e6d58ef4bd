import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  BUDGET_LINE_POLICIES,
  lineErrors,
  READ_POLICIES,
  parseBudgetLineId,
  parseMoney,
  type Actor,
} from '@app/budgeting';
import { amountsToWire } from '@app/read-models';
import { AllocateFundsCommand, LineCommands, type CommandAnswer } from '@app/application';
import { Allow, CurrentActor } from '../auth';
import { requireLineVisible } from '../auth/visibility';
import { CommandKey } from '../idempotency/idempotency-key.decorator';
import { RequestContexts } from '../shared-context';
import { AllocateFundsDto } from './budget-line.dto';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand, ApiRead } from '../openapi/api-docs';
import { LineBalanceDto } from '../openapi/answers.dto';

@ApiTags('budget lines')
@Controller('api/v1')
export class BudgetLinesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly lines: LineCommands,
    private readonly contexts: RequestContexts,
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
    const lineKey = {
      fiscalYear: body.fiscalYear,
      programPart: body.programPart,
      fundSource: body.fundSource,
      sourceYear: body.sourceYear,
      unit: body.unit,
    };
    return this.commands.execute(
      new AllocateFundsCommand(
        this.contexts.of(actor, key, body.effectiveDate),
        lineKey,
        parseMoney(body.amount),
        body.decision,
        body.legalBasis ?? [body.decision],
      ),
    );
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
    const key = parseBudgetLineId(id);
    requireLineVisible(actor, id);
    const state = await this.lines.state(id);
    if (!state.key) throw lineErrors.notOpen(id);
    return {
      id,
      ...key,
      ...amountsToWire(state.balances),
      carryOverDeadline: state.carryOverDeadline,
      deadlineBasis: state.deadlineBasis,
      deadlineExtensions: state.deadlineExtensions,
    };
  }
}
