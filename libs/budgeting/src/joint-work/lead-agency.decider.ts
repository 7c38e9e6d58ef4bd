import type { Actor } from '../shared/actor';
import { authorize } from '../shared/authorization';
import { assertNever, type Decider } from '../shared/decider';
import {
  requireDate,
  requireDocumentNumber,
  requireText,
  requireValidity,
} from '../reference/field.validation';
import { jointWorkErrors } from './joint-work.errors';
import { JOINT_WORK_POLICIES } from './joint-work.policy';

/** The decision (or plan) that names the lead agency, as it is cited. */
export interface LeadDecision {
  readonly number: string;
  readonly issuedOn: string;
}

/** Cơ quan chủ trì (thường trực) of the program for part or all of a fiscal year. */
export interface LeadAgencyPeriod {
  readonly fiscalYear: number;
  readonly unit: string;
  readonly validFrom: string;
  /** Inclusive; null: to the year's end. */
  readonly validTo: string | null;
  readonly decision: LeadDecision;
  readonly note: string | null;
}

export type LeadAgencyEvent = {
  readonly type: 'LeadAgencyDesignated';
  readonly data: LeadAgencyPeriod & { readonly designatedBy: string };
};

export interface DesignateLeadAgency {
  readonly type: 'DesignateLeadAgency';
  readonly actor: Actor;
  readonly on: string;
  readonly recordedOn?: string;
  /** Whether the unit is registered and in force on validFrom (the handler reads it). */
  readonly unitInForce: boolean;
  readonly data: Omit<LeadAgencyPeriod, 'note'> & { readonly note?: string | null };
}

export interface LeadAgencyState {
  readonly periods: readonly LeadAgencyPeriod[];
}

export function leadAgencyStreamId(fiscalYear: number): string {
  return `lead-agency-${fiscalYear}`;
}

const endOf = (p: LeadAgencyPeriod) => p.validTo ?? `${p.fiscalYear}-12-31`;

/** The lead agency in force on the date, or null when none is recorded for it. */
export function leadAgencyOn(state: LeadAgencyState, date: string): LeadAgencyPeriod | null {
  return state.periods.find((p) => p.validFrom <= date && date <= endOf(p)) ?? null;
}

function validated(c: DesignateLeadAgency): LeadAgencyPeriod {
  const d = c.data;
  const year = d.fiscalYear;
  const unit = requireText(d.unit, 'unit');
  const validFrom = requireDate(d.validFrom, 'validFrom');
  const validTo = d.validTo === null ? null : requireDate(d.validTo, 'validTo');
  for (const [field, date] of [
    ['validFrom', validFrom],
    ['validTo', validTo],
  ] as const) {
    if (date !== null && !date.startsWith(`${year}-`))
      throw jointWorkErrors.leadOutsideYear(field, date, year);
  }
  requireValidity(validFrom, validTo);
  if (!c.unitInForce) throw jointWorkErrors.unitUnknown('unit', unit, validFrom);
  const decision = {
    number: requireDocumentNumber(d.decision.number, 'decision.number').text,
    issuedOn: requireDate(d.decision.issuedOn, 'decision.issuedOn'),
  };
  const note = d.note === null || d.note === undefined ? null : requireText(d.note, 'note');
  return { fiscalYear: year, unit, validFrom, validTo, decision, note };
}

const same = (a: LeadAgencyPeriod, b: LeadAgencyPeriod) => JSON.stringify(a) === JSON.stringify(b);

/**
 * One lead agency a day: a year's periods may follow one another (a reorganisation in
 * June) but never overlap. The same designation again records nothing.
 */
export const leadAgencyDecider: Decider<DesignateLeadAgency, LeadAgencyEvent, LeadAgencyState> = {
  name: 'lead-agency@1',
  initialState: { periods: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'LeadAgencyDesignated': {
        const { designatedBy: _by, ...period } = event.data;
        return { periods: [...state.periods, period] };
      }
      default:
        return assertNever(event.type);
    }
  },
  decide(c, state) {
    authorize(JOINT_WORK_POLICIES.DesignateLeadAgency, c.actor, {
      on: c.on,
      recordedOn: c.recordedOn ?? c.on,
    });
    const period = validated(c);
    if (state.periods.some((p) => same(p, period))) return [];
    const other = state.periods.find(
      (p) => p.validFrom <= endOf(period) && period.validFrom <= endOf(p),
    );
    if (other)
      throw jointWorkErrors.leadOverlaps(period.unit, {
        unit: other.unit,
        validFrom: other.validFrom,
        decision: other.decision.number,
      });
    return [{ type: 'LeadAgencyDesignated', data: { ...period, designatedBy: c.actor.userId } }];
  },
};
