import type { EventStore } from '@app/event-store';
import {
  formatVietnameseDate,
  jointTripDecider,
  jointTripStreamId,
  leadAgencyDecider,
  leadAgencyOn,
  leadAgencyStreamId,
  parseBudgetLineId,
  type JointTripClaim,
  type JointTripEvent,
  type LeadAgencyEvent,
  type LeadAgencyState,
  type JointTripState,
  type NormClaim,
} from '@app/budgeting';
import { handle, loadStream, type CommandContext } from '../command-executor';
import type { ProgramSettings } from '../shared/program-settings';

/** The lead agency a proposal is judged by, and the decision naming it (null: the fallback setting). */
export interface LeadTerms {
  readonly leadAgency: string;
  readonly leadAgencyBasis: string | null;
}

interface TravelInput {
  readonly budgetLineId: string;
  readonly jointTrip?: JointTripClaim | null;
  readonly normClaim?: NormClaim | null;
}

/**
 * What a travel proposal needs beyond its line: the lead agency recorded for the line's
 * year on the trip's first day (else the claim's, else the proposal's date), and the
 * joint team's trip, whose stream holds every claim on its members' days.
 */
export class JointTravel {
  constructor(
    private readonly store: EventStore,
    private readonly settings: ProgramSettings,
  ) {}

  trip(tripId: string): Promise<{ state: JointTripState; revision: bigint | null }> {
    return loadStream<JointTripEvent, JointTripState>(this.store, {
      streamId: jointTripStreamId(tripId),
      name: jointTripDecider.name,
      initialState: jointTripDecider.initialState,
      evolve: (s, e) => jointTripDecider.evolve(s, e),
    });
  }

  /**
   * The recorded lead agency in force on the day, or the deployment's BUDGET_LEAD_AGENCY
   * for a year with none recorded on that day (documented fallback, README).
   */
  async leadOn(fiscalYear: number, on: string): Promise<LeadTerms> {
    const folded = await loadStream<LeadAgencyEvent, LeadAgencyState>(this.store, {
      streamId: leadAgencyStreamId(fiscalYear),
      name: leadAgencyDecider.name,
      initialState: leadAgencyDecider.initialState,
      evolve: (s, e) => leadAgencyDecider.evolve(s, e),
    });
    const period = leadAgencyOn(folded.state, on);
    if (!period) return { leadAgency: this.settings.leadAgency, leadAgencyBasis: null };
    const { number, issuedOn } = period.decision;
    return {
      leadAgency: period.unit,
      leadAgencyBasis: `${number} ngày ${formatVietnameseDate(issuedOn)}`,
    };
  }

  /** The lead terms for a proposal dated `on`. */
  async terms(input: TravelInput, on: string): Promise<LeadTerms> {
    const year = parseBudgetLineId(input.budgetLineId).fiscalYear;
    const trip = input.jointTrip ? (await this.trip(input.jointTrip.tripId)).state.trip : null;
    const day = trip?.from ?? input.normClaim?.period.from ?? on;
    // A trip or claim dated in another year is judged on the line's year's own lead.
    return this.leadOn(year, day.startsWith(`${year}-`) ? day : on);
  }

  /**
   * Decides the claim on the trip as it stands without appending (a refusal here comes
   * before the voucher is claimed), or appends it with the expected revision (`append`).
   */
  async claimDays(
    context: CommandContext,
    expenditureId: string,
    input: TravelInput,
    append: boolean,
  ): Promise<void> {
    const claim = input.jointTrip;
    if (!claim) return;
    const command = {
      type: 'ClaimTripDays' as const,
      data: {
        tripId: claim.tripId,
        expenditureId,
        budgetLineId: input.budgetLineId,
        unit: parseBudgetLineId(input.budgetLineId).unit,
        travellers: claim.travellers,
        normClaim: input.normClaim ?? null,
      },
    };
    if (!append) {
      jointTripDecider.decide(command, (await this.trip(claim.tripId)).state);
      return;
    }
    await handle(this.store, context, jointTripStreamId(claim.tripId), jointTripDecider, command);
  }
}
