import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ACTIVITY_CATEGORIES,
  OUTPUT_UNITS,
  type ActivityCategory,
  type OutputUnit,
} from '@app/budgeting';
import { IsBusinessDate, IsMoneyString, IsVisibleText } from '../http/validation';
import { DOCUMENT } from '../expenditures/expenditure.dto';

const PART = /^DA\d+(\.TDA\d+)?(\.ND\d+)?$/;
const ID = /^[A-Za-z0-9_.-]{1,60}$/;

export class PartDto {
  @Matches(PART) code!: string;
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(500) name!: string;
  @IsMoneyString() budgetAmount!: string;
}

export class OutputDto {
  @Matches(ID) id!: string;
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(500) description!: string;
  @IsIn(OUTPUT_UNITS) unit!: OutputUnit;
  @IsInt() @Min(1) @Max(1_000_000) target!: number;
}

export class ActivityDto {
  @Matches(ID) id!: string;
  @Matches(PART) programPart!: string;
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(1000) name!: string;
  @IsIn(ACTIVITY_CATEGORIES) category!: ActivityCategory;
  @IsOptional() @IsMoneyString() plannedAmount?: string;
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OutputDto)
  outputs?: OutputDto[];
}

export class PlanContentDto {
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => PartDto)
  parts!: PartDto[];
  @IsArray() @ValidateNested({ each: true }) @Type(() => ActivityDto) activities!: ActivityDto[];
  @IsBusinessDate() effectiveDate!: string;
}

export class DraftPlanDto extends PlanContentDto {
  @IsInt() @Min(2000) @Max(2100) fiscalYear!: number;
  @Matches(/^[A-Z0-9_-]{2,40}$/) leadUnit!: string;
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(1000) title!: string;
  @IsArray() @Matches(DOCUMENT, { each: true }) legalBasis!: string[];
  @IsArray() @Matches(DOCUMENT, { each: true }) fundingDecisions!: string[];
}

export class AmendPlanDto extends PlanContentDto {
  @Matches(DOCUMENT) amendingDecision!: string;
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(2000) reason!: string;
  @IsOptional() @IsArray() @Matches(DOCUMENT, { each: true }) fundingDecisions?: string[];
}

export class PlanStepDto {
  @IsBusinessDate() effectiveDate!: string;
}

export class ApprovePlanDto extends PlanStepDto {
  /** Given only at approval: the draft's "Số /KH-UBND" is blank. */
  @Matches(DOCUMENT) number!: string;
  @IsBusinessDate() issuedOn!: string;
}

export class RejectPlanDto extends PlanStepDto {
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(2000) reason!: string;
}

export class ProgressDto extends PlanStepDto {
  @Matches(ID) activityId!: string;
  @Matches(ID) outputId!: string;
  @IsIn(['count', 'commune']) kind!: 'count' | 'commune';
  @ValidateIf((o: ProgressDto) => o.kind === 'count') @IsInt() @Min(0) delivered?: number;
  @ValidateIf((o: ProgressDto) => o.kind === 'commune')
  @IsString()
  @IsNotEmpty()
  @IsVisibleText()
  commune?: string;
  @ValidateIf((o: ProgressDto) => o.kind === 'commune') @IsBoolean() done?: boolean;
}
