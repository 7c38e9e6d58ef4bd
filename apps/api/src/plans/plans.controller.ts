import { Body, Controller, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  parseMoney,
  planDecider,
  streamIdForPlan,
  type ActivityInput,
  type Actor,
  type Authority,
  type PlanCommand,
  type ProgramPart,
} from '@app/budgeting';
import { DecideOnStreamCommand, type CommandAnswer } from '@app/application';
import { CurrentActor, CurrentAuthority, Roles } from '../auth';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator';
import { requestContext } from '../shared-context';
import {
  AmendPlanDto,
  ApprovePlanDto,
  DraftPlanDto,
  PlanStepDto,
  ProgressDto,
  RejectPlanDto,
  type ActivityDto,
  type PartDto,
} from './plan.dto';
import { ApiTags } from '@nestjs/swagger';
import { ApiCommand } from '../openapi/api-docs';

function parts(dtos: PartDto[]): ProgramPart[] {
  return dtos.map((p) => ({
    code: p.code,
    name: p.name,
    budgetAmount: parseMoney(p.budgetAmount, `parts.${p.code}.budgetAmount`),
  }));
}

function activities(dtos: ActivityDto[]): ActivityInput[] {
  return dtos.map((a) => ({
    id: a.id,
    programPart: a.programPart,
    name: a.name,
    category: a.category,
    ...(a.plannedAmount === undefined
      ? {}
      : { plannedAmount: parseMoney(a.plannedAmount, `activities.${a.id}.plannedAmount`) }),
    ...(a.outputs === undefined ? {} : { outputs: a.outputs }),
  }));
}

/** A plan per fiscal year and lead unit: drafted, submitted, approved or rejected, amended by decision. */
@ApiTags('plans')
@Controller('api/v1/plans')
export class PlansController {
  constructor(private readonly commands: CommandBus) {}

  private send(
    actor: Actor,
    key: string,
    on: string,
    command: PlanCommand,
  ): Promise<CommandAnswer> {
    const { fiscalYear, leadUnit } = command.data;
    return this.commands.execute(
      new DecideOnStreamCommand(
        requestContext(actor, key, on),
        streamIdForPlan(fiscalYear, leadUnit),
        planDecider,
        command,
        `${fiscalYear}-${leadUnit}`,
      ),
    );
  }

  @Post()
  @Roles('officer', 'admin')
  @ApiCommand('Lập dự thảo kế hoạch / Draft a plan', 201)
  draft(
    @Body() b: DraftPlanDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string,
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
  @Roles('officer', 'admin')
  @ApiCommand('Trình kế hoạch / Submit a plan for approval', 200)
  submit(
    @Param('year', ParseIntPipe) fiscalYear: number,
    @Param('unit') leadUnit: string,
    @Body() b: PlanStepDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string,
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
  @Roles('approver')
  @ApiCommand(
    'Phê duyệt kế hoạch (số quyết định chỉ có khi duyệt) / Approve a plan (its decision number is given then)',
    200,
  )
  approve(
    @Param('year', ParseIntPipe) fiscalYear: number,
    @Param('unit') leadUnit: string,
    @Body() b: ApprovePlanDto,
    @CurrentActor() actor: Actor,
    @CurrentAuthority() authority: Authority | null,
    @IdempotencyKey() key: string,
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
  @Roles('approver')
  @ApiCommand('Trả lại kế hoạch / Reject a plan', 200)
  reject(
    @Param('year', ParseIntPipe) fiscalYear: number,
    @Param('unit') leadUnit: string,
    @Body() b: RejectPlanDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string,
  ): Promise<CommandAnswer> {
    return this.send(actor, key, b.effectiveDate, {
      type: 'RejectPlan',
      actor,
      on: b.effectiveDate,
      data: { fiscalYear, leadUnit, reason: b.reason },
    });
  }

  @Post(':year/:unit/amend')
  @Roles('officer', 'admin')
  @ApiCommand('Điều chỉnh kế hoạch theo quyết định / Amend a plan by decision', 201)
  amend(
    @Param('year', ParseIntPipe) fiscalYear: number,
    @Param('unit') leadUnit: string,
    @Body() b: AmendPlanDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string,
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
  @Roles('officer')
  @ApiCommand('Báo cáo tiến độ đầu ra / Record output progress', 201)
  progress(
    @Param('year', ParseIntPipe) fiscalYear: number,
    @Param('unit') leadUnit: string,
    @Body() b: ProgressDto,
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string,
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
}
