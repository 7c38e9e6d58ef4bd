import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsIn,
  IsNotEmpty,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { HIGHER_LEVELS, type HigherLevel } from '@app/budgeting';
import { IsBusinessDate, IsMoneyString, IsVisibleText } from '../http/validation';
import { DOCUMENT } from '../expenditures/expenditure.dto';

/** A decision as the lapse rules cite it: number, date of issue, issuer. */
export class DecisionCitationDto {
  @Matches(DOCUMENT) number!: string;
  @IsBusinessDate() issuedOn!: string;
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(300) issuer!: string;
}

export class RetainCommitmentsDto {
  @ValidateNested() @Type(() => DecisionCitationDto) decision!: DecisionCitationDto;
  /** The approved, unpaid expenditures the decision keeps. */
  @ArrayNotEmpty() @ArrayMaxSize(1000) @IsUUID('all', { each: true }) expenditureIds!: string[];
  /** Payable until this date (after the carry-over's deadline). */
  @IsBusinessDate() until!: string;
  @IsBusinessDate() effectiveDate!: string;
}

export class ReturnFundsDto {
  @IsMoneyString() amount!: string;
  /** `lapsed`: money that lapsed at the carry-over's deadline; `unspent`: left at the year's end. */
  @IsIn(['lapsed', 'unspent']) source!: 'lapsed' | 'unspent';
  @IsIn(HIGHER_LEVELS) toLevel!: HigherLevel;
  @ValidateNested() @Type(() => DecisionCitationDto) decision!: DecisionCitationDto;
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(2000) reason!: string;
  @IsBusinessDate() effectiveDate!: string;
}
