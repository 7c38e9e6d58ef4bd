import { normInForce, SPENDING_NORMS, type SpendingNorm } from './spending-norms';

const norm = (id: string, validFrom: string, validTo: string | null): SpendingNorm => ({
  id,
  category: 'travel_allowance',
  perPersonDay: 200_000n,
  legalBasis: id,
  validFrom,
  validTo,
});

describe('spending norms by date', () => {
  const table = [norm('old', '2017-07-01', '2024-06-30'), norm('new', '2024-07-01', null)];

  it('finds the per-diem cap of Circular 40/2017/TT-BTC for travel allowances', () => {
    expect(normInForce('travel_allowance', '2024-05-10')).toBe(SPENDING_NORMS[0]);
    expect(normInForce('travel_allowance', '2024-05-10')?.perPersonDay).toBe(200_000n);
  });

  it('has no norm for other categories, or before the first took effect', () => {
    expect(normInForce('training', '2024-05-10')).toBeNull();
    expect(normInForce('travel_allowance', '2017-06-30')).toBeNull();
  });

  it('applies the row in force on the date, both ends included', () => {
    expect(normInForce('travel_allowance', '2017-07-01', table)?.id).toBe('old');
    expect(normInForce('travel_allowance', '2024-06-30', table)?.id).toBe('old');
    expect(normInForce('travel_allowance', '2024-07-01', table)?.id).toBe('new');
    expect(normInForce('travel_allowance', '2030-01-01', table)?.id).toBe('new');
    expect(normInForce('meeting', '2024-07-01', table)).toBeNull();
  });

  it('has nothing after a norm ended with no successor', () => {
    expect(normInForce('travel_allowance', '2024-07-01', [table[0]!])).toBeNull();
  });
});
