import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class ApprovalsQueryDto {
  @IsOptional() @IsString() @MaxLength(100) approver?: string;
  @IsOptional() @IsString() @MaxLength(100) document?: string;
  @IsOptional() @IsString() @MaxLength(100) budgetLineId?: string;
  @IsOptional() @Matches(/^\d{1,40}$/) minPosition?: string;
}
