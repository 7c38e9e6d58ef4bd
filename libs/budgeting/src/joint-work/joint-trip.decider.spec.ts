import { deciderSpec } from '@app/testing/decider';
import { accountant, admin } from '../shared/testing/actors.fixture';
import type { NormClaim } from '../norms/norm-claim';
import type { JointTrip, TripTraveller } from './joint-trip';
import { jointTripDecider, type JointTripCommand, type JointTripEvent } from './joint-trip.decider';

const given = deciderSpec(jointTripDecider);

// Illustrative: the seed plan says Phòng LĐ-TB&XH leads the inspection teams, not who went.
const trip: JointTrip = {
  tripId: 'KT-2024-01',
  team: 'Đoàn kiểm tra, giám sát Chương trình MTQG giảm nghèo bền vững năm 2024',
  leadUnit: 'LDTBXH',
  members: [
    { personId: 'nguyen-van-a', name: 'Nguyễn Văn A', unit: 'LDTBXH' },
    { personId: 'tran-thi-b', name: 'Trần Thị B', unit: 'YTE' },
  ],
  from: '2024-05-13',
  to: '2024-05-15',
  travelOrder: { number: '15/QĐ-LĐTBXH', issuedOn: '2024-05-10' },
};
const record = (t: Partial<JointTrip> = {}, actor = accountant): JointTripCommand => ({
  type: 'RecordJointTrip',
  actor,
  on: '2024-05-10',
  leadUnitInForce: true,
  data: { ...trip, ...t },
});
const recorded: JointTripEvent = {
  type: 'JointTripRecorded',
  data: { ...trip, recordedBy: accountant.userId },
};
const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const claim = (
  expenditureId: string,
  travellers: readonly TripTraveller[],
  normClaim: NormClaim | null = null,
  unit = 'LDTBXH',
): JointTripCommand => ({
  type: 'ClaimTripDays',
  data: { tripId: trip.tripId, expenditureId, budgetLineId: LINE, unit, travellers, normClaim },
});
const claimed = (expenditureId: string, travellers: readonly TripTraveller[]): JointTripEvent => ({
  type: 'TripDaysClaimed',
  data: { tripId: trip.tripId, expenditureId, budgetLineId: LINE, unit: 'LDTBXH', travellers },
});
const a = (from = '2024-05-13', to = '2024-05-15') => ({ personId: 'nguyen-van-a', from, to });
const b = (from = '2024-05-13', to = '2024-05-15') => ({ personId: 'tran-thi-b', from, to });

