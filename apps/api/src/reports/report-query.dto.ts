import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { REPORT_GROUPINGS, type ReportGrouping } from '@app/reporting';
import { IsBusinessDate } from '../http/validation';
import { TimeQueryDto } from '../http/time-query.dto';

/** The reports' parameters: fiscal year, period, unit, time travel, file format, signers. */
export class ReportQueryDto extends TimeQueryDto {
  @Type(() => Number) @IsInt() @Min(2000) @Max(2100) fiscalYear!: number;
  /** year (default) | year-final | H1 | H2 | Q1…Q4 | M1…M12 | YYYY-MM-DD..YYYY-MM-DD */
  @IsOptional() @IsString() @MaxLength(40) period?: string;
  @IsOptional() @Matches(/^[A-Za-z0-9_.-]{1,64}$/) unit?: string;
  /**
   * Disbursement report: `program` (default) rows by project and sub-project;
   * `classification` rows by budget code (chương → loại–khoản → mã CTMTQG and source).
   */
  @IsOptional() @IsIn(REPORT_GROUPINGS) groupBy?: ReportGrouping;
  /** Without it, the Accept header decides (JSON by default). */
  @IsOptional() @IsIn(['json', 'csv', 'xlsx', 'pdf']) format?: 'json' | 'csv' | 'xlsx' | 'pdf';
  /** CSV: `semicolon` (or `;`) for Excel in a Vietnamese locale. */
  @IsOptional() @IsIn(['comma', 'semicolon', ',', ';']) separator?: string;
  @IsOptional() @IsIn(['vi', 'en']) lang?: 'vi' | 'en';
  /** The day the report is signed (default: today in Vietnam). */
  @IsOptional() @IsBusinessDate() signedOn?: string;
  /** Người lập biểu; default: the signed-in user. */
  @IsOptional() @IsString() @MaxLength(100) preparedBy?: string;
  @IsOptional() @IsString() @MaxLength(100) chiefAccountant?: string;
  @IsOptional() @IsString() @MaxLength(100) head?: string;
  /** "KT. Chủ tịch". */
  @IsOptional() @IsString() @MaxLength(100) headCapacity?: string;
  /** "Phó Chủ tịch". */
  @IsOptional() @IsString() @MaxLength(100) headTitle?: string;
}
