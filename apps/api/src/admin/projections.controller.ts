import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { IsIn, IsOptional } from 'class-validator';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  ALL_PROJECTIONS,
  DOCUMENT_STORE,
  rebuildProjections,
  type DocumentStore,
  type RebuildReport,
} from '@app/read-models';
import { OPERATION_POLICIES } from '@app/budgeting';
import { Allow } from '../auth';

const NAMES = ALL_PROJECTIONS.map((p) => p.name);

export class RebuildDto {
  /** One projection by name; all of them when left out. */
  @IsOptional() @IsIn(NAMES) projection?: string;
}

function reportToWire(r: RebuildReport): object {
  return { ...r, position: r.position?.toString() ?? null };
}

/** Rebuilds read models from the log beside the serving ones, compares, then switches. */
@Controller('api/v1/admin/projections')
export class ProjectionsController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(DOCUMENT_STORE) private readonly docs: DocumentStore,
  ) {}

  @Post('rebuild')
  @HttpCode(200)
  @Allow(OPERATION_POLICIES.RebuildProjections)
  async rebuild(@Body() body: RebuildDto): Promise<object> {
    const chosen = ALL_PROJECTIONS.filter((p) => !body.projection || p.name === body.projection);
    // One pass over the log for all of them.
    const reports = await rebuildProjections(this.events, this.docs, chosen);
    return { reports: reports.map(reportToWire) };
  }
}
