import { deciderSpec } from '@app/testing/decider';
import {
  travellerDaysDecider,
  travellerDaysStreamId,
  type TravellerDaysCommand,
  type TravellerDaysEvent,
  type TravellerDaysHold,
} from './traveller-days.decider';

const given = deciderSpec(travellerDaysDecider);

// Illustrative: one officer sent on an inspection trip and, overlapping it, a study tour.
const A = { personId: 'nguyen-van-a', name: 'Nguyễn Văn A' };
const onTrip = (
  tripId: string,
  expenditureId: string,
  from: string,
  to: string,
  unit = 'LDTBXH',
): TravellerDaysHold => ({
  personId: A.personId,
  tripId,
  expenditureId,
  budgetLineId: `2024.DA7.TDA1.central.2024.${unit}`,
  unit,
  from,
  to,
});
const hold = (days: TravellerDaysHold): TravellerDaysCommand => ({
  type: 'HoldTravellerDays',
  data: { ...days, name: A.name },
});
const held = (days: TravellerDaysHold): TravellerDaysEvent => ({
  type: 'TravellerDaysHeld',
  data: days,
});
const inspection = onTrip('KT-2024-01', 'e1', '2024-05-13', '2024-05-15');

describe("a traveller's days across trips", () => {
  describe('when a proposal holds them', () => {
    it('holds the days of a person with none held', () => {
      const state = given([])
        .when(hold(inspection))
        .then([held(inspection)]);
      expect(state.holds.get('e1')).toEqual(inspection);
    });

    it('holds other days of the person, on another trip', () => {
      const tour = onTrip('HT-2024-02', 'e2', '2024-05-16', '2024-05-18', 'YTE');
      const state = given([held(inspection)])
        .when(hold(tour))
        .then([held(tour)]);
      expect([...state.holds.keys()]).toEqual(['e1', 'e2']);
    });

    it('records nothing when the same proposal holds again (a retried request)', () => {
      given([held(inspection)])
        .when(hold(inspection))
        .then([]);
    });
  });

  describe('when another trip already holds one of the days (no double funding)', () => {
    it('refuses, naming the person, the shared days and the other claim and trip', () => {
      const tour = onTrip('HT-2024-02', 'e2', '2024-05-15', '2024-05-17', 'YTE');
      const error = given([held(inspection)])
        .when(hold(tour))
        .thenThrows('BUDGET.DOUBLE_FUNDING_PERSON_DAYS', {
          field: 'jointTrip.travellers',
          personId: 'nguyen-van-a',
          from: '2024-05-15',
          to: '2024-05-15',
          expenditureId: 'e1',
          unit: 'LDTBXH',
          tripId: 'KT-2024-01',
        });
      expect(error.messages.vi).toContain('Nguyễn Văn A');
      expect(error.messages.vi).toContain('15/5/2024');
      expect(error.messages.vi).toContain('KT-2024-01');
      expect(error.messages.en).toContain('on trip KT-2024-01');
    });

    it('names the days both claims share, when one lies within the other', () => {
      const tour = onTrip('HT-2024-02', 'e2', '2024-05-10', '2024-05-20');
      given([held(inspection)])
        .when(hold(tour))
        .thenThrows('BUDGET.DOUBLE_FUNDING_PERSON_DAYS', { from: '2024-05-13', to: '2024-05-15' });
    });

    it('does not call it another trip when the other claim is on the same one', () => {
      const again = onTrip('KT-2024-01', 'e2', '2024-05-15', '2024-05-15', 'YTE');
      const error = given([held(inspection)])
        .when(hold(again))
        .thenThrows('BUDGET.DOUBLE_FUNDING_PERSON_DAYS', { expenditureId: 'e1' });
      expect(error.details).not.toHaveProperty('tripId');
      expect(error.messages.en).not.toContain('two trips');
    });

    it('gives the days back when the proposal is rejected, for another to hold', () => {
      const release: TravellerDaysCommand = {
        type: 'ReleaseTravellerDays',
        data: { personId: A.personId, expenditureId: 'e1', reason: 'rejected' },
      };
      const released: TravellerDaysEvent = { type: 'TravellerDaysReleased', data: release.data };
      given([held(inspection)])
        .when(release)
        .then([released]);
      given([held(inspection), released])
        .when(release)
        .then([]);
      const tour = onTrip('HT-2024-02', 'e2', '2024-05-14', '2024-05-14', 'YTE');
      given([held(inspection), released])
        .when(hold(tour))
        .then([held(tour)]);
    });

    it('releases nothing for a proposal that held no days here (claimed before the hold existed)', () => {
      given([])
        .when({
          type: 'ReleaseTravellerDays',
          data: { personId: A.personId, expenditureId: 'e0', reason: 'rejected' },
        })
        .then([]);
    });
  });

  it("keys the person's stream on the id without case or spaces", () => {
    expect(travellerDaysStreamId('Nguyen-Van-A ')).toBe(travellerDaysStreamId('nguyen-van-a'));
    expect(travellerDaysStreamId('nguyen-van-a')).toBe('traveller-days-nguyen-van-a');
    expect(travellerDaysStreamId('nguyen-van-b')).not.toBe(travellerDaysStreamId('nguyen-van-a'));
  });
});