describe("a joint team's trip", () => {
  describe('when it is recorded', () => {
    it('keeps the team, the lead unit, members, dates and travel order', () => {
      const state = given([]).when(record()).then([recorded]);
      expect(state.trip).toEqual(trip);
    });

    it("is recorded by the lead unit's users, not another unit's", () => {
      given([])
        .when(record({ leadUnit: 'YTE' }))
        .thenThrows('AUTH.UNIT_FORBIDDEN', { unit: 'YTE' });
      given([])
        .when(record({ leadUnit: 'YTE' }, admin))
        .thenMatches([{ type: 'JointTripRecorded', data: { leadUnit: 'YTE' } }]);
    });

    it('refuses dates out of order', () => {
      given([])
        .when(record({ to: '2024-05-12' }))
        .thenThrows('TRIP.DATES_OUT_OF_ORDER', { field: 'to' });
    });

    it('refuses a member listed twice', () => {
      const twice = [...trip.members, { personId: 'tran-thi-b', name: 'B', unit: 'YTE' }];
      given([])
        .when(record({ members: twice }))
        .thenThrows('TRIP.MEMBER_DUPLICATE', { field: 'members[2].personId' });
    });

    it('refuses a team without members', () => {
      given([])
        .when(record({ members: [] }))
        .thenThrows('VALIDATION.REQUIRED', { field: 'members' });
    });

    it('cites its travel order: a number that is one, dated no later than the departure', () => {
      given([])
        .when(record({ travelOrder: { number: '', issuedOn: '2024-05-10' } }))
        .thenThrows('VALIDATION.DOCUMENT_NUMBER', { field: 'travelOrder.number' });
      given([])
        .when(record({ travelOrder: { number: '15/QĐ-LĐTBXH', issuedOn: '2024-05-14' } }))
        .thenThrows('TRIP.ORDER_AFTER_DEPARTURE', { field: 'travelOrder.issuedOn' });
    });

    it('refuses a lead unit not registered on the first day', () => {
      given([])
        .when({ ...record(), leadUnitInForce: false } as JointTripCommand)
        .thenThrows('UNIT.NOT_REGISTERED', { field: 'leadUnit' });
    });

    it('records nothing the second time, and refuses other content under its id', () => {
      given([recorded]).when(record()).then([]);
      given([recorded])
        .when(record({ to: '2024-05-16' }))
        .thenThrows('TRIP.ALREADY_RECORDED');
    });
  });

  describe("when a proposal claims its members' days", () => {
    it('holds the days of members within the trip', () => {
      const state = given([recorded])
        .when(claim('e1', [a(), b('2024-05-14', '2024-05-15')]))
        .then([claimed('e1', [a(), b('2024-05-14', '2024-05-15')])]);
      expect(state.claims.get('e1')?.travellers).toHaveLength(2);
    });

    it('refuses a trip that is not recorded', () => {
      given([])
        .when(claim('e1', [a()]))
        .thenThrows('TRIP.NOT_RECORDED', { field: 'jointTrip.tripId' });
    });

    it('refuses a person who is not a member', () => {
      given([recorded])
        .when(claim('e1', [{ personId: 'le-van-c', from: '2024-05-13', to: '2024-05-13' }]))
        .thenThrows('TRIP.NOT_A_MEMBER', { field: 'jointTrip.travellers[0].personId' });
    });

    it("refuses days outside the trip's dates", () => {
      given([recorded])
        .when(claim('e1', [a('2024-05-12', '2024-05-13')]))
        .thenThrows('TRIP.DAYS_OUTSIDE_TRIP', { field: 'jointTrip.travellers[0].from' });
    });

    it("refuses a claim period outside the trip's dates", () => {
      const normClaim = { period: { from: '2024-05-13', to: '2024-05-16' }, items: [] };
      given([recorded])
        .when(claim('e1', [a()], normClaim))
        .thenThrows('TRIP.DAYS_OUTSIDE_TRIP', { field: 'normClaim.period' });
    });

    it('refuses per-diem for more person-days than the travellers named', () => {
      const normClaim: NormClaim = {
        period: { from: '2024-05-13', to: '2024-05-15' },
        items: [{ kind: 'per_diem', amount: 1_200_000n, persons: 2, days: 3 }],
      };
      given([recorded])
        .when(claim('e1', [a()], normClaim))
        .thenThrows('TRIP.PER_DIEM_BEYOND_TRAVELLERS', { claimed: '6', named: '3' });
    });

    it('refuses the same person listed twice in one claim', () => {
      given([recorded])
        .when(claim('e1', [a('2024-05-13', '2024-05-13'), a('2024-05-15', '2024-05-15')]))
        .thenThrows('TRIP.MEMBER_DUPLICATE', { personId: 'nguyen-van-a' });
    });
  });

  describe("when a person's days are already claimed (no double funding)", () => {
    const first = claimed('e1', [a('2024-05-13', '2024-05-14')]);

    it('refuses the same day claimed again, by another unit, naming the person and days', () => {
      const error = given([recorded, first])
        .when(claim('e2', [a('2024-05-14', '2024-05-15')], null, 'YTE'))
        .thenThrows('BUDGET.DOUBLE_FUNDING_PERSON_DAYS', {
          personId: 'nguyen-van-a',
          from: '2024-05-14',
          to: '2024-05-14',
          expenditureId: 'e1',
          unit: 'LDTBXH',
        });
      expect(error.messages.vi).toContain('Nguyễn Văn A');
      expect(error.messages.vi).toContain('14/5/2024');
    });

    it('refuses it claimed twice by the same unit', () => {
      given([recorded, first])
        .when(claim('e2', [a('2024-05-13', '2024-05-13')]))
        .thenThrows('BUDGET.DOUBLE_FUNDING_PERSON_DAYS', { personId: 'nguyen-van-a' });
    });

    it("takes the person's other days and other people's same days", () => {
      given([recorded, first])
        .when(claim('e2', [a('2024-05-15', '2024-05-15'), b()]))
        .then([claimed('e2', [a('2024-05-15', '2024-05-15'), b()])]);
    });

    it('records nothing when the same proposal claims again (a retried request)', () => {
      given([recorded, first])
        .when(claim('e1', [a('2024-05-13', '2024-05-14')]))
        .then([]);
    });

    it('gives the days back when the proposal is rejected, for another to claim', () => {
      const release: JointTripCommand = {
        type: 'ReleaseTripDays',
        data: { expenditureId: 'e1', reason: 'rejected' },
      };
      const released: JointTripEvent = {
        type: 'TripDaysReleased',
        data: { tripId: trip.tripId, expenditureId: 'e1', reason: 'rejected' },
      };
      given([recorded, first]).when(release).then([released]);
      given([recorded, first, released]).when(release).then([]);
      given([recorded, first, released])
        .when(claim('e2', [a('2024-05-14', '2024-05-14')]))
        .then([claimed('e2', [a('2024-05-14', '2024-05-14')])]);
    });
  });
});
