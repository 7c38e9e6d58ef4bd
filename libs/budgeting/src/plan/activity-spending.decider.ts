import { assertNever } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { Money } from '../shared/money';
import { PersistentMap } from '../shared/persistent-map';
import { fundingErrors } from './activity-spending.errors';
import { partCovers, versionInForceOn } from './plan-in-force';
import type { PlanState } from './plan.state';

/**
 * What a proposal cites of the plan it spends under: recorded on the proposal, so an
 * auditor reads the plan, the version and the decision that approved it beside the money.
 */
export interface PlanActivityRef {
  readonly fiscalYear: number;
  readonly leadUnit: string;
  readonly activityId: string;
  /** The version in force on the proposal's date, and the decision that approved it. */
  readonly version: number;
  readonly decision: string;
}

interface Reservation {
  readonly expenditureId: string;
  readonly budgetLineId: string;
  readonly amount: Money;
}

/**
 * The advance recovery (AdvanceRecovered) money is given back by: the recovery's event id
 * (each recovery gives back once, however often it is delivered), its receipt and date,
 * and where the money went (README "Spending under the approved plan").
 */
export interface RecoveryRef {
  readonly eventId: string;
  readonly receipt: string;
  readonly recoveredOn: string;
  readonly returnsTo: 'line' | 'budget';
}

/**
 * An activity's spending is a stream of its own, like a voucher's claim: every proposal
 * naming the activity reserves its amount here (pending and approved money alike), and a
 * rejection or reversal releases it. Appending with the expected revision makes the cap
 * (the activity's planned amount) hold across budget lines and processes: two proposals
 * on two lines racing for the last đồng both decide on the same revision, one append wins,
 * the other is decided again on the new state and refused.
 */
export type ActivitySpendingEvent =
  | {
      readonly type: 'ActivitySpendingReserved';
      readonly data: PlanActivityRef &
        Reservation & {
          /** The activity's planned amount in that version (null: the plan gives none). */
          readonly plannedAmount: Money | null;
        };
    }
  | {
      readonly type: 'ActivitySpendingReleased';
      readonly data: Omit<PlanActivityRef, 'version' | 'decision'> &
        Reservation & { readonly reason: string };
    }
  | {
      /** Part of what an expenditure holds, given back: an advance's unspent money recovered. */
      readonly type: 'ActivitySpendingGivenBack';
      readonly data: Omit<PlanActivityRef, 'version' | 'decision'> &
        Reservation & { readonly reason: 'advance recovered'; readonly recovery: RecoveryRef };
    };

/** Which activity, and which expenditure's hold on it, a command is about. */
interface ExpenditureOnActivity {
  readonly fiscalYear: number;
  readonly leadUnit: string;
  readonly activityId: string;
  readonly expenditureId: string;
}

export type ActivitySpendingCommand =
  | {
      readonly type: 'ReserveActivitySpending';
      /** The proposal's business date: the plan must be approved and in force on it. */
      readonly on: string;
      readonly data: ExpenditureOnActivity & {
        readonly amount: Money;
        readonly line: {
          readonly id: string;
          readonly fiscalYear: number;
          readonly programPart: string;
        };
        /** The plan's stream as folded when the command was made. */
        readonly plan: PlanState;
      };
    }
  | {
      readonly type: 'ReleaseActivitySpending';
      readonly data: ExpenditureOnActivity & { readonly reason: string };
    }
  | {
      readonly type: 'GiveBackRecoveredSpending';
      readonly data: ExpenditureOnActivity & {
        /** What the recovery brought back (never more than the expenditure still holds). */
        readonly amount: Money;
        readonly recovery: RecoveryRef;
      };
    };

/** What an expenditure holds of the activity: its amount less what recoveries gave back. */
interface Held extends Reservation {
  readonly released: boolean;
  readonly givenBack: Money;
  /** The recoveries' event ids already given back. */
  readonly recoveries: readonly string[];
}

export interface ActivitySpendingState {
  /** Expenditure id → what it holds (or held, once released) of the activity. */
  readonly reserved: PersistentMap<string, Held>;
  /** Pending and approved spending on the activity, less what was released. */
  readonly committed: Money;
}

export function activitySpendingStreamId(
  fiscalYear: number,
  leadUnit: string,
  activityId: string,
): string {
  return `plan-activity-${fiscalYear}-${leadUnit}-${activityId}`;
}

/** Which plan version funds the proposal, or the refusal: approved, in force, right part. */
export function fundingActivity(
  command: Extract<ActivitySpendingCommand, { type: 'ReserveActivitySpending' }>,
): { readonly ref: PlanActivityRef; readonly plannedAmount: Money | null } {
  const { fiscalYear, leadUnit, activityId, plan, line } = command.data;
  if (plan.status === 'none' || plan.fiscalYear !== line.fiscalYear) {
    throw fundingErrors.planNotFound(line.fiscalYear, leadUnit);
  }
  const version = versionInForceOn(plan, command.on);
  if (version === null || version.approval === null) {
    // Approved later than the proposal's date reads as what it was on that date.
    const status = plan.status === 'approved' ? 'submitted' : plan.status;
    throw fundingErrors.notApproved(fiscalYear, leadUnit, status, command.on);
  }
  const activity = version.activities.find((a) => a.id === activityId);
  if (!activity) throw fundingErrors.unknownActivity(activityId, version.version);
  if (!partCovers(activity.programPart, line.programPart)) {
    throw fundingErrors.partMismatch(activityId, activity.programPart, line.programPart);
  }
  const ref = {
    fiscalYear,
    leadUnit,
    activityId,
    version: version.version,
    decision: version.approval.number,
  };
  return { ref, plannedAmount: activity.plannedAmount };
}

