import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  PLAN_POLICIES,
  READ_POLICIES,
  planDecider,
  streamIdForPlan,
  type Actor,
  type Authority,
  type PlanCommand,
} from '@app/budgeting';
import { GetPlanQuery } from '@app/read-models';
import { DecideOnStreamCommand, type CommandAnswer } from '@app/application';
import { Allow, CurrentActor, CurrentAuthority } from '../auth';
import { requirePlanVisible } from '../auth/visibility';
import { ProblemException } from '../http/problem';
import { CommandKey } from '../idempotency/idempotency-key.decorator';
import { FiscalYearParam, UnitParam } from '../http/path-params';
import { RequestContexts } from '../shared-context';
import {
  AmendPlanDto,
  ApprovePlanDto,
  DraftPlanDto,
  PlanStepDto,
  ProgressDto,
  RejectPlanDto,
} from './plan.dto';
import { activities, parts } from './plan.mapping';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand, ApiRead } from '../openapi/api-docs';
import { PlanDto } from '../openapi/answers.dto';

/** A plan per fiscal year and lead unit: drafted, submitted, approved or rejected, amended by decision. */
@ApiTags('plans')
@Controller('api/v1/plans')
export class PlansController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: RequestContexts,
  ) {}

  private send(
    actor: Actor,
    key: string,
    on: string,
    command: PlanCommand,
  ): Promise<CommandAnswer> {
    const { fiscalYear, leadUnit } = command.data;
    return this.commands.execute(
      new DecideOnStreamCommand(
        this.contexts.of(actor, key, on),
        streamIdForPlan(fiscalYear, leadUnit),
        planDecider,
        command,
        `${fiscalYear}-${leadUnit}`,
      ),
    );
  }

  @Post()
  @Allow(PLAN_POLICIES.DraftPlan)
  @ApiCommand('Lập dự thảo kế hoạch / Draft a plan', 201)
  draft(
    @Body() b: DraftPlanDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    return this.send(actor, key, b.effectiveDate, {
      type: 'DraftPlan',
      actor,
      on: b.effectiveDate,
      data: {
        fiscalYear: b.fiscalYear,
        leadUnit: b.leadUnit,
        title: b.title,
        legalBasis: b.legalBasis,
        fundingDecisions: b.fundingDecisions,
        parts: parts(b.parts),
        activities: activities(b.activities),
      },
    });
  }

  @Post(':year/:unit/submit')
  @HttpCode(200)
  @Allow(PLAN_POLICIES.SubmitPlan)
  @ApiCommand('Trình kế hoạch / Submit a plan for approval', 200)
  submit(
    @FiscalYearParam() fiscalYear: number,
    @UnitParam() leadUnit: string,
    @Body() b: PlanStepDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    return this.send(actor, key, b.effectiveDate, {
      type: 'SubmitPlan',
      actor,
      on: b.effectiveDate,
      data: { fiscalYear, leadUnit },
    });
  }

  @Post(':year/:unit/approve')
  @HttpCode(200)
  @Allow(PLAN_POLICIES.ApprovePlan)
  @ApiCommand(
    'Phê duyệt kế hoạch (số quyết định chỉ có khi duyệt) / Approve a plan (its decision number is given then)',
    200,
  )
  approve(
    @FiscalYearParam() fiscalYear: number,
    @UnitParam() leadUnit: string,
    @Body() b: ApprovePlanDto,
    @CurrentActor() actor: Actor,
    @CurrentAuthority() authority: Authority | null,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    return this.send(actor, key, b.effectiveDate, {
      type: 'ApprovePlan',
      actor,
      on: b.effectiveDate,
      data: { fiscalYear, leadUnit, number: b.number, issuedOn: b.issuedOn, authority },
    });
  }

  @Post(':year/:unit/reject')
  @HttpCode(200)
  @Allow(PLAN_POLICIES.RejectPlan)
  @ApiCommand('Trả lại kế hoạch / Reject a plan', 200)
  reject(
    @FiscalYearParam() fiscalYear: number,
    @UnitParam() leadUnit: string,
    @Body() b: RejectPlanDto,
    @CurrentActor() actor: Actor,
    @CurrentAuthority() authority: Authority | null,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    return this.send(actor, key, b.effectiveDate, {
      type: 'RejectPlan',
      actor,
      on: b.effectiveDate,
      data: { fiscalYear, leadUnit, reason: b.reason, authority },
    });
  }

  @Post(':year/:unit/amend')
  @Allow(PLAN_POLICIES.AmendPlan)
  @ApiCommand('Điều chỉnh kế hoạch theo quyết định / Amend a plan by decision', 201)
  amend(
    @FiscalYearParam() fiscalYear: number,
    @UnitParam() leadUnit: string,
    @Body() b: AmendPlanDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    return this.send(actor, key, b.effectiveDate, {
      type: 'AmendPlan',
      actor,
      on: b.effectiveDate,
      data: {
        fiscalYear,
        leadUnit,
        amendingDecision: b.amendingDecision,
        reason: b.reason,
        parts: parts(b.parts),
        activities: activities(b.activities),
        ...(b.fundingDecisions ? { fundingDecisions: b.fundingDecisions } : {}),
      },
    });
  }

  @Post(':year/:unit/progress')
  @Allow(PLAN_POLICIES.ReportOutputProgress)
  @ApiCommand('Báo cáo tiến độ đầu ra / Record output progress', 201)
  progress(
    @FiscalYearParam() fiscalYear: number,
    @UnitParam() leadUnit: string,
    @Body() b: ProgressDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const progress =
      b.kind === 'count'
        ? { kind: 'count' as const, delivered: b.delivered ?? 0 }
        : { kind: 'commune' as const, commune: b.commune ?? '', done: b.done ?? false };
    return this.send(actor, key, b.effectiveDate, {
      type: 'ReportOutputProgress',
      actor,
      on: b.effectiveDate,
      data: { fiscalYear, leadUnit, activityId: b.activityId, outputId: b.outputId, progress },
    });
  }

  @Get(':year/:unit')
  @Allow(READ_POLICIES.GetPlan)
  @ApiRead('Kế hoạch của năm và đơn vị chủ trì / A plan by year and lead unit', PlanDto)
  async plan(
    @FiscalYearParam() year: number,
    @UnitParam() unit: string,
    @CurrentActor() actor: Actor,
  ): Promise<object> {
    requirePlanVisible(actor, unit);
    const plan = await this.queries.execute(new GetPlanQuery(year, unit));
    if (!plan) {
      throw new ProblemException(404, 'PLAN.NOT_FOUND', {
        vi: `Không có kế hoạch năm ${year} của đơn vị ${unit}`,
        en: `No plan for ${year} led by ${unit}`,
      });
    }
    return plan;
  }
}
