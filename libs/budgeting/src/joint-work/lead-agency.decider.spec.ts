import { deciderSpec } from '@app/testing/decider';
import { admin, officer } from '../shared/testing/actors.fixture';
import {
  leadAgencyDecider,
  leadAgencyOn,
  type DesignateLeadAgency,
  type LeadAgencyEvent,
  type LeadAgencyPeriod,
} from './lead-agency.decider';

const given = deciderSpec(leadAgencyDecider);

// The Ba Tơ plan of 2024 names Phòng LĐ-TB&XH the lead agency (cơ quan chủ trì); the
// decision's number below and the mid-year change are illustrative.
const ldtbxh: LeadAgencyPeriod = {
  fiscalYear: 2024,
  unit: 'LDTBXH',
  validFrom: '2024-01-01',
  validTo: null,
  decision: { number: '54/KH-UBND', issuedOn: '2024-03-19' },
  note: null,
};
const designate = (p: Partial<LeadAgencyPeriod> = {}, actor = admin): DesignateLeadAgency => ({
  type: 'DesignateLeadAgency',
  actor,
  on: '2024-03-19',
  unitInForce: true,
  data: { ...ldtbxh, ...p },
});
const designated = (p: Partial<LeadAgencyPeriod> = {}): LeadAgencyEvent => ({
  type: 'LeadAgencyDesignated',
  data: { ...ldtbxh, ...p, designatedBy: admin.userId },
});

describe("the program's lead agency for a fiscal year", () => {
  describe('when none is recorded', () => {
    it('records the unit, its dates and the decision naming it', () => {
      const state = given([]).when(designate()).then([designated()]);
      expect(leadAgencyOn(state, '2024-07-01')?.unit).toBe('LDTBXH');
      expect(leadAgencyOn(state, '2024-12-31')?.decision.number).toBe('54/KH-UBND');
    });

    it('is recorded by the finance office only, not by a unit user', () => {
      given([]).when(designate({}, officer)).thenThrows('AUTH.ROLE_FORBIDDEN');
    });

    it('refuses dates outside the year, naming the field', () => {
      given([])
        .when(designate({ validTo: '2025-01-31' }))
        .thenThrows('LEAD_AGENCY.OUTSIDE_YEAR', { field: 'validTo' });
    });

    it('refuses an end before the start', () => {
      given([])
        .when(designate({ validFrom: '2024-06-01', validTo: '2024-05-31' }))
        .thenThrows('VALIDATION.VALIDITY_RANGE', { field: 'validTo' });
    });

    it('refuses a unit not registered on the first day', () => {
      given([])
        .when({ ...designate(), unitInForce: false })
        .thenThrows('UNIT.NOT_REGISTERED', { field: 'unit' });
    });

    it('refuses a decision number that is not one', () => {
      given([])
        .when(designate({ decision: { number: 'kế hoạch', issuedOn: '2024-03-19' } }))
        .thenThrows('VALIDATION.DOCUMENT_NUMBER', { field: 'decision.number' });
    });
  });

  describe('when a lead is recorded for part of the year', () => {
    const firstHalf = designated({ validTo: '2024-06-30' });

    it('takes a successor from the next day, each day with one lead', () => {
      const state = given([firstHalf])
        .when(designate({ unit: 'VPHDND', validFrom: '2024-07-01' }))
        .then([designated({ unit: 'VPHDND', validFrom: '2024-07-01' })]);
      expect(leadAgencyOn(state, '2024-06-30')?.unit).toBe('LDTBXH');
      expect(leadAgencyOn(state, '2024-07-01')?.unit).toBe('VPHDND');
    });

    it('refuses an overlapping period, naming the lead already recorded', () => {
      given([firstHalf])
        .when(designate({ unit: 'VPHDND', validFrom: '2024-06-30' }))
        .thenThrows('LEAD_AGENCY.PERIOD_OVERLAPS', { unit: 'LDTBXH', decision: '54/KH-UBND' });
    });

    it('records nothing for the same designation again', () => {
      given([firstHalf])
        .when(designate({ validTo: '2024-06-30' }))
        .then([]);
    });

    it('has no lead on a day outside every period', () => {
      const state = given([firstHalf])
        .when(designate({ validTo: '2024-06-30' }))
        .then([]);
      expect(leadAgencyOn(state, '2024-07-01')).toBeNull();
    });
  });
});
