import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsBusinessDate } from '../http/validation';

/** Time travel and read-your-writes, shared by every read route. */
export class TimeQueryDto {
  /** What had taken effect by this business date. */
  @IsOptional() @IsBusinessDate() asOf?: string;
  /** What the books showed at this instant. */
  @IsOptional() @IsISO8601({ strict: true }) knownAt?: string;
  /** A log position (as a command answered it) the answer must reflect. */
  @IsOptional() @Matches(/^\d{1,40}$/) minPosition?: string;
}

export class BalancesQueryDto extends TimeQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) fiscalYear?: number;
  @IsOptional() @IsIn(['json', 'csv', 'xlsx']) format?: 'json' | 'csv' | 'xlsx';
}

export class HistoryQueryDto extends TimeQueryDto {
  @IsOptional() @IsIn(['json', 'csv', 'xlsx']) format?: 'json' | 'csv' | 'xlsx';
}

export class ApprovalsQueryDto {
  @IsOptional() @IsString() @MaxLength(100) approver?: string;
  @IsOptional() @IsString() @MaxLength(100) document?: string;
  @IsOptional() @IsString() @MaxLength(100) budgetLineId?: string;
  @IsOptional() @Matches(/^\d{1,40}$/) minPosition?: string;
}

export function minPosition(dto: { minPosition?: string }): { minPosition?: bigint } {
  return dto.minPosition ? { minPosition: BigInt(dto.minPosition) } : {};
}
