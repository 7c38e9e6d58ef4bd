import type { LineClassification } from '@app/budgeting';
import { reconcileStatement, type LedgerLine } from './reconcile';
import { describeDifference } from './reconcile.wire';
import { describeUnitCodeCheck } from './unit-code-check';
import type { TreasuryStatement } from './statement-parse';

const DA7: LineClassification = { chapter: '622', sector: '398', program: '0357', source: '12' };
const DA6: LineClassification = { ...DA7, program: '0356' };

const ZERO = {
  allocated: 0n,
  carriedIn: 0n,
  carriedOut: 0n,
  transferredIn: 0n,
  transferredOut: 0n,
  disbursed: 0n,
  cancelled: 0n,
  returned: 0n,
};

const line = (
  id: string,
  amounts: Partial<LedgerLine['amounts']>,
  unit = 'LDTBXH',
): LedgerLine => ({
  id,
  unit,
  amounts: { ...ZERO, ...amounts },
});

const lines: LedgerLine[] = [
  line('DA7.TDA1.central.2024', { allocated: 1_200_000_000n, disbursed: 100_000_000n }),
  line('DA7.TDA2.central.2024', { allocated: 450_000_000n }),
  line('DA7.TDA1.central.2023', { carriedIn: 120_000_000n, cancelled: 20_000_000n }),
  line('DA6.TDA2.central.2024', { allocated: 300_000_000n }),
  line('other-unit', { allocated: 5n }, 'XA-BA-DIEN'),
];
const classes: Record<string, LineClassification> = {
  'DA7.TDA1.central.2024': DA7,
  'DA7.TDA2.central.2024': DA7,
  'DA7.TDA1.central.2023': DA7,
  'DA6.TDA2.central.2024': DA6,
};

const statement = (
  rows: TreasuryStatement['rows'],
  columns: TreasuryStatement['columns'] = [
    'allocated',
    'carriedIn',
    'used',
    'cancelled',
    'remaining',
  ],
): TreasuryStatement => ({
  unitCode: null,
  fiscalYear: 2024,
  asOf: null,
  columns,
  rows,
  ignoredColumns: [],
});

const agreeing = statement([
  {
    ...DA7,
    row: 9,
    amounts: {
      allocated: 1_650_000_000n,
      carriedIn: 120_000_000n,
      used: 100_000_000n,
      cancelled: 20_000_000n,
      remaining: 1_650_000_000n,
    },
  },
  {
    ...DA6,
    row: 10,
    amounts: {
      allocated: 300_000_000n,
      carriedIn: 0n,
      used: 0n,
      cancelled: 0n,
      remaining: 300_000_000n,
    },
  },
]);

const reconcile = (s: TreasuryStatement, ofLines = lines) =>
  reconcileStatement(s, 'LDTBXH', ofLines, (id) => classes[id]);

describe('reconciling the Treasury statement with the ledger', () => {
  describe('when every row agrees with the lines of its codes', () => {
    it('lists no difference', () => {
      const result = reconcile(agreeing);
      expect(result.differences).toEqual([]);
      expect(result.rows.find((r) => r.row === 9)?.lines).toHaveLength(3);
    });
  });

  describe('when one amount of the statement changed', () => {
    it('lists exactly that difference, with both figures', () => {
      const [first, second] = agreeing.rows;
      const changed = statement([
        { ...first!, amounts: { ...first!.amounts, used: 90_000_000n } },
        second!,
      ]);
      expect(reconcile(changed).differences).toEqual([
        {
          kind: 'amount_differs',
          key: { source: '12', chapter: '622', sector: '398', program: '0357' },
          row: 9,
          column: 'used',
          ledger: 100_000_000n,
          statement: 90_000_000n,
        },
      ]);
    });
  });

  describe('when the sides hold different codes', () => {
    it('lists a row the ledger lacks and codes the statement lacks', () => {
      const other = { ...DA7, sector: '341' };
      const result = reconcile(
        statement([agreeing.rows[0]!, { ...other, row: 11, amounts: { allocated: 7n } }]),
      );
      expect(result.differences).toEqual([
        { kind: 'missing_in_ledger', key: other, row: 11, statement: { allocated: 7n } },
        {
          kind: 'missing_in_statement',
          key: { source: '12', chapter: '622', sector: '398', program: '0356' },
          lines: ['DA6.TDA2.central.2024'],
          ledger: {
            allocated: 300_000_000n,
            carriedIn: 0n,
            used: 0n,
            cancelled: 0n,
            remaining: 300_000_000n,
          },
        },
      ]);
    });
  });

  it('compares only the columns the statement carries', () => {
    const onlyAllocated = statement(
      [
        { ...DA7, row: 9, amounts: { allocated: 1_650_000_000n } },
        { ...DA6, row: 10, amounts: { allocated: 300_000_000n } },
      ],
      ['allocated'],
    );
    expect(reconcile(onlyAllocated).differences).toEqual([]);
  });

  it('names the unit’s lines that carry no classification, as they cannot be matched', () => {
    const result = reconcile(agreeing, [
      ...lines,
      line('DA7.TDA2.district.2024', { allocated: 15n }),
    ]);
    expect(result.unclassifiedLines).toEqual(['DA7.TDA2.district.2024']);
    expect(result.differences).toEqual([]);
  });
});

describe("the statement's ĐVQHNS against the unit's recorded mã ĐVQHNS", () => {
  const printed = (unitCode: string | null): TreasuryStatement => ({ ...agreeing, unitCode });
  const withCode = (s: TreasuryStatement, recorded: string | null) =>
    reconcileStatement(s, 'LDTBXH', lines, (id) => classes[id], recorded);

  it('a matching code adds no difference', () => {
    const result = withCode(printed('1040123'), '1040123');
    expect(result.unitCode).toEqual({
      status: 'matches',
      recorded: '1040123',
      statement: '1040123',
    });
    expect(result.differences).toEqual([]);
  });

  it('reads a code printed with spaces as the same code', () => {
    expect(withCode(printed('104 0123'), '1040123').unitCode.status).toBe('matches');
  });

  it("another unit's code is the first difference listed, the rows still reconciled", () => {
    const result = withCode(printed('1040999'), '1040123');
    expect(result.differences).toEqual([
      { kind: 'unit_code_differs', ledger: '1040123', statement: '1040999' },
    ]);
    expect(describeDifference(result.differences[0]!, 'vi')).toBe(
      'Mã ĐVQHNS: trên bảng 1040999, của đơn vị trong sổ 1040123',
    );
    expect(result.rows.find((r) => r.row === 9)?.lines).toHaveLength(3);
  });

  it('without a recorded code, or without one on the statement, compares nothing and says so', () => {
    const none = withCode(printed('1040999'), null);
    expect(none.unitCode).toEqual({ status: 'not_recorded', statement: '1040999' });
    expect(none.differences).toEqual([]);
    expect(describeUnitCodeCheck(none.unitCode, 'LDTBXH', 'en')).toBe(
      'The ledger records no ĐVQHNS for unit LDTBXH: the code is not checked (on the statement: 1040999).',
    );
    const blank = withCode(printed(null), '1040123');
    expect(blank.unitCode).toEqual({ status: 'not_on_statement', recorded: '1040123' });
    expect(blank.differences).toEqual([]);
  });
});
