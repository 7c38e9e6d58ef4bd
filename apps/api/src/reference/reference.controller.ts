import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  legalDocumentDecider,
  spendingUnitDecider,
  streamIdForLegalDocument,
  streamIdForSpendingUnit,
  type Actor,
} from '@app/budgeting';
import { DecideOnStreamCommand, type CommandAnswer } from '@app/application';
import { CurrentActor, Roles } from '../auth';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { requestContext } from '../shared-context';
import { RegisterDocumentDto, RegisterUnitDto } from './reference.dto';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand } from '../openapi/api-docs';

/** The reference data every money event points to: spending units and legal documents. */
@ApiTags('reference data')
@Controller('api/v1')
export class ReferenceController {
  constructor(private readonly commands: CommandBus) {}

  @Post('units')
  @Roles('admin')
  @ApiCommand('Đăng ký đơn vị sử dụng ngân sách / Register a spending unit', 201)
  registerUnit(
    @Body() body: RegisterUnitDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string,
  ): Promise<CommandAnswer> {
    const unit = { ...body, validTo: body.validTo ?? null };
    return this.commands.execute(
      new DecideOnStreamCommand(
        requestContext(actor, key, body.validFrom),
        streamIdForSpendingUnit(body.code),
        spendingUnitDecider,
        { type: 'RegisterSpendingUnit', data: unit, actor, on: body.validFrom },
        body.code,
      ),
    );
  }

  @Post('documents')
  @Roles('admin', 'officer')
  @ApiCommand('Đăng ký văn bản pháp lý / Register a legal document (decision, plan, circular)', 201)
  registerDocument(
    @Body() body: RegisterDocumentDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string,
  ): Promise<CommandAnswer> {
    const document = {
      ...body,
      signerName: body.signerName ?? null,
      signerCapacity: body.signerCapacity ?? null,
    };
    const streamId = streamIdForLegalDocument(body.number, body.issuedOn);
    return this.commands.execute(
      new DecideOnStreamCommand(
        requestContext(actor, key, body.issuedOn),
        streamId,
        legalDocumentDecider,
        { type: 'RegisterLegalDocument', data: document, actor, on: body.issuedOn },
        streamId,
      ),
    );
  }
}
