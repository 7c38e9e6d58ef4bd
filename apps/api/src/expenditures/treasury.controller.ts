import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { BUDGET_LINE_POLICIES, type Actor } from '@app/budgeting';
import {
  RecordTreasuryAcceptanceCommand,
  RecordTreasuryRefusalCommand,
  SendExpenditureToTreasuryCommand,
  type CommandAnswer,
} from '@app/application';
import { Allow, CurrentActor } from '../auth';
import { CommandKey } from '../idempotency/idempotency-key.decorator';
import { ApiCommand } from '../openapi/api-docs';
import { RequestContexts } from '../shared-context';
import { SendToTreasuryDto, TreasuryAcceptanceDto, TreasuryRefusalDto } from './treasury.dto';

/**
 * The payment's life at the State Treasury, recorded by the unit's accountant: the dossier
 * sent, then the Treasury's answer. POST …/disburse stays the simple path (the unit records
 * the payment order directly, from approved).
 */
@ApiTags('expenditures')
@Controller('api/v1/expenditures')
export class TreasuryController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: RequestContexts,
  ) {}

  @Post(':id/treasury-submissions')
  @HttpCode(200)
  @Allow(BUDGET_LINE_POLICIES.SendExpenditureToTreasury)
  @ApiCommand(
    'Gửi hồ sơ thanh toán đến Kho bạc / Send the payment dossier to the Treasury',
    200,
    'Only an approved expenditure with no dossier awaiting an answer; sent on or after its approval (or the last refusal). The money stays committed and shows as awaiting the Treasury until it answers.',
  )
  send(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SendToTreasuryDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    return this.commands.execute(
      new SendExpenditureToTreasuryCommand(
        this.contexts.of(actor, key, body.sentOn),
        id,
        body.dossier,
        body.sentOn,
        body.treasuryOffice ?? null,
      ),
    );
  }

  @Post(':id/treasury-acceptance')
  @HttpCode(200)
  @Allow(BUDGET_LINE_POLICIES.RecordTreasuryAcceptance)
  @ApiCommand(
    'Kho bạc chấp nhận, đã thanh toán / The Treasury accepted and paid',
    200,
    'The dossier at the Treasury is paid under its payment order (lệnh chi / ủy nhiệm chi): the payment is disbursed on paidOn. One answer per dossier: a second is refused 409 TREASURY.ALREADY_ANSWERED.',
  )
  accept(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: TreasuryAcceptanceDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    return this.commands.execute(
      new RecordTreasuryAcceptanceCommand(
        this.contexts.of(actor, key, body.paidOn),
        id,
        body.paymentOrder,
        body.paidOn,
        body.dossier ?? null,
      ),
    );
  }

  @Post(':id/treasury-refusal')
  @HttpCode(200)
  @Allow(BUDGET_LINE_POLICIES.RecordTreasuryRefusal)
  @ApiCommand(
    'Kho bạc từ chối thanh toán / The Treasury refused the payment',
    200,
    "With the Treasury's reason. commitment=kept: the money stays committed and the corrected dossier is sent again; commitment=released: exactly the committed amount is available again and the payment ends.",
  )
  refuse(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: TreasuryRefusalDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    return this.commands.execute(
      new RecordTreasuryRefusalCommand(
        this.contexts.of(actor, key, body.refusedOn),
        id,
        body.reason,
        body.refusedOn,
        body.commitment,
        body.dossier ?? null,
      ),
    );
  }
}
