import type { EventStore } from '@app/event-store';
import {
  DomainError,
  jointTripDecider,
  jointTripStreamId,
  voucherDecider,
  voucherStreamId,
} from '@app/budgeting';
import { handle, type CommandContext } from '../command-executor';
import { SYSTEM_ACTOR } from '../transfers/transfer.process';
import { TravellerDays, type TravellerDaysHoldCommand } from '../joint-work/traveller-days';

/**
 * What a proposal holds on streams other than its line before the line records it: the
 * voucher (program-wide, no double funding), the travellers' days on their trip and on
 * each traveller's own stream (across trips), the plan activity's room. Each is taken
 * with its stream's expected revision, one after another; when a later step is refused
 * (a lost race, or the line moved meanwhile) every hold already taken is given back in
 * reverse order by a compensating event, so a refused proposal leaves nothing held and
 * the same voucher, days and room can be claimed again.
 * A crash between two steps still leaves the earlier holds until the same request is
 * retried (its command id makes the retry take them over): the README says so.
 */
export class ProposalReservations {
  private readonly undo: Array<(reason: string) => Promise<void>> = [];

  constructor(
    private readonly store: EventStore,
    private readonly context: CommandContext,
    private readonly expenditureId: string,
  ) {}

  async claimVoucher(voucher: string | null, budgetLineId: string): Promise<void> {
    if (voucher === null) return;
    const { expenditureId } = this;
    await handle(
      this.store,
      this.context,
      voucherStreamId(voucher),
      voucherDecider,
      { type: 'ClaimVoucher', data: { voucher, expenditureId, budgetLineId } },
      { cache: false },
    );
    this.undo.push((reason) =>
      handle(
        this.store,
        this.compensation('voucher-undo'),
        voucherStreamId(voucher),
        voucherDecider,
        { type: 'ReleaseVoucher', data: { voucher, expenditureId, reason } },
        { cache: false },
      ).then(() => undefined),
    );
  }

  /** Takes a hold (`take`); a refusal of a later step calls `give` with its code. */
  async hold<T>(take: () => Promise<T>, give: (reason: string) => Promise<unknown>): Promise<T> {
    const taken = await this.guard(take);
    this.undo.push(async (reason) => {
      await give(reason);
    });
    return taken;
  }

  /**
   * The travellers' days on their own streams (across trips), after the trip took the
   * claim: one append a person, each given back if a later one (or step) is refused.
   */
  async holdTravellerDays(holds: readonly TravellerDaysHoldCommand['data'][]): Promise<void> {
    const travellers = new TravellerDays(this.store);
    for (const days of holds) {
      await this.hold(
        () => travellers.hold(this.context, days),
        (reason) =>
          travellers.release(
            this.compensation('traveller-days-undo'),
            days.personId,
            this.expenditureId,
            reason,
          ),
      );
    }
  }

  async releaseTripDays(tripId: string, reason: string): Promise<void> {
    await handle(
      this.store,
      this.compensation('trip-days-undo'),
      jointTripStreamId(tripId),
      jointTripDecider,
      { type: 'ReleaseTripDays', data: { expenditureId: this.expenditureId, reason } },
    );
  }

  /** Runs the last step (the line's own append); a refusal gives every hold back. */
  async guard<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof DomainError) await this.giveBack(error.code);
      throw error;
    }
  }

  private async giveBack(reason: string): Promise<void> {
    for (const give of this.undo.splice(0).reverse()) await give(reason);
  }

  compensation(kind: string): CommandContext {
    return {
      ...this.context,
      actor: SYSTEM_ACTOR,
      commandId: `${kind}:${this.context.commandId}`,
      causationId: this.context.commandId,
    };
  }
}
