import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsBusinessDate, IsMoneyString, IsVisibleText } from '../http/validation';
import { DOCUMENT } from '../expenditures/expenditure.dto';

/** Hủy dự toán: part of a line's estimate cancelled by a decision. */
export class CancelFundsDto {
  /** Whole đồng, a decimal string; no more than the line has available on the date. */
  @IsMoneyString() amount!: string;
  /** The cancelling decision as signed, e.g. 45/QĐ-UBND. */
  @Matches(DOCUMENT) decision!: string;
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(2000) reason!: string;
  @IsBusinessDate() effectiveDate!: string;
}
