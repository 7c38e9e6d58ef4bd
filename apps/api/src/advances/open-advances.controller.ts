import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { READ_POLICIES, type Actor } from '@app/budgeting';
import {
  GetOpenAdvancesQuery,
  openAdvancesToWire,
  type OpenAdvancesAnswer,
} from '@app/read-models';
import { Allow, CurrentActor } from '../auth';
import { visibleUnit } from '../auth/visibility';
import { IsBusinessDate } from '../http/validation';
import { ApiRead } from '../openapi/api-docs';
import { OpenAdvancesAnswerDto } from '../openapi/answers.dto';

export class OpenAdvancesQueryDto {
  @Type(() => Number) @IsInt() @Min(2000) @Max(2100) fiscalYear!: number;
  /** Open on this business date; default 31/12 of the fiscal year (the year-end list). */
  @IsOptional() @IsBusinessDate() asOf?: string;
  @IsOptional() @Matches(/^\d{1,40}$/) minPosition?: string;
}

/** The year-end list: advances paid and not yet settled or recovered, reported apart. */
@ApiTags('expenditures')
@Controller('api/v1/advances')
export class OpenAdvancesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow(READ_POLICIES.GetOpenAdvances)
  @ApiRead(
    'Tạm ứng chưa thanh toán (mặc định đến 31/12) / Open advances (by default at the year’s end)',
    OpenAdvancesAnswerDto,
  )
  async list(@Query() q: OpenAdvancesQueryDto, @CurrentActor() actor: Actor): Promise<object> {
    const unit = visibleUnit(actor);
    const answer: OpenAdvancesAnswer = await this.queries.execute(
      new GetOpenAdvancesQuery({
        fiscalYear: q.fiscalYear,
        ...(q.asOf ? { asOf: q.asOf } : {}),
        ...(unit === null ? {} : { unit }),
        ...(q.minPosition ? { minPosition: BigInt(q.minPosition) } : {}),
      }),
    );
    return openAdvancesToWire(answer);
  }
}
