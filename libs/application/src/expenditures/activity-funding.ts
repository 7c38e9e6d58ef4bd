import type { EventStore } from '@app/event-store';
import {
  DomainError,
  activitySpendingDecider,
  activitySpendingStreamId,
  fundingActivity,
  planDecider,
  requireActivityNamed,
  streamIdForPlan,
  type ActivitySpendingCommand,
  type BudgetLineState,
  type Money,
  type PlanActivityRef,
  type PlanState,
} from '@app/budgeting';
import { handle, loadStream, type CommandContext } from '../command-executor';
import { SYSTEM_ACTOR } from '../transfers/transfer.process';

/** What a proposal says of the plan it spends under. */
export interface PlanChoice {
  readonly budgetLineId: string;
  readonly amount: Money;
  /** The activity's id in the plan (null: not tied to a plan activity). */
  readonly activity: string | null;
  /** The plan's lead unit; absent or null: the plan of the line's own unit. */
  readonly planUnit?: string | null;
}

type Reserve = Extract<ActivitySpendingCommand, { type: 'ReserveActivitySpending' }>;

/** A reservation checked against the plan and the activity's spending, to be made. */
export class ActivityReservation {
  constructor(
    private readonly store: EventStore,
    private readonly context: CommandContext,
    private readonly streamId: string,
    private readonly command: Reserve,
    /** What the proposal records of the plan (see ExpenditureProposed.plan). */
    readonly ref: PlanActivityRef,
  ) {}

  /**
   * Reserves the amount on the activity's stream with its expected revision: a proposal
   * on another line that took the last đồng meanwhile makes this one decide again and be
   * refused (ProposalReservations then gives back the voucher claimed a moment ago).
   */
  async reserve(): Promise<void> {
    await handle(this.store, this.context, this.streamId, activitySpendingDecider, this.command);
  }

  /** Gives the reservation back when the proposal itself was refused after it was made. */
  async undo(reason: string): Promise<void> {
    const { fiscalYear, leadUnit, activityId, expenditureId } = this.command.data;
    await handle(
      this.store,
      this.compensation('activity-undo'),
      this.streamId,
      activitySpendingDecider,
      {
        type: 'ReleaseActivitySpending',
        data: { fiscalYear, leadUnit, activityId, expenditureId, reason },
      },
    );
  }

  private compensation(kind: string): CommandContext {
    return {
      ...this.context,
      actor: SYSTEM_ACTOR,
      commandId: `${kind}:${this.context.commandId}`,
      causationId: this.context.commandId,
    };
  }
}

/**
 * Spending under the approved plan (issue 17 item 5): which plan and activity a proposal
 * spends under, checked before anything is appended, so a refusal records nothing.
 */
export class ActivityFunding {
  constructor(private readonly store: EventStore) {}

  /**
   * Null: the proposal is not tied to a plan activity, which the transition allows only
   * while the line's unit has no plan in force on the proposal's date.
   */
  async check(
    context: CommandContext,
    choice: PlanChoice,
    expenditureId: string,
    line: BudgetLineState,
  ): Promise<ActivityReservation | null> {
    const key = line.key;
    if (key === null) return null; // the line's own check refuses an unopened line first
    const on = context.effectiveDate;
    const planUnit = choice.planUnit ?? null;
    if (choice.activity === null) {
      if (planUnit !== null) throw planUnitWithoutActivity();
      requireActivityNamed(await this.plan(key.fiscalYear, key.unit), on, false);
      return null;
    }
    const leadUnit = planUnit ?? key.unit;
    const command: Reserve = {
      type: 'ReserveActivitySpending',
      on,
      data: {
        fiscalYear: key.fiscalYear,
        leadUnit,
        activityId: choice.activity,
        expenditureId,
        amount: choice.amount,
        line: { id: choice.budgetLineId, fiscalYear: key.fiscalYear, programPart: key.programPart },
        plan: await this.plan(key.fiscalYear, leadUnit),
      },
    };
    const streamId = activitySpendingStreamId(key.fiscalYear, leadUnit, choice.activity);
    const spending = await loadStream(this.store, { streamId, ...activitySpendingDecider });
    activitySpendingDecider.decide(command, spending.state);
    return new ActivityReservation(
      this.store,
      context,
      streamId,
      command,
      fundingActivity(command).ref,
    );
  }

  private async plan(fiscalYear: number, leadUnit: string): Promise<PlanState> {
    const streamId = streamIdForPlan(fiscalYear, leadUnit);
    return (await loadStream(this.store, { streamId, ...planDecider })).state;
  }
}

function planUnitWithoutActivity(): DomainError {
  return new DomainError(
    'PLAN.ACTIVITY_REQUIRED',
    'validation',
    {
      vi: 'activity: đã nêu planUnit thì phải nêu hoạt động của kế hoạch',
      en: 'activity: a proposal naming planUnit must name the plan activity too',
    },
    { field: 'activity' },
  );
}
