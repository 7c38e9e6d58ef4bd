import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  fold,
  isUnitActiveOn,
  jointTripDecider,
  jointTripStreamId,
  leadAgencyDecider,
  leadAgencyStreamId,
  spendingUnitDecider,
  streamIdForSpendingUnit,
  type JointTrip,
  type LeadAgencyPeriod,
  type SpendingUnitEvent,
} from '@app/budgeting';
import type { CommandAnswer, CommandContext } from '../command-executor';
import { decodeEvent } from '../event-codec';
import { decideOnStream } from '../shared/decide-on-stream';

/** Whether the unit is registered and in force on the day (a lead or a trip's lead unit). */
export async function unitInForce(store: EventStore, unit: string, on: string): Promise<boolean> {
  if (typeof unit !== 'string' || unit.trim() === '') return true; // the decider names the field
  const events = await store.readStream(streamIdForSpendingUnit(unit.trim()));
  const state = fold(
    spendingUnitDecider,
    events.map((e) => decodeEvent<SpendingUnitEvent>(e)),
  );
  return isUnitActiveOn(state, on);
}

export class DesignateLeadAgencyCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: CommandContext,
    readonly period: Omit<LeadAgencyPeriod, 'note'> & { readonly note?: string | null },
  ) {
    super();
  }
}

/** Records the program's lead agency for a year (from the decision or plan naming it). */
@CommandHandler(DesignateLeadAgencyCommand)
export class DesignateLeadAgencyHandler implements ICommandHandler<DesignateLeadAgencyCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ context, period }: DesignateLeadAgencyCommand): Promise<CommandAnswer> {
    const inForce = await unitInForce(this.store, period.unit, period.validFrom);
    const result = await decideOnStream(
      this.store,
      context,
      leadAgencyStreamId(period.fiscalYear),
      leadAgencyDecider,
      {
        type: 'DesignateLeadAgency',
        actor: context.actor,
        on: context.effectiveDate,
        unitInForce: inForce,
        data: period,
      },
    );
    return { id: `${period.fiscalYear}`, position: result.position?.toString() ?? null };
  }
}

export class RecordJointTripCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: CommandContext,
    readonly trip: JointTrip,
  ) {
    super();
  }
}

/** Records a joint team's trip as its travel order states it. */
@CommandHandler(RecordJointTripCommand)
export class RecordJointTripHandler implements ICommandHandler<RecordJointTripCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ context, trip }: RecordJointTripCommand): Promise<CommandAnswer> {
    const inForce = await unitInForce(this.store, trip.leadUnit, trip.from);
    const result = await decideOnStream(
      this.store,
      context,
      jointTripStreamId(trip.tripId),
      jointTripDecider,
      {
        type: 'RecordJointTrip',
        actor: context.actor,
        on: context.effectiveDate,
        leadUnitInForce: inForce,
        data: trip,
      },
    );
    return { id: trip.tripId, position: result.position?.toString() ?? null };
  }
}
