import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  ValidateNested,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Max,
  Min,
} from 'class-validator';
import {
  EXPENDITURE_CATEGORIES,
  EXPENDITURE_KINDS,
  SIGNING_CAPACITIES,
  type ExpenditureCategory,
  type ExpenditureKind,
  type SigningCapacity,
} from '@app/budgeting';
import { IsBusinessDate, IsMoneyString, IsVisibleText } from '../http/validation';
import { JointTripClaimDto } from '../joint-work/joint-work.dto';

const LINE_ID =
  /^\d{4}\.DA\d+(\.TDA\d+)?(\.ND\d+)?\.(central|provincial|district)\.\d{4}\.[A-Z0-9_-]{2,40}$/;
const DOCUMENT =
  /^\d+\/(\d{4}\/)?([A-ZĐ][A-Za-zĐđ]*-)?[A-ZĐ][A-Za-zĐđ0-9]*(-[A-ZĐ0-9][A-Za-zĐđ0-9]*)*$/u;

export class CorrectionDto {
  /** The id of the expenditure or event this entry corrects. */
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(100) corrects!: string;
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(2000) reason!: string;
  /** A late entry on a lapsed carry-over: who approved the correction (not who enters it). */
  @IsOptional() @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(100) approvedBy?: string;
}

export class NormPeriodDto {
  /** First day of the trip or event: the norms in force that day apply. */
  @IsBusinessDate() from!: string;
  @IsBusinessDate() to!: string;
}

/** One normed cost: its kind (a row of the norm table) and the quantities its unit needs. */
export class NormClaimItemDto {
  @Matches(/^[a-z_]+(\.[a-z_]+)*$/) @MaxLength(100) kind!: string;
  @IsMoneyString() amount!: string;
  @IsOptional() @IsInt() @Min(1) @Max(100000) persons?: number;
  @IsOptional() @IsInt() @Min(1) @Max(3660) days?: number;
  @IsOptional() @IsInt() @Min(1) @Max(3660) nights?: number;
  @IsOptional() @IsInt() @Min(1) @Max(100000) rooms?: number;
  @IsOptional() @IsInt() @Min(1) @Max(100000) km?: number;
  /** Petrol price per litre on the trip's date (own-vehicle lump sum, 0,2 lít/km). */
  @IsOptional() @IsMoneyString() fuelPrice?: string;
  @IsOptional() @IsInt() @Min(1) @Max(100000) tickets?: number;
  @IsOptional() @IsInt() @Min(1) @Max(100000) sessions?: number;
}

export class NormClaimDto {
  @ValidateNested() @Type(() => NormPeriodDto) period!: NormPeriodDto;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => NormClaimItemDto)
  items!: NormClaimItemDto[];
}

export class ProposeExpenditureDto {
  @Matches(LINE_ID) budgetLineId!: string;
  @IsMoneyString() amount!: string;
  @IsIn(EXPENDITURE_CATEGORIES) category!: ExpenditureCategory;
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(2000) description!: string;
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(300) payee!: string;
  @IsBusinessDate() effectiveDate!: string;
  /**
   * The id of the approved plan's activity it pays for (`DA6.TDA2-pano`): the plan must be
   * in force on the effective date, the activity of the line's program part, and its
   * planned amount (if any) not exceeded. Required once the line's unit has a plan in force.
   */
  @IsOptional() @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(100) activity?: string;
  /** The plan's lead unit, when the activity is in another unit's plan of the same year. */
  @IsOptional() @Matches(/^[A-Z0-9_-]{2,40}$/) planUnit?: string;
  @IsOptional() @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(100) voucher?: string;
  /** Person-days, recorded as given; the norms read `normClaim` (since 0.9.0). */
  @IsOptional() @IsInt() @Min(1) @Max(100000) personDays?: number;
  /**
   * The trip's or event's dates and its normed costs (per-diem, lodging, travel, meeting,
   * training) with the quantities their norms count: required for a travel allowance.
   */
  @IsOptional() @ValidateNested() @Type(() => NormClaimDto) normClaim?: NormClaimDto;
  /** Travel of a joint inspection team: only the lead agency pays it. */
  @IsOptional() @IsBoolean() jointTeam?: boolean;
  /** A joint team's travel: its recorded trip and who travelled on which days (required with jointTeam). */
  @IsOptional() @ValidateNested() @Type(() => JointTripClaimDto) jointTrip?: JointTripClaimDto;
  /** Tiểu mục (mục lục NSNN, e.g. 6702): must be in the shipped code table on the effective date. */
  @IsOptional() @Matches(/^[0-9]{4}$/) economicCode?: string;
  /** `advance` (tạm ứng: paid before the work, settled later by vouchers); default `payment`. */
  @IsOptional() @IsIn(EXPENDITURE_KINDS) kind?: ExpenditureKind;
  /**
   * Required once the fiscal year is closed: a correction names what it corrects. An entry
   * dated before a carry-over's deadline, made after its lapse, cites the lapse
   * (`lapse:<line>:<deadline>`) and who approved the correction.
   */
  @IsOptional() @ValidateNested() @Type(() => CorrectionDto) correction?: CorrectionDto;
}

export class ApproveExpenditureDto {
  @IsOptional() @IsBusinessDate() effectiveDate?: string;
  @IsOptional() @IsString({ each: true }) @Matches(DOCUMENT, { each: true }) legalBasis?: string[];
  /** An approval dated before a carry-over's deadline, made after its lapse: the correction. */
  @IsOptional() @ValidateNested() @Type(() => CorrectionDto) correction?: CorrectionDto;
}

/** One of the two signatures; without `capacity`, the one the signer is registered in. */
export class SignExpenditureDto extends ApproveExpenditureDto {
  @IsOptional() @IsIn(SIGNING_CAPACITIES) capacity?: SigningCapacity;
}

export class RejectExpenditureDto {
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(2000) reason!: string;
  @IsOptional() @IsBusinessDate() effectiveDate?: string;
}

export class DisburseExpenditureDto {
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(100) voucher!: string;
  @IsBusinessDate() paidOn!: string;
  /** A payment made by a carry-over's deadline, entered after its lapse: the correction. */
  @IsOptional() @ValidateNested() @Type(() => CorrectionDto) correction?: CorrectionDto;
}

export class ReverseExpenditureDto {
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(2000) reason!: string;
  @IsOptional() @IsBusinessDate() effectiveDate?: string;
}

export { LINE_ID, DOCUMENT };
