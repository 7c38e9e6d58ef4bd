import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CheckpointRequestDto {
  /** Why the checkpoint is taken now (an audit, a year's closing…), kept with it. */
  @IsOptional() @IsString() @MaxLength(500) reason?: string;
}
