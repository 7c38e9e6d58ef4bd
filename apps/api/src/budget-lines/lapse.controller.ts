import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { BUDGET_LINE_POLICIES, parseBudgetLineId, parseMoney, type Actor } from '@app/budgeting';
import { RetainCommitmentsCommand, ReturnFundsCommand, type CommandAnswer } from '@app/application';
import { Allow, CurrentActor } from '../auth';
import { CommandKey } from '../idempotency/idempotency-key.decorator';
import { ApiCommand } from '../openapi/api-docs';
import { RequestContexts } from '../shared-context';
import { RetainCommitmentsDto, ReturnFundsDto } from './lapse.dto';

/** The lapse of carried-over money as the law has it: decisions that keep it, money returned. */
@ApiTags('budget lines')
@Controller('api/v1/budget-lines')
export class LapseController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: RequestContexts,
  ) {}

  @Post(':id/retentions')
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
    parseBudgetLineId(id);
    return this.commands.execute(
      new RetainCommitmentsCommand(
        this.contexts.of(actor, key, body.effectiveDate),
        id,
        { ...body.decision },
        body.expenditureIds,
        body.until,
      ),
    );
  }

  @Post(':id/returns')
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
    parseBudgetLineId(id);
    return this.commands.execute(
      new ReturnFundsCommand(
        this.contexts.of(actor, key, body.effectiveDate),
        id,
        parseMoney(body.amount),
        body.source,
        body.toLevel,
        { ...body.decision },
        body.reason,
      ),
    );
  }
}
