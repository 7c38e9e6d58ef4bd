import { Matches } from 'class-validator';
import { IsBusinessDate } from '../http/validation';

/**
 * A line's budget classification (mục lục NSNN) as the Treasury books its estimate. The
 * shapes are checked here; whether each code is in the product's table and in force on
 * the effective date is the line decider's rule (400 BUDGET.CLASSIFICATION_*).
 */
export class ClassifyBudgetLineDto {
  /** Chương, 3 digits (e.g. 622). */
  @Matches(/^[0-9]{3}$/, { message: 'chapter must be 3 digits' }) chapter!: string;
  /** Khoản of loại–khoản, the Treasury's "mã ngành kinh tế", 3 digits (e.g. 398). */
  @Matches(/^[0-9]{3}$/, { message: 'sector must be 3 digits' }) sector!: string;
  /** Mã chương trình mục tiêu quốc gia, 4 digits. */
  @Matches(/^[0-9]{4}$/, { message: 'program must be 4 digits' }) program!: string;
  /** Mã nguồn NSNN, 2 digits (e.g. 12). */
  @Matches(/^[0-9]{2}$/, { message: 'source must be 2 digits' }) source!: string;
  /** The codes must be in force on this date. */
  @IsBusinessDate() effectiveDate!: string;
}
