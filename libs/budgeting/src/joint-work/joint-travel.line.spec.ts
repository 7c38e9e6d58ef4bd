import {
  allocated,
  given,
  opened,
  perDiemTrip,
  propose,
} from '../budget-line/testing/budget-line.fixture';

const history = [opened, allocated(1_000_000n)];
const jointTrip = {
  tripId: 'KT-2024-01',
  travellers: [{ personId: 'nguyen-van-a', from: '2024-05-06', to: '2024-05-06' }],
};
const teamTravel = {
  category: 'travel_allowance' as const,
  jointTeam: true,
  normClaim: perDiemTrip(150_000n, 1, 1),
};

describe("a joint team's travel on the lead agency's line", () => {
  it('names the recorded trip and its travellers on the proposal', () => {
    given(history)
      .when(propose('e1', 150_000n, { ...teamTravel, jointTrip }))
      .thenMatches([{ type: 'ExpenditureProposed', data: { jointTrip } }]);
  });

  it('is refused without its trip', () => {
    given(history)
      .when(propose('e1', 150_000n, teamTravel))
      .thenThrows('TRIP.REQUIRED', { field: 'jointTrip' });
  });

  it('is refused for another unit first, citing the decision that names the lead', () => {
    const error = given(history)
      .when(
        propose('e1', 150_000n, {
          ...teamTravel,
          jointTrip,
          leadAgency: 'VPHDND',
          leadAgencyBasis: '54/KH-UBND ngày 19/3/2024',
        }),
      )
      .thenThrows('BUDGET.LEAD_AGENCY_PAYS_JOINT_TEAMS');
    expect(error.messages.vi).toContain('VPHDND, theo 54/KH-UBND ngày 19/3/2024');
  });

  it("is the team's travel when it names a trip, even without the flag", () => {
    given(history)
      .when(
        propose('e1', 150_000n, {
          ...teamTravel,
          jointTeam: false,
          jointTrip,
          leadAgency: 'VPHDND',
        }),
      )
      .thenThrows('BUDGET.LEAD_AGENCY_PAYS_JOINT_TEAMS');
  });

  it("needs no trip for a study tour of the lead's own staff", () => {
    given(history)
      .when(propose('e1', 150_000n, { category: 'study_tour' }))
      .thenMatches([{ type: 'ExpenditureProposed' }]);
  });
});
