import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate, IsMoneyString, IsVisibleText } from '../http/validation';
import { CorrectionDto } from '../expenditures/expenditure.dto';

/** One voucher a settlement rests on: its number (unique program-wide) and date. */
export class SettlementVoucherDto {
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(100) number!: string;
  @IsBusinessDate() date!: string;
}

/** Thanh toán tạm ứng: part or all of what is still open, by vouchers. */
export class SettleAdvanceDto {
  @IsMoneyString() amount!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SettlementVoucherDto)
  vouchers!: SettlementVoucherDto[];
  @IsBusinessDate() settledOn!: string;
  /** After the fiscal year is closed: what the entry corrects and why. */
  @IsOptional() @ValidateNested() @Type(() => CorrectionDto) correction?: CorrectionDto;
}

/** Thu hồi tạm ứng: the unspent remainder paid back, with its receipt. */
export class RecoverAdvanceDto {
  @IsMoneyString() amount!: string;
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(100) receipt!: string;
  @IsBusinessDate() recoveredOn!: string;
  @IsOptional() @ValidateNested() @Type(() => CorrectionDto) correction?: CorrectionDto;
}
