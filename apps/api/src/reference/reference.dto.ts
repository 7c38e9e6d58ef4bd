import {
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { DOCUMENT_TYPES, UNIT_KINDS, type DocumentType, type UnitKind } from '@app/budgeting';
import { IsBusinessDate, IsDocumentDate, IsMoneyString, IsVisibleText } from '../http/validation';
import { DOCUMENT } from '../expenditures/expenditure.dto';

export class RegisterUnitDto {
  @Matches(/^[A-Z0-9_-]{2,40}$/) code!: string;
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(300) name!: string;
  @IsIn(UNIT_KINDS) kind!: UnitKind;
  @IsBusinessDate() validFrom!: string;
  @ValidateIf((o: RegisterUnitDto) => o.validTo !== null && o.validTo !== undefined)
  @IsBusinessDate()
  validTo?: string | null;
}

export class RegisterDocumentDto {
  @Matches(DOCUMENT) number!: string;
  @IsIn(DOCUMENT_TYPES) type!: DocumentType;
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(300) issuer!: string;
  @IsDocumentDate() issuedOn!: string;
  @IsOptional() @IsString() @IsVisibleText() @MaxLength(200) signerName?: string;
  @IsOptional() @IsString() @IsVisibleText() @MaxLength(100) signerCapacity?: string;
  /** What the decision assigns in total, when it states it: allocations under it never exceed it. */
  @IsOptional() @IsMoneyString() amount?: string;
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(2000) title!: string;
}
