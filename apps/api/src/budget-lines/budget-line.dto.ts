import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { FUND_SOURCES, type FundSource } from '@app/budgeting';
import { IsBusinessDate, IsMoneyString } from '../http/validation';
import { DOCUMENT } from '../expenditures/expenditure.dto';

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

export class CloseFiscalYearDto {
  @IsBusinessDate() effectiveDate!: string;
}

export class ApproveFiscalYearCloseDto {
  /** Omitted: the proposal's date. */
  @IsOptional() @IsBusinessDate() effectiveDate?: string;
}
