import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  expenditureLocatorDecider,
  expenditureStreamId,
  type Correction,
  type ExpenditureCategory,
  type JointTripClaim,
  type ExpenditureKind,
  type Money,
  type NormClaim,
} from '@app/budgeting';
import { handle, type CommandAnswer, type CommandContext } from '../command-executor';
import { deterministicUuid } from '../deterministic-id';
import { ActivityFunding } from './activity-funding';
import { ProposalReservations } from './proposal-reservations';
import { LineCommands } from '../shared/line-commands';
import { ProgramSettings } from '../shared/program-settings';
import { JointTravel } from '../joint-work/joint-travel';

export interface ProposeExpenditureInput {
  readonly budgetLineId: string;
  readonly amount: Money;
  readonly category: ExpenditureCategory;
  readonly description: string;
  readonly payee: string;
  /** The activity of the approved plan it spends under (see ActivityFunding). */
  readonly activity: string | null;
  /** That plan's lead unit, when not the line's own unit's plan. */
  readonly planUnit?: string | null;
  readonly voucher: string | null;
  readonly personDays: number | null;
  readonly jointTeam: boolean;
  /** Tiểu mục of the budget index (mục lục NSNN) the payment is booked under; optional. */
  readonly economicCode?: string | null;
  /** The trip's or event's dates and its normed costs with their quantities. */
  readonly normClaim?: NormClaim | null;
  /** A joint team's travel: the recorded trip and who travelled on which days. */
  readonly jointTrip?: JointTripClaim | null;
  /** `advance`: a tạm ứng, settled later by vouchers; absent: an ordinary payment. */
  readonly kind?: ExpenditureKind;
  /**
   * In a closed fiscal year: what this entry corrects and why. A late entry on a lapsed
   * carry-over cites the lapse and names who approved the correction (approvedBy).
   */
  readonly correction: Correction | null;
}

export class ProposeExpenditureCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: CommandContext,
    readonly input: ProposeExpenditureInput,
  ) {
    super();
  }
}

/**
 * Checks the proposal against the line and its joint team's trip first (a refusal records
 * nothing), then claims the voucher program-wide, the travellers' days on the trip and
 * on each traveller's own stream, files the expenditure's locator and appends the proposal.
 */
@CommandHandler(ProposeExpenditureCommand)
export class ProposeExpenditureHandler implements ICommandHandler<ProposeExpenditureCommand> {
  private readonly joint: JointTravel;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly lines: LineCommands,
    private readonly settings: ProgramSettings,
  ) {
    this.joint = new JointTravel(store, settings);
  }

  async execute({ context, input }: ProposeExpenditureCommand): Promise<CommandAnswer> {
    const expenditureId = deterministicUuid('expenditure', context.actor.userId, context.commandId);
    const { correction: given, planUnit: _planUnit, ...spending } = input;
    // The lapse a late entry corrects may be cited by its event id (see LineCommands).
    const correction = await this.lines.citedLapse(input.budgetLineId, given);
    const proposal = {
      type: 'ProposeExpenditure' as const,
      correction,
      data: {
        ...spending,
        expenditureId,
        ...(await this.joint.terms(input, context.effectiveDate)),
        province: this.settings.province,
      },
    };
    // Loaded once: checked here, decided on again by lines.run below without a re-read.
    const line = await this.lines.load(input.budgetLineId);
    await this.lines.check(input.budgetLineId, context, proposal, line);
    await this.joint.claimDays(context, expenditureId, input, false);
    // The plan's activity: checked now, reserved once the voucher is claimed (see there).
    const funding = await new ActivityFunding(this.store).check(
      context,
      input,
      expenditureId,
      line.state.line,
    );
    // Held in turn on their own streams; a refusal of a later step gives the earlier back.
    const holds = new ProposalReservations(this.store, context, expenditureId);
    await holds.claimVoucher(input.voucher, input.budgetLineId);
    const trip = input.jointTrip;
    if (trip) {
      // The trip's stream decides, atomically, whose claim on a person-day lands first;
      // then each traveller's stream, whose claim on their day lands first across trips.
      const travellers = await holds.hold(
        () => this.joint.claimDays(context, expenditureId, input, true),
        (reason) => holds.releaseTripDays(trip.tripId, reason),
      );
      await holds.holdTravellerDays(travellers);
    }
    if (funding) {
      await holds.hold(
        () => funding.reserve(),
        (reason) => funding.undo(reason),
      );
    }
    await handle(
      this.store,
      context,
      expenditureStreamId(expenditureId),
      expenditureLocatorDecider,
      { expenditureId, budgetLineId: input.budgetLineId },
      { cache: false },
    );
    const planned = { ...proposal, data: { ...proposal.data, plan: funding?.ref ?? null } };
    // Refused now (the line moved meanwhile): every hold above is given back.
    const result = await holds.guard(() =>
      this.lines.run(input.budgetLineId, context, planned, line),
    );
    return { id: expenditureId, position: result.position?.toString() ?? null };
  }
}
