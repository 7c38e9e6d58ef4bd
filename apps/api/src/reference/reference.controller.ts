import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  parseMoney,
  REFERENCE_POLICIES,
  legalDocumentDecider,
  spendingUnitDecider,
  streamIdForLegalDocument,
  streamIdForSpendingUnit,
  type Actor,
} from '@app/budgeting';
import { DecideOnStreamCommand, type CommandAnswer } from '@app/application';
import { Allow, CurrentActor } from '../auth';
import { CommandKey } from '../idempotency/idempotency-key.decorator';
import { RequestContexts } from '../shared-context';
import {
  RecordBudgetRelationshipCodeDto,
  RegisterDocumentDto,
  RegisterSignatoryDto,
  RegisterUnitDto,
} from './reference.dto';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand } from '../openapi/api-docs';

/** The reference data every money event points to: spending units and legal documents. */
@ApiTags('reference data')
@Controller('api/v1')
export class ReferenceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: RequestContexts,
  ) {}

  @Post('units')
  @Allow(REFERENCE_POLICIES.RegisterSpendingUnit)
  @ApiCommand('Đăng ký đơn vị sử dụng ngân sách / Register a spending unit', 201)
  registerUnit(
    @Body() body: RegisterUnitDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const unit = { ...body, validTo: body.validTo ?? null };
    return this.commands.execute(
      new DecideOnStreamCommand(
        this.contexts.of(actor, key, body.validFrom),
        streamIdForSpendingUnit(body.code),
        spendingUnitDecider,
        { type: 'RegisterSpendingUnit', data: unit, actor, on: body.validFrom },
        body.code,
      ),
    );
  }

  @Post('units/:code/signatories')
  @Allow(REFERENCE_POLICIES.RegisterUnitSignatory)
  @ApiCommand(
    'Đăng ký người ký tài khoản của đơn vị (chủ tài khoản, kế toán trưởng) / Register a signatory of the unit account',
    201,
    'With the specimen-signature registration at the State Treasury. Once a unit has a signatory in force, its expenditures are approved by two signatures (POST /expenditures/{id}/sign).',
  )
  registerSignatory(
    // An unknown code is refused by the unit's decider (404 UNIT.NOT_REGISTERED).
    @Param('code') code: string,
    @Body() body: RegisterSignatoryDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const data = {
      ...body,
      code,
      validTo: body.validTo ?? null,
      specimen: { number: body.specimen.number, registeredOn: body.specimen.registeredOn },
      appointment: body.appointment ?? null,
    };
    return this.commands.execute(
      new DecideOnStreamCommand(
        this.contexts.of(actor, key, body.validFrom),
        streamIdForSpendingUnit(code),
        spendingUnitDecider,
        { type: 'RegisterUnitSignatory', data, actor, on: body.validFrom },
        code,
      ),
    );
  }

  @Post('units/:code/budget-relationship-codes')
  @Allow(REFERENCE_POLICIES.RecordBudgetRelationshipCode)
  @ApiCommand(
    'Ghi mã ĐVQHNS của đơn vị từ một ngày / Record the unit’s budget-relationship code from a date',
    201,
    'Seven digits; a change is a new code from a later date (the earlier one stays in force before it). `budget reconcile` checks the Treasury statement’s ĐVQHNS against the code in force on its date.',
  )
  recordBudgetRelationshipCode(
    // An unknown code is refused by the unit's decider (404 UNIT.NOT_REGISTERED).
    @Param('code') code: string,
    @Body() body: RecordBudgetRelationshipCodeDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const data = {
      code,
      budgetRelationshipCode: body.budgetRelationshipCode,
      validFrom: body.validFrom,
      certificate: body.certificate ?? null,
    };
    return this.commands.execute(
      new DecideOnStreamCommand(
        this.contexts.of(actor, key, body.validFrom),
        streamIdForSpendingUnit(code),
        spendingUnitDecider,
        { type: 'RecordBudgetRelationshipCode', data, actor, on: body.validFrom },
        code,
      ),
    );
  }

  @Post('documents')
  @Allow(REFERENCE_POLICIES.RegisterLegalDocument)
  @ApiCommand('Đăng ký văn bản pháp lý / Register a legal document (decision, plan, circular)', 201)
  registerDocument(
    @Body() body: RegisterDocumentDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const { amount, ...rest } = body;
    const document = {
      ...rest,
      signerName: body.signerName ?? null,
      signerCapacity: body.signerCapacity ?? null,
      ...(amount === undefined ? {} : { amount: parseMoney(amount) }),
    };
    const streamId = streamIdForLegalDocument(body.number, body.issuedOn);
    return this.commands.execute(
      new DecideOnStreamCommand(
        this.contexts.of(actor, key, body.issuedOn),
        streamId,
        legalDocumentDecider,
        { type: 'RegisterLegalDocument', data: document, actor, on: body.issuedOn },
        streamId,
      ),
    );
  }
}
