import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
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
import { RebuildDto } from './rebuild.dto';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RebuildAnswerDto } from '../openapi/answers.dto';

function reportToWire(r: RebuildReport): object {
  return { ...r, position: r.position?.toString() ?? null };
}

/** Rebuilds read models from the log beside the serving ones, compares, then switches. */
@ApiTags('administration')
@Controller('api/v1/admin/projections')
export class ProjectionsController {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(DOCUMENT_STORE) private readonly docs: DocumentStore,
  ) {}

  @Post('rebuild')
  @HttpCode(200)
  @Allow(OPERATION_POLICIES.RebuildProjections)
  @ApiOperation({
    summary: 'Dựng lại dữ liệu đọc từ sổ / Rebuild read models from the log',
    description: 'Beside the serving generation; compared document by document, then switched.',
  })
  @ApiResponse({ status: 200, description: 'rebuilt and switched', type: RebuildAnswerDto })
  async rebuild(@Body() body: RebuildDto): Promise<object> {
    const chosen = ALL_PROJECTIONS.filter((p) => !body.projection || p.name === body.projection);
    // One pass over the log for all of them.
    const reports = await rebuildProjections(this.events, this.docs, chosen);
    return { reports: reports.map(reportToWire) };
  }
}
