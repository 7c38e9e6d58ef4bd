import type { Money } from '../shared/money';

/**
 * Spending norms (định mức) that change by date. A small table to start: the cap on
 * per-diem allowances of business trips (phụ cấp lưu trú), Circular 40/2017/TT-BTC
 * Art. 5: at most 200.000 đồng per person per day. A later circular adds a row with
 * its own validFrom; the row in force on the expenditure's effective date applies.
 */
export interface SpendingNorm {
  readonly id: string;
  readonly category: 'travel_allowance';
  readonly perPersonDay: Money;
  readonly legalBasis: string;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export const SPENDING_NORMS: readonly SpendingNorm[] = [
  {
    id: 'per-diem-40-2017',
    category: 'travel_allowance',
    perPersonDay: 200_000n,
    legalBasis: '40/2017/TT-BTC',
    validFrom: '2017-07-01',
    validTo: null,
  },
];

export function normInForce(
  category: string,
  onDate: string,
  norms = SPENDING_NORMS,
): SpendingNorm | null {
  return (
    norms.find(
      (n) =>
        n.category === category &&
        n.validFrom <= onDate &&
        (n.validTo === null || onDate <= n.validTo),
    ) ?? null
  );
}