function reserve(
  command: Extract<ActivitySpendingCommand, { type: 'ReserveActivitySpending' }>,
  state: ActivitySpendingState,
): ActivitySpendingEvent[] {
  const { expenditureId, amount, line } = command.data;
  const held = state.reserved.get(expenditureId);
  if (held) {
    if (held.amount === amount && held.budgetLineId === line.id) return [];
    throw new DomainError('EXPENDITURE.ALREADY_EXISTS', 'conflict', {
      vi: `Khoản chi ${expenditureId} đã ghi vào hoạt động này với số tiền khác`,
      en: `Expenditure ${expenditureId} already holds a different amount of this activity`,
    });
  }
  const { ref, plannedAmount } = fundingActivity(command);
  if (plannedAmount !== null && state.committed + amount > plannedAmount) {
    throw fundingErrors.capExceeded(ref.activityId, plannedAmount, state.committed, amount);
  }
  return [
    {
      type: 'ActivitySpendingReserved',
      data: { ...ref, expenditureId, budgetLineId: line.id, amount, plannedAmount },
    },
  ];
}

function release(
  command: Extract<ActivitySpendingCommand, { type: 'ReleaseActivitySpending' }>,
  state: ActivitySpendingState,
): ActivitySpendingEvent[] {
  const { fiscalYear, leadUnit, activityId, expenditureId, reason } = command.data;
  const held = state.reserved.get(expenditureId);
  if (!held || held.released) return [];
  const { budgetLineId } = held;
  const amount = held.amount - held.givenBack;
  return [
    {
      type: 'ActivitySpendingReleased',
      data: { fiscalYear, leadUnit, activityId, expenditureId, budgetLineId, amount, reason },
    },
  ];
}

function giveBack(
  command: Extract<ActivitySpendingCommand, { type: 'GiveBackRecoveredSpending' }>,
  state: ActivitySpendingState,
): ActivitySpendingEvent[] {
  const { fiscalYear, leadUnit, activityId, expenditureId, recovery } = command.data;
  const held = state.reserved.get(expenditureId);
  if (!held || held.released || held.recoveries.includes(recovery.eventId)) return [];
  // A recovery never exceeds what is open of the advance; clamped all the same, so a
  // follow-up never keeps failing on it nor takes the activity below nothing.
  const still = held.amount - held.givenBack;
  const amount = command.data.amount < still ? command.data.amount : still;
  if (amount <= 0n) return [];
  const { budgetLineId } = held;
  const reason = 'advance recovered';
  return [
    {
      type: 'ActivitySpendingGivenBack',
      data: {
        fiscalYear,
        leadUnit,
        activityId,
        expenditureId,
        budgetLineId,
        amount,
        reason,
        recovery,
      },
    },
  ];
}

export const activitySpendingDecider = {
  // 2: reservations keep what recoveries gave back (cached states of @1 are folded again).
  name: 'activity-spending@2',
  initialState: { reserved: PersistentMap.empty(), committed: 0n } as ActivitySpendingState,
  // A persistent map: each event costs O(log n), not a copy of every reservation.
  evolve(state: ActivitySpendingState, event: ActivitySpendingEvent): ActivitySpendingState {
    const { expenditureId, budgetLineId, amount } = event.data;
    const held = state.reserved.get(expenditureId);
    switch (event.type) {
      case 'ActivitySpendingReserved':
        if (held) return state;
        return {
          reserved: state.reserved.set(expenditureId, {
            expenditureId,
            budgetLineId,
            amount,
            released: false,
            givenBack: 0n,
            recoveries: [],
          }),
          committed: state.committed + amount,
        };
      case 'ActivitySpendingReleased':
        if (!held || held.released) return state;
        return {
          reserved: state.reserved.set(expenditureId, { ...held, released: true }),
          committed: state.committed - (held.amount - held.givenBack),
        };
      case 'ActivitySpendingGivenBack': {
        if (!held || held.released) return state;
        const next = {
          ...held,
          givenBack: held.givenBack + amount,
          recoveries: [...held.recoveries, event.data.recovery.eventId],
        };
        return {
          reserved: state.reserved.set(expenditureId, next),
          committed: state.committed - amount,
        };
      }
      default:
        return assertNever(event);
    }
  },
  decide(command: ActivitySpendingCommand, state: ActivitySpendingState): ActivitySpendingEvent[] {
    switch (command.type) {
      case 'ReserveActivitySpending':
        return reserve(command, state);
      case 'ReleaseActivitySpending':
        return release(command, state);
      case 'GiveBackRecoveredSpending':
        return giveBack(command, state);
      default:
        return assertNever(command);
    }
  },
} as const;
