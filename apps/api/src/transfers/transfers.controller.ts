import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { parseMoney, TRANSFER_POLICIES, type Actor, type Authority } from '@app/budgeting';
import {
  DecideTransferCommand,
  RequestTransferCommand,
  type CommandAnswer,
} from '@app/application';
import { Allow, CurrentActor, CurrentAuthority } from '../auth';
import { CommandKey } from '../idempotency/idempotency-key.decorator';
import { RequestContexts } from '../shared-context';
import { DecideTransferDto, RejectTransferDto, RequestTransferDto } from './transfer.dto';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand } from '../openapi/api-docs';

@ApiTags('transfers')
@Controller('api/v1/transfers')
export class TransfersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: RequestContexts,
  ) {}

  @Post()
  @Allow(TRANSFER_POLICIES.RequestTransfer)
  @ApiCommand('Đề nghị điều chuyển hoặc chuyển nguồn / Request a transfer or a carry-over', 201)
  request(
    @Body() body: RequestTransferDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    return this.commands.execute(
      new RequestTransferCommand(this.contexts.of(actor, key, body.effectiveDate), {
        kind: body.kind,
        fromLine: body.fromLine ?? null,
        toLine: body.toLine,
        amount: parseMoney(body.amount),
        decision: body.decision,
        legalBasis: body.legalBasis ?? [body.decision],
        ...(body.deadline ? { deadline: body.deadline } : {}),
        ...(body.permittedBy ? { permittedBy: body.permittedBy } : {}),
      }),
    );
  }

  /** The decision is recorded now; the money moves right after, by the transfer process. */
  @Post(':id/approve')
  @HttpCode(200)
  @Allow(TRANSFER_POLICIES.ApproveTransfer)
  @ApiCommand(
    'Phê duyệt điều chuyển / Approve a transfer',
    200,
    'The money then moves by the transfer process (debit, credit, completion), off the checkpointed subscription.',
  )
  approve(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DecideTransferDto,
    @CurrentActor() actor: Actor,
    @CurrentAuthority() authority: Authority | null,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const context = this.contexts.action(actor, key, body.effectiveDate);
    return this.commands.execute(
      new DecideTransferCommand(context, id, { approve: true }, authority),
    );
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Allow(TRANSFER_POLICIES.RejectTransfer)
  @ApiCommand('Từ chối điều chuyển / Reject a transfer', 200)
  reject(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RejectTransferDto,
    @CurrentActor() actor: Actor,
    @CurrentAuthority() authority: Authority | null,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    return this.commands.execute(
      new DecideTransferCommand(
        this.contexts.action(actor, key, body.effectiveDate),
        id,
        { approve: false, reason: body.reason },
        authority,
      ),
    );
  }
}
