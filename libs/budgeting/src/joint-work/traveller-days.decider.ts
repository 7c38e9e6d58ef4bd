import { assertNever, type Decider } from '../shared/decider';
import { jointWorkErrors } from './joint-work.errors';

/**
 * One traveller's days held by one proposal, whichever trip it names: the trip's stream
 * guards a person's days on that trip; this one guards them across trips (a person on two
 * overlapping trips, claimed by two proposals).
 */
export interface TravellerDaysHold {
  readonly personId: string;
  readonly tripId: string;
  readonly expenditureId: string;
  readonly budgetLineId: string;
  readonly unit: string;
  readonly from: string;
  readonly to: string;
}

export type TravellerDaysEvent =
  | { readonly type: 'TravellerDaysHeld'; readonly data: TravellerDaysHold }
  | {
      readonly type: 'TravellerDaysReleased';
      readonly data: {
        readonly personId: string;
        readonly expenditureId: string;
        readonly reason: string;
      };
    };

export type TravellerDaysCommand =
  | {
      /** Issued by ProposeExpenditure once the trip's stream took the claim. */
      readonly type: 'HoldTravellerDays';
      /** `name`: as the trip's members list it, for the refusal only. */
      readonly data: TravellerDaysHold & { readonly name: string };
    }
  | {
      readonly type: 'ReleaseTravellerDays';
      readonly data: {
        readonly personId: string;
        readonly expenditureId: string;
        readonly reason: string;
      };
    };

export interface TravellerDaysState {
  /** Holds in force, by expenditure id (one range per proposal: a claim names a person once). */
  readonly holds: ReadonlyMap<string, TravellerDaysHold>;
}

/**
 * The person's stream: the same person id as the trips record it, read without case or
 * spaces (two lead units typing one id apart must not open two streams for one person).
 */
export function travellerDaysStreamId(personId: string): string {
  return `traveller-days-${personId.normalize('NFC').toLowerCase().replace(/\s+/g, '')}`;
}

function hold(
  c: Extract<TravellerDaysCommand, { type: 'HoldTravellerDays' }>,
  s: TravellerDaysState,
) {
  const { name, ...mine } = c.data;
  if (s.holds.has(mine.expenditureId)) return [];
  for (const other of s.holds.values()) {
    if (other.from > mine.to || mine.from > other.to) continue;
    const from = mine.from > other.from ? mine.from : other.from;
    const to = mine.to < other.to ? mine.to : other.to;
    // Named by its trip when another (the same trip holds such a claim only when its
    // release stopped halfway: the person's hold is given back first).
    const { expenditureId, unit, tripId } = other;
    const taken = tripId === mine.tripId ? { expenditureId, unit } : other;
    throw jointWorkErrors.personDaysTaken({ personId: mine.personId, name }, from, to, taken);
  }
  return [{ type: 'TravellerDaysHeld' as const, data: mine }];
}

/**
 * A person's day is paid once, whatever trip claims it (Circular 55/2023/TT-BTC Art. 3):
 * one stream per traveller, appended with its expected revision, so of two proposals on
 * two trips racing for one person-day exactly one holds it.
 */
export const travellerDaysDecider: Decider<
  TravellerDaysCommand,
  TravellerDaysEvent,
  TravellerDaysState
> = {
  name: 'traveller-days@1',
  initialState: { holds: new Map() },
  evolve(state, event) {
    switch (event.type) {
      case 'TravellerDaysHeld':
        return { holds: new Map(state.holds).set(event.data.expenditureId, event.data) };
      case 'TravellerDaysReleased': {
        const holds = new Map(state.holds);
        holds.delete(event.data.expenditureId);
        return { holds };
      }
      default:
        return assertNever(event);
    }
  },
  decide(c, state) {
    switch (c.type) {
      case 'HoldTravellerDays':
        return hold(c, state);
      case 'ReleaseTravellerDays':
        return state.holds.has(c.data.expenditureId)
          ? [{ type: 'TravellerDaysReleased', data: c.data }]
          : [];
      default:
        return assertNever(c);
    }
  },
};
