import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { JOINT_WORK_POLICIES, type Actor } from '@app/budgeting';
import {
  DesignateLeadAgencyCommand,
  RecordJointTripCommand,
  type CommandAnswer,
} from '@app/application';
import { Allow, CurrentActor } from '../auth';
import { FiscalYearParam } from '../http/path-params';
import { CommandKey } from '../idempotency/idempotency-key.decorator';
import { ApiCommand } from '../openapi/api-docs';
import { RequestContexts } from '../shared-context';
import { DesignateLeadAgencyDto, RecordJointTripDto } from './joint-work.dto';

/** The program's lead agency per year and the joint teams' trips it pays for. */
@ApiTags('joint teams')
@Controller('api/v1')
export class JointWorkController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: RequestContexts,
  ) {}

  @Post('fiscal-years/:year/lead-agency')
  @Allow(JOINT_WORK_POLICIES.DesignateLeadAgency)
  @ApiCommand(
    'Ghi nhận cơ quan chủ trì chương trình trong năm / Record the lead agency of the program for a year',
    201,
    "From the decision or plan naming it (e.g. the district's plan: Phòng LĐ-TB&XH). Only the lead agency in force on a trip's first day pays a joint team's travel; a year with none recorded falls back to BUDGET_LEAD_AGENCY.",
  )
  designateLead(
    @FiscalYearParam() year: number,
    @Body() body: DesignateLeadAgencyDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const period = {
      fiscalYear: year,
      unit: body.unit,
      validFrom: body.validFrom,
      validTo: body.validTo ?? null,
      decision: { number: body.decision.number, issuedOn: body.decision.issuedOn },
      note: body.note ?? null,
    };
    // Recorded as of the decision's date: it may name a lead from a later day on.
    const context = this.contexts.of(actor, key, body.decision.issuedOn);
    return this.commands.execute(new DesignateLeadAgencyCommand(context, period));
  }

  @Post('joint-trips')
  @Allow(JOINT_WORK_POLICIES.RecordJointTrip)
  @ApiCommand(
    'Ghi nhận chuyến công tác của đoàn liên ngành / Record a joint team trip',
    201,
    "Team, lead unit, members with their home units, dates and travel order. A joint team's travel allowance names the trip; each person's day on it is paid once.",
  )
  recordTrip(
    @Body() body: RecordJointTripDto,
    @CurrentActor() actor: Actor,
    @CommandKey() key: string,
  ): Promise<CommandAnswer> {
    const trip = {
      tripId: body.tripId,
      team: body.team,
      leadUnit: body.leadUnit,
      members: body.members.map((m) => ({ personId: m.personId, name: m.name, unit: m.unit })),
      from: body.from,
      to: body.to,
      travelOrder: { number: body.travelOrder.number, issuedOn: body.travelOrder.issuedOn },
    };
    const context = this.contexts.of(actor, key, body.travelOrder.issuedOn);
    return this.commands.execute(new RecordJointTripCommand(context, trip));
  }
}
