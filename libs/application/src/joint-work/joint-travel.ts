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
import { TravellerDays, travellerHolds, type TravellerDaysHoldCommand } from './traveller-days';

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

/** The trip's stream as the store has it now. */
export function loadJointTrip(
  store: EventStore,
  tripId: string,
): Promise<{ state: JointTripState; revision: bigint | null }> {
  return loadStream<JointTripEvent, JointTripState>(store, {
    streamId: jointTripStreamId(tripId),
    name: jointTripDecider.name,
    initialState: jointTripDecider.initialState,
    evolve: (s, e) => jointTripDecider.evolve(s, e),
  });
}

/**
 * What a travel proposal needs beyond its line: the lead agency recorded for the line's
 * year on the trip's first day (else the claim's, else the proposal's date), and the
 * joint team's trip, whose stream holds every claim on its members' days.
 */
export class JointTravel {
  private readonly travellers: TravellerDays;

  constructor(
    private readonly store: EventStore,
    private readonly settings: ProgramSettings,
  ) {
    this.travellers = new TravellerDays(store);
  }

  trip(tripId: string): Promise<{ state: JointTripState; revision: bigint | null }> {
    return loadJointTrip(this.store, tripId);
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
   * Decides the claim on the trip, and on each traveller's own stream (their days on any
   * other trip), as they stand without appending (a refusal here comes before the voucher
   * is claimed); or appends it to the trip with the expected revision (`append`) and
   * answers the holds it makes on its travellers' streams, for ProposalReservations.
   */
  async claimDays(
    context: CommandContext,
    expenditureId: string,
    input: TravelInput,
    append: boolean,
  ): Promise<TravellerDaysHoldCommand['data'][]> {
    const claim = input.jointTrip;
    if (!claim) return [];
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
      const { state } = await this.trip(claim.tripId);
      const [claimed] = jointTripDecider.decide(command, state);
      // None when the trip already holds this proposal's claim (a retried request).
      const held = claimed?.type === 'TripDaysClaimed' ? claimed.data : null;
      if (held && state.trip) await this.travellers.check(travellerHolds(state.trip, held));
      return [];
    }
    await handle(this.store, context, jointTripStreamId(claim.tripId), jointTripDecider, command);
    const { state } = await this.trip(claim.tripId);
    const held = state.claims.get(expenditureId);
    return state.trip && held ? travellerHolds(state.trip, held) : [];
  }
}
