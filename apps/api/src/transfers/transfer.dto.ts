import {
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsBusinessDate, IsMoneyString, IsVisibleText } from '../http/validation';
import { DOCUMENT, LINE_ID } from '../expenditures/expenditure.dto';

export class RequestTransferDto {
  @IsIn(['carry_over', 'reallocation']) kind!: 'carry_over' | 'reallocation';
  /** Omitted for a carry-over whose source year this ledger does not hold. */
  @ValidateIf((o: RequestTransferDto) => o.kind === 'reallocation' || o.fromLine !== undefined)
  @Matches(LINE_ID)
  fromLine?: string;
  @Matches(LINE_ID) toLine!: string;
  @IsMoneyString() amount!: string;
  @Matches(DOCUMENT) decision!: string;
  @IsBusinessDate() effectiveDate!: string;
  @IsOptional() @IsString({ each: true }) @Matches(DOCUMENT, { each: true }) legalBasis?: string[];
  /** A carry-over's deadline as its decision states it; omitted: 31/12 of the receiving year. */
  @IsOptional() @IsBusinessDate() deadline?: string;
  /** The decision permitting a second carry-over or a move across fund sources or money kinds. */
  @IsOptional() @Matches(DOCUMENT) permittedBy?: string;
}

export class DecideTransferDto {
  @IsOptional() @IsBusinessDate() effectiveDate?: string;
}

export class RejectTransferDto {
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(2000) reason!: string;
  @IsOptional() @IsBusinessDate() effectiveDate?: string;
}
