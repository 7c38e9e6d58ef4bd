import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  BUDGET_LINE_POLICIES,
  normClaimFromText,
  parseMoney,
  type Actor,
  type Authority,
  type Correction,
  type NormClaim,
} from '@app/budgeting';
import {
  ApproveExpenditureCommand,
  DisburseExpenditureCommand,
  ProposeExpenditureCommand,
  RejectExpenditureCommand,
  ReverseExpenditureCommand,
  SignExpenditureCommand,
  type CommandAnswer,
} from '@app/application';
import { Allow, CurrentActor, CurrentAuthority } from '../auth';
import { CommandKey } from '../idempotency/idempotency-key.decorator';
import { RequestContexts } from '../shared-context';
import {
  ApproveExpenditureDto,
  CorrectionDto,
  DisburseExpenditureDto,
  NormClaimDto,
  ProposeExpenditureDto,
  RejectExpenditureDto,
  ReverseExpenditureDto,
  SignExpenditureDto,
} from './expenditure.dto';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand } from '../openapi/api-docs';

function correctionOf(dto: CorrectionDto | undefined): Correction | null {
  if (!dto) return null;
  const { corrects, reason, approvedBy } = dto;
  return { corrects, reason, ...(approvedBy === undefined ? {} : { approvedBy }) };
}

function normClaimOf(dto: NormClaimDto | undefined): NormClaim | null {
  return dto ? normClaimFromText(dto, parseMoney) : null;
}

/** Thin: validate, build the command from the token's actor, send it on the bus. */
@ApiTags('expenditures')
@Controller('api/v1/expenditures')
export class ExpendituresController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: RequestContexts,
  ) {}

  @Post()
  @Allow(BUDGET_LINE_POLICIES.ProposeExpenditure)
  @ApiCommand('Đề xuất một khoản chi / Propose an expenditure', 201)
  propose(
    @Body() body: ProposeExpenditureDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    return this.commands.execute(
      new ProposeExpenditureCommand(this.contexts.of(actor, key, body.effectiveDate), {
        budgetLineId: body.budgetLineId,
        amount: parseMoney(body.amount),
        category: body.category,
        description: body.description,
        payee: body.payee,
        activity: body.activity ?? null,
        planUnit: body.planUnit ?? null,
        voucher: body.voucher ?? null,
        personDays: body.personDays ?? null,
        jointTeam: body.jointTeam ?? false,
        jointTrip: body.jointTrip ?? null,
        economicCode: body.economicCode ?? null,
        normClaim: normClaimOf(body.normClaim),
        correction: correctionOf(body.correction),
        ...(body.kind === 'advance' ? { kind: body.kind } : {}),
      }),
    );
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Allow(BUDGET_LINE_POLICIES.ApproveExpenditure)
  @ApiCommand(
    'Phê duyệt khoản chi (cam kết tiền) / Approve an expenditure (commits its money)',
    200,
    'Never overdraws: an approval the line cannot cover is refused 409 BUDGET.LINE_OVERDRAWN. The approver acts within the delegation on their account.',
  )
  approve(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ApproveExpenditureDto,
    @CurrentActor() actor: Actor,
    @CurrentAuthority() authority: Authority | null,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const context = this.contexts.action(actor, key, body.effectiveDate);
    return this.commands.execute(
      new ApproveExpenditureCommand(
        context,
        id,
        authority,
        body.legalBasis ?? [],
        correctionOf(body.correction),
      ),
    );
  }

  @Post(':id/sign')
  @HttpCode(200)
  @Allow(BUDGET_LINE_POLICIES.SignExpenditure)
  @ApiCommand(
    'Ký duyệt khoản chi: chủ tài khoản hoặc kế toán trưởng / Sign an expenditure: account holder or chief accountant',
    200,
    "For units with registered signatories: the second signature, of the other capacity and by another person, commits the money. The signer must be registered in the unit's signatories on the date.",
  )
  sign(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SignExpenditureDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const context = this.contexts.action(actor, key, body.effectiveDate);
    const { capacity, legalBasis, correction } = body;
    return this.commands.execute(
      new SignExpenditureCommand(
        context,
        id,
        capacity ?? null,
        legalBasis ?? [],
        correctionOf(correction),
      ),
    );
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Allow(BUDGET_LINE_POLICIES.RejectExpenditure)
  @ApiCommand('Từ chối khoản chi / Reject an expenditure', 200)
  reject(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RejectExpenditureDto,
    @CurrentActor() actor: Actor,
    @CurrentAuthority() authority: Authority | null,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const context = this.contexts.action(actor, key, body.effectiveDate);
    return this.commands.execute(new RejectExpenditureCommand(context, id, authority, body.reason));
  }

  @Post(':id/disburse')
  @HttpCode(200)
  @Allow(BUDGET_LINE_POLICIES.DisburseExpenditure)
  @ApiCommand('Ghi nhận đã chi qua Kho bạc / Record the disbursement through the Treasury', 200)
  disburse(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DisburseExpenditureDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    return this.commands.execute(
      new DisburseExpenditureCommand(
        this.contexts.of(actor, key, body.paidOn),
        id,
        body.voucher,
        body.paidOn,
        correctionOf(body.correction),
      ),
    );
  }

  @Post(':id/reverse')
  @HttpCode(200)
  @Allow(BUDGET_LINE_POLICIES.ReverseExpenditure)
  @ApiCommand('Đảo bút toán khoản chi / Reverse an expenditure by a compensating entry', 200)
  reverse(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReverseExpenditureDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const context = this.contexts.action(actor, key, body.effectiveDate);
    return this.commands.execute(new ReverseExpenditureCommand(context, id, body.reason));
  }
}
