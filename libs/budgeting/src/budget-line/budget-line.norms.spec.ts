import { available } from './budget-line.state';
import {
  allocated,
  approve,
  given,
  opened,
  perDiemTrip,
  propose,
  proposed,
} from './testing/budget-line.fixture';

/**
 * The spending norms on a budget line (norms/ holds the rules; norm-claim.spec.ts their
 * cases): a travel claim states its trip and quantities, the rows applied are recorded
 * on the proposal and again on the approval, and a refusal records nothing.
 */
describe('spending norms on a budget line', () => {
  const funded = [opened, allocated(5_000_000n)];
  const trip = {
    period: { from: '2024-05-06', to: '2024-05-08' },
    items: [
      { kind: 'per_diem', amount: 600_000n, persons: 1, days: 3 },
      { kind: 'lodging.lump_sum.other_areas', amount: 600_000n, persons: 1, nights: 2 },
      { kind: 'transport.own_vehicle', amount: 92_000n, km: 20, fuelPriceAmount: 23_000n },
    ],
  };

  it('given a funded line, when a trip is proposed, then the rows applied are recorded with it', () => {
    given(funded)
      .when(
        propose('e1', 1_292_000n, {
          category: 'travel_allowance',
          normClaim: trip,
          province: 'QNG',
        }),
      )
      .thenMatches([
        {
          type: 'ExpenditureProposed',
          data: {
            normClaim: trip,
            norms: {
              tableVersion: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
              province: 'QNG',
              period: trip.period,
              applied: [
                {
                  normId: 'tt40-2017.per-diem',
                  document: '40/2017/TT-BTC',
                  article: 'Điều 5 khoản 1',
                  rateAmount: 200_000n,
                  quantity: 3,
                  ceilingAmount: 600_000n,
                  amount: 600_000n,
                },
                {
                  normId: 'tt40-2017.lodging.lump-sum.other',
                  unit: 'person_night',
                  rateAmount: 300_000n,
                  quantity: 2,
                },
                {
                  normId: 'tt40-2017.transport.own-vehicle',
                  unit: 'km_fuel',
                  rateAmount: null,
                  quantity: 20,
                  ceilingAmount: 92_000n,
                },
              ],
            },
          },
        },
      ]);
  });

  it('given the proposal, when it is approved, then the approval names the same rows', () => {
    const state = given(funded).when(
      propose('e1', 1_292_000n, { category: 'travel_allowance', normClaim: trip, province: 'QNG' }),
    );
    const history = [...funded, ...state.events()];
    given(history)
      .when(approve('e1'))
      .thenMatches([
        {
          type: 'ExpenditureApproved',
          data: {
            normApplied: '40/2017/TT-BTC',
            norms: {
              province: 'QNG',
              applied: [
                { normId: 'tt40-2017.per-diem' },
                { normId: 'tt40-2017.lodging.lump-sum.other' },
                { normId: 'tt40-2017.transport.own-vehicle' },
              ],
            },
          },
        },
      ]);
  });

  it('when a travel allowance leaves out its claim, then it is refused and nothing is recorded', () => {
    given(funded)
      .when(propose('e1', 1_000_000n, { category: 'travel_allowance', personDays: 5 }))
      .thenThrows('BUDGET.NORM_CLAIM_REQUIRED', { field: 'normClaim' });
  });

  it('when a quantity is missing, then the field is named', () => {
    const noNights = {
      ...trip,
      items: [{ kind: 'lodging.lump_sum.other_areas', amount: 300_000n, persons: 1 }],
    };
    given(funded)
      .when(propose('e1', 300_000n, { category: 'travel_allowance', normClaim: noNights }))
      .thenThrows('BUDGET.NORM_QUANTITY_MISSING', {
        field: 'normClaim.items[0].nights',
        normId: 'tt40-2017.lodging.lump-sum.other',
      });
  });

  it('when a trip claims above quantity × rate, then it is refused naming the row', () => {
    given(funded)
      .when(
        propose('e1', 600_001n, {
          category: 'travel_allowance',
          normClaim: perDiemTrip(600_001n, 1, 3),
        }),
      )
      .thenThrows('BUDGET.EXCEEDS_SPENDING_NORM', {
        norm: '40/2017/TT-BTC',
        article: 'Điều 5 khoản 1',
        rate: '200000',
        quantity: '3',
        cap: '600000',
      });
  });

  it('given a travel proposal recorded before 0.9.0 (person-days only), its approval asks for the claim', () => {
    const legacy = [
      ...funded,
      proposed('e1', 1_000_000n, { category: 'travel_allowance', personDays: 5 }),
    ];
    const error = given(legacy).when(approve('e1')).thenThrows('BUDGET.NORM_CLAIM_REQUIRED');
    expect(available(given(legacy).state.balances)).toBe(5_000_000n);
    expect(error.messages.en).toContain('trip');
  });
});
