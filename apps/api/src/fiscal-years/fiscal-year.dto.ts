import { IsOptional } from 'class-validator';
import { IsBusinessDate } from '../http/validation';

export class CloseFiscalYearDto {
  @IsBusinessDate() effectiveDate!: string;
}

export class ApproveFiscalYearCloseDto {
  /** Omitted: the proposal's date. */
  @IsOptional() @IsBusinessDate() effectiveDate?: string;
}
