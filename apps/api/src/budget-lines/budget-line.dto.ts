import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { FUND_SOURCES, type FundSource } from '@app/budgeting';
import { IsBusinessDate, IsDocumentDate, IsMoneyString, IsVisibleText } from '../http/validation';
import { TimeQueryDto } from '../http/time-query.dto';
import { DOCUMENT, LINE_ID } from '../expenditures/expenditure.dto';

export class AllocateFundsDto {
  @IsInt() @Min(2000) @Max(2100) fiscalYear!: number;
  @Matches(/^DA\d+(\.TDA\d+)?(\.ND\d+)?$/) programPart!: string;
  @IsIn(FUND_SOURCES) fundSource!: FundSource;
  @IsInt() @Min(2000) @Max(2100) sourceYear!: number;
  @Matches(/^[A-Z0-9_-]{2,40}$/) unit!: string;
  @IsMoneyString() amount!: string;
  @Matches(DOCUMENT) decision!: string;
  @IsBusinessDate() effectiveDate!: string;
  @IsOptional() @IsString({ each: true }) @Matches(DOCUMENT, { each: true }) legalBasis?: string[];
}

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

export class BalancesQueryDto extends TimeQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) fiscalYear?: number;
  @IsOptional() @IsIn(['json', 'csv', 'xlsx']) format?: 'json' | 'csv' | 'xlsx';
}

export class HistoryQueryDto extends TimeQueryDto {
  @IsOptional() @IsIn(['json', 'csv', 'xlsx']) format?: 'json' | 'csv' | 'xlsx';
}
