import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ADVANCE_POLICIES, parseMoney, type Actor, type Correction } from '@app/budgeting';
import { RecoverAdvanceCommand, SettleAdvanceCommand, type CommandAnswer } from '@app/application';
import { Allow, CurrentActor } from '../auth';
import { CommandKey } from '../idempotency/idempotency-key.decorator';
import { RequestContexts } from '../shared-context';
import { ApiCommand } from '../openapi/api-docs';
import type { CorrectionDto } from '../expenditures/expenditure.dto';
import { RecoverAdvanceDto, SettleAdvanceDto } from './advance.dto';

function correctionOf(dto: CorrectionDto | undefined): Correction | null {
  if (!dto) return null;
  const { corrects, reason, approvedBy } = dto;
  return { corrects, reason, ...(approvedBy === undefined ? {} : { approvedBy }) };
}

/** Settling and recovering a paid advance (tạm ứng): the unit's accountant's. */
@ApiTags('expenditures')
@Controller('api/v1/expenditures')
export class AdvancesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: RequestContexts,
  ) {}

  @Post(':id/settlements')
  @HttpCode(200)
  @Allow(ADVANCE_POLICIES.SettleAdvance)
  @ApiCommand(
    'Thanh toán tạm ứng bằng chứng từ / Settle an advance by vouchers',
    200,
    'Part or all of what is still open; never more (409 ADVANCE.EXCEEDS_OPEN). Each voucher number is used once program-wide (409 BUDGET.DOUBLE_FUNDING).',
  )
  settle(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SettleAdvanceDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const context = this.contexts.of(actor, key, body.settledOn);
    const vouchers = body.vouchers.map((v) => ({ number: v.number, date: v.date }));
    return this.commands.execute(
      new SettleAdvanceCommand(
        context,
        id,
        parseMoney(body.amount),
        vouchers,
        body.settledOn,
        correctionOf(body.correction),
      ),
    );
  }

  @Post(':id/recoveries')
  @HttpCode(200)
  @Allow(ADVANCE_POLICIES.RecoverAdvance)
  @ApiCommand(
    'Thu hồi tạm ứng / Recover the unspent part of an advance',
    200,
    "Within the fiscal year and its adjustment period the money returns to the line's available; after it, to the budget.",
  )
  recover(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RecoverAdvanceDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const context = this.contexts.of(actor, key, body.recoveredOn);
    return this.commands.execute(
      new RecoverAdvanceCommand(
        context,
        id,
        parseMoney(body.amount),
        body.receipt,
        body.recoveredOn,
        correctionOf(body.correction),
      ),
    );
  }
}
