import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { BUDGET_LINE_POLICIES, type Actor } from '@app/budgeting';
import { ExtendCarryOverDeadlineCommand, type CommandAnswer } from '@app/application';
import { Allow, CurrentActor } from '../auth';
import { DOCUMENT, LINE_ID } from '../expenditures/expenditure.dto';
import { IsBusinessDate, IsDocumentDate, IsVisibleText } from '../http/validation';
import { CommandKey } from '../idempotency/idempotency-key.decorator';
import { ApiCommand } from '../openapi/api-docs';
import { RequestContexts } from '../shared-context';

export class ExtendCarryOverDeadlineDto {
  /** The carried-over lines the decision names. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @Matches(LINE_ID, { each: true }) lines!: string[];
  /** The extending decision's number, e.g. 111/2024/QH15. */
  @Matches(DOCUMENT) decision!: string;
  @IsDocumentDate() decisionIssuedOn!: string;
  /** The issuing body as printed; omitted: the issuer in the number (QH15, UBND). */
  @IsOptional() @IsString() @IsVisibleText() @MaxLength(200) issuer?: string;
  /** The new deadline. */
  @IsBusinessDate() deadline!: string;
  @IsBusinessDate() effectiveDate!: string;
  /** The decision lets money that already lapsed be used again (needed after the deadline). */
  @IsOptional() @IsBoolean() coversLapsed?: boolean;
}

@ApiTags('budget lines')
@Controller('api/v1')
export class CarryOverExtensionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: RequestContexts,
  ) {}

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
    return this.commands.execute(
      new ExtendCarryOverDeadlineCommand(
        this.contexts.of(actor, key, body.effectiveDate),
        body.lines,
        { number: body.decision, issuedOn: body.decisionIssuedOn, issuer: body.issuer ?? null },
        body.deadline,
        body.coversLapsed ?? false,
      ),
    );
  }
}
