import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { IsBusinessDate } from './validation';

/** Time travel and read-your-writes, shared by every read route. */
export class TimeQueryDto {
  /** What had taken effect by this business date. */
  @IsOptional() @IsBusinessDate() asOf?: string;
  /** What the books showed at this instant. */
  @IsOptional() @IsISO8601({ strict: true }) knownAt?: string;
  /** A log position (as a command answered it) the answer must reflect. */
  @IsOptional() @Matches(/^\d{1,40}$/) minPosition?: string;
}

export function minPosition(dto: { minPosition?: string }): { minPosition?: bigint } {
  return dto.minPosition ? { minPosition: BigInt(dto.minPosition) } : {};
}

/** The time-travel options of a read-model query, as the request gave them. */
export function timeOf(q: TimeQueryDto): { asOf?: string; knownAt?: string; minPosition?: bigint } {
  return {
    ...(q.asOf ? { asOf: q.asOf } : {}),
    ...(q.knownAt ? { knownAt: q.knownAt } : {}),
    ...minPosition(q),
  };
}
