import { ZERO_AMOUNTS, amountsToWire, type BalanceLine } from '@app/read-models';
import { balancesTable } from './ledger.reports';

// A carried-over line whose lapsed money went back up: 100 in, 30 lapsed and returned.
const line: BalanceLine = {
  id: 'line-1',
  fiscalYear: 2024,
  programPart: 'DA1',
  fundSource: 'central',
  sourceYear: 2023,
  unit: 'ubnd-ba-to',
  carriedOver: true,
  carryOverDeadline: '2024-12-31',
  deadlineBasis: 'default',
  deadlineDecision: null,
  deadlineExtensions: [],
  amounts: { ...ZERO_AMOUNTS, carriedIn: 100n, committed: 20n, returned: 30n },
};

describe('balances report', () => {
  it('shows what the API answers: the money returned up, and an available that leaves it out', () => {
    const table = balancesTable(
      { asOf: null, knownAt: null, lines: [line], totals: line.amounts },
      { unitName: 'UBND huyện Ba Tơ', lang: 'vi', today: '2024-12-31' },
    );
    expect(table.columns.map((c) => c.header)).toContain('Hoàn trả cấp trên');
    for (const row of table.rows) {
      expect(row.cells.returned).toBe(30n);
      expect(String(row.cells.available)).toBe(amountsToWire(line.amounts).available);
      expect(row.cells.available).toBe(50n);
    }
  });
});
