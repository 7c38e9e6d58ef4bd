import { IsIn, IsOptional } from 'class-validator';
import { ALL_PROJECTIONS } from '@app/read-models';

const NAMES = ALL_PROJECTIONS.map((p) => p.name);

export class RebuildDto {
  /** One projection by name; all of them when left out. */
  @IsOptional() @IsIn(NAMES) projection?: string;
}
