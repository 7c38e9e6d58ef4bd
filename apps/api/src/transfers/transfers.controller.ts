import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { parseMoney, transferStreamId, type Actor, type Authority } from '@app/budgeting';
import {
  DecideTransferCommand,
  RequestTransferCommand,
  type CommandAnswer,
} from '@app/application';
import { CurrentActor, CurrentAuthority, Roles } from '../auth';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { requestContext } from '../shared-context';
import { DecideTransferDto, RejectTransferDto, RequestTransferDto } from './transfer.dto';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand } from '../openapi/api-docs';

@ApiTags('transfers')
@Controller('api/v1/transfers')
export class TransfersController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post()
  @Roles('officer')
  @ApiCommand('Đề nghị điều chuyển hoặc chuyển nguồn / Request a transfer or a carry-over', 201)
  request(
    @Body() body: RequestTransferDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string,
  ): Promise<CommandAnswer> {
    return this.commands.execute(
      new RequestTransferCommand(requestContext(actor, key, body.effectiveDate), {
        kind: body.kind,
        fromLine: body.fromLine ?? null,
        toLine: body.toLine,
        amount: parseMoney(body.amount),
        decision: body.decision,
        legalBasis: body.legalBasis ?? [body.decision],
      }),
    );
  }

  /** The decision is recorded now; the money moves right after, by the transfer process. */
  @Post(':id/approve')
  @HttpCode(200)
  @Roles('approver')
  @ApiCommand(
    'Phê duyệt điều chuyển / Approve a transfer',
    200,
    'The money then moves by the transfer process (debit, credit, completion), off the checkpointed subscription.',
  )
  async approve(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DecideTransferDto,
    @CurrentActor() actor: Actor,
    @CurrentAuthority() authority: Authority | null,
    @IdempotencyKey() key: string,
  ): Promise<CommandAnswer> {
    const on = body.effectiveDate ?? (await this.requestedOn(id));
    return this.commands.execute(
      new DecideTransferCommand(requestContext(actor, key, on), id, { approve: true }, authority),
    );
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('approver')
  @ApiCommand('Từ chối điều chuyển / Reject a transfer', 200)
  async reject(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RejectTransferDto,
    @CurrentActor() actor: Actor,
    @CurrentAuthority() authority: Authority | null,
    @IdempotencyKey() key: string,
  ): Promise<CommandAnswer> {
    const on = body.effectiveDate ?? (await this.requestedOn(id));
    return this.commands.execute(
      new DecideTransferCommand(
        requestContext(actor, key, on),
        id,
        { approve: false, reason: body.reason },
        authority,
      ),
    );
  }

  /** The request's business date, the default for its decision (a missing transfer fails in the decider). */
  private async requestedOn(id: string): Promise<string> {
    const [first] = await this.store.readStream(transferStreamId(id), { maxCount: 1 });
    return first?.metadata.effectiveDate ?? '1970-01-01';
  }
}
