import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { IsBusinessDate, IsDocumentDate, IsVisibleText } from '../http/validation';

/**
 * The decision (or plan) as cited: number and date. The number's form is checked by the
 * decider (as for every door), which names the field; importing the expenditure DTO's
 * pattern here would make the two DTO files import each other.
 */
export class CitedDecisionDto {
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(100) number!: string;
  @IsDocumentDate() issuedOn!: string;
}

/** The program's lead agency (cơ quan chủ trì / thường trực) for part or all of the year. */
export class DesignateLeadAgencyDto {
  @Matches(/^[A-Z0-9_-]{2,40}$/) unit!: string;
  @IsBusinessDate() validFrom!: string;
  /** Inclusive; absent or null: to the year's end. */
  @ValidateIf((o: DesignateLeadAgencyDto) => o.validTo !== null && o.validTo !== undefined)
  @IsBusinessDate()
  validTo?: string | null;
  @ValidateNested() @Type(() => CitedDecisionDto) decision!: CitedDecisionDto;
  @IsOptional() @IsString() @IsVisibleText() @MaxLength(2000) note?: string;
}

export class TripMemberDto {
  /** The user id that stands for the person (as signatories name them), or another stable id. */
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(100) personId!: string;
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(200) name!: string;
  /** The unit that sent the member (đơn vị cử người). */
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(200) unit!: string;
}

/** A joint team's trip (đoàn kiểm tra, giám sát, học tập kinh nghiệm) as its travel order states it. */
export class RecordJointTripDto {
  @Matches(/^[A-Za-z0-9_-]{2,60}$/) tripId!: string;
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(300) team!: string;
  /** The unit leading the team: its users record the trip. */
  @Matches(/^[A-Z0-9_-]{2,40}$/) leadUnit!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TripMemberDto)
  members!: TripMemberDto[];
  @IsBusinessDate() from!: string;
  @IsBusinessDate() to!: string;
  /** Lệnh điều động / quyết định cử đoàn: number and date (not after the departure). */
  @ValidateNested() @Type(() => CitedDecisionDto) travelOrder!: CitedDecisionDto;
}

export class TripTravellerDto {
  @IsString() @IsNotEmpty() @IsVisibleText() @MaxLength(100) personId!: string;
  @IsBusinessDate() from!: string;
  @IsBusinessDate() to!: string;
}

/** On a proposal: the recorded trip and who travelled on which of its days. */
export class JointTripClaimDto {
  @Matches(/^[A-Za-z0-9_-]{2,60}$/) tripId!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TripTravellerDto)
  travellers!: TripTravellerDto[];
}
