import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { READ_POLICIES, type Actor } from '@app/budgeting';
import { GetApprovalsQuery } from '@app/read-models';
import { Allow, CurrentActor } from '../auth';
import { approvalUnit, canSeeUnit } from '../auth/visibility';
import { minPosition } from '../http/time-query.dto';
import { ApiRead } from '../openapi/api-docs';
import { ApprovalsAnswerDto } from '../openapi/answers.dto';
import { ApprovalsQueryDto } from './approvals-query.dto';

/** The approval trail, from the read models: who decided what, in what capacity. */
@ApiTags('approvals')
@Controller('api/v1/approvals')
export class ApprovalsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Allow(READ_POLICIES.GetApprovals)
  @ApiRead(
    'Dấu vết phê duyệt / The approval trail',
    ApprovalsAnswerDto,
    'Filter by approver, document or line; decisions on lines follow the reader’s unit.',
  )
  async approvals(@Query() q: ApprovalsQueryDto, @CurrentActor() actor: Actor): Promise<object> {
    const approvals = await this.queries.execute(
      new GetApprovalsQuery({
        ...(q.approver ? { approver: q.approver } : {}),
        ...(q.document ? { document: q.document } : {}),
        ...(q.budgetLineId ? { budgetLineId: q.budgetLineId } : {}),
        ...minPosition(q),
      }),
    );
    // Decisions on lines follow the lines' unit, decisions on plans the plan's lead unit.
    const visible = approvals.filter((a) => canSeeUnit(actor, approvalUnit(a)));
    return { approvals: visible };
  }
}
