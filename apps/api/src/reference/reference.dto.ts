import {
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  DOCUMENT_TYPES,
  SIGNATORY_STANDINGS,
  SIGNING_CAPACITIES,
  UNIT_KINDS,
  type DocumentType,
  type SignatoryStanding,
  type SigningCapacity,
  type UnitKind,
} from '@app/budgeting';
import { Type } from 'class-transformer';
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

export class SpecimenRegistrationDto {
  /** As the Treasury's confirmation of the specimen signature numbers it. */
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(100) number!: string;
  @IsBusinessDate() registeredOn!: string;
}

/** A signatory of the unit's Treasury account (chủ tài khoản, kế toán trưởng). */
export class RegisterSignatoryDto {
  @IsIn(SIGNING_CAPACITIES) capacity!: SigningCapacity;
  @IsIn(SIGNATORY_STANDINGS) standing!: SignatoryStanding;
  /** The user id that stands for the person (an account's own id, or the one --person names). */
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(100) personId!: string;
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(200) name!: string;
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(200) title!: string;
  @IsBusinessDate() validFrom!: string;
  @ValidateIf((o: RegisterSignatoryDto) => o.validTo !== null && o.validTo !== undefined)
  @IsBusinessDate()
  validTo?: string | null;
  @ValidateNested() @Type(() => SpecimenRegistrationDto) specimen!: SpecimenRegistrationDto;
  @IsOptional() @Matches(DOCUMENT) appointment?: string;
}

/** The unit's budget-relationship code (mã ĐVQHNS) from a date: a first one, or a change. */
export class RecordBudgetRelationshipCodeDto {
  /** Seven digits, as the finance office's certificate gives it. */
  @Matches(/^[0-9]{7}$/, { message: 'budgetRelationshipCode must be exactly 7 digits' })
  budgetRelationshipCode!: string;
  /** In force from this day until the next code's validFrom. */
  @IsBusinessDate() validFrom!: string;
  /** The certificate or notice that assigns it (giấy chứng nhận mã số ĐVQHNS). */
  @IsOptional() @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(200) certificate?: string;
}
