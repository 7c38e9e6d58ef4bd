import { parseBudgetLineId, type LineClassification } from '@app/budgeting';
import type { LineFigures, LineValues } from './line-figures';
import type { PlanView } from './plan-view';
import { PROGRESS_COLUMNS } from './progress.model';
import { progressRows } from './progress-rows';
import { progressRowsByCode } from './progress-by-code';

const ZERO: LineValues = {
  currentCentral: 0n,
  currentProvincial: 0n,
  currentDistrict: 0n,
  carried: 0n,
  adjustments: 0n,
  usable: 0n,
  committed: 0n,
  paidPeriod: 0n,
  paidCumulative: 0n,
  advancesOpen: 0n,
  lapsed: 0n,
  remaining: 0n,
};

function line(id: string, v: Partial<LineValues>, deadline: string | null = null): LineFigures {
  const key = parseBudgetLineId(id);
  return {
    id,
    key,
    carriedOver: key.sourceYear < key.fiscalYear,
    values: { ...ZERO, ...v },
    deadline,
  };
}

const DA7: LineClassification = { chapter: '622', sector: '398', program: '0357', source: '12' };
const DA6: LineClassification = { ...DA7, program: '0356' };
const DA7_STATE: LineClassification = { ...DA7, sector: '341' };

const lines = [
  line('2024.DA7.TDA1.central.2024.LDTBXH', {
    currentCentral: 1_200_000_000n,
    usable: 1_200_000_000n,
    committed: 300_000_000n,
    paidPeriod: 100_000_000n,
    paidCumulative: 250_000_000n,
    remaining: 950_000_000n,
  }),
  line(
    '2024.DA7.TDA1.central.2023.LDTBXH',
    { carried: 120_000_000n, usable: 100_000_000n, lapsed: 20_000_000n, remaining: 80_000_000n },
    '2024-12-31',
  ),
  line('2024.DA7.TDA3.district.2024.LDTBXH', {
    currentDistrict: 50_000_000n,
    usable: 50_000_000n,
    remaining: 50_000_000n,
  }),
  line('2024.DA6.TDA2.central.2024.LDTBXH', {
    currentCentral: 378_000_000n,
    adjustments: -8_000_000n,
    usable: 370_000_000n,
    paidCumulative: 70_000_000n,
    remaining: 300_000_000n,
  }),
  // Never classified: its money still counts, in a group of its own.
  line('2024.DA6.TDA1.provincial.2024.XA_BA_DIEN', {
    currentProvincial: 40_000_000n,
    usable: 40_000_000n,
    paidCumulative: 4_000_000n,
    remaining: 36_000_000n,
  }),
];
const classes: Record<string, LineClassification> = {
  '2024.DA7.TDA1.central.2024.LDTBXH': DA7,
  '2024.DA7.TDA1.central.2023.LDTBXH': DA7,
  '2024.DA7.TDA3.district.2024.LDTBXH': DA7_STATE,
  '2024.DA6.TDA2.central.2024.LDTBXH': DA6,
};
const PLAN: PlanView = {
  leadUnit: 'LDTBXH',
  title: 'Kế hoạch',
  status: 'approved',
  draft: false,
  number: null,
  issuedOn: null,
  parts: [{ code: 'DA7.TDA1', name: 'Tiểu Dự án 1 – Dự án 7', amount: 1_470_000_000n }],
  activities: [],
};

const LINE_COLUMNS = PROGRESS_COLUMNS.filter((c) => c !== 'plan');

describe('the year report grouped by budget code', () => {
  const rows = progressRowsByCode([PLAN], lines, (id) => classes[id]);
  const at = (level: string, code: string) =>
    rows.find((r) => r.level === level && r.code === code);

  it('totals exactly what the report by program totals, column by column', () => {
    const [byProgram] = progressRows([PLAN], lines, new Map());
    const [byCode] = rows;
    for (const column of PROGRESS_COLUMNS) {
      expect([column, byCode?.values[column]]).toEqual([column, byProgram?.values[column]]);
    }
    expect(byCode?.rateBasisPoints).toBe(byProgram?.rateBasisPoints);
    // A plan's amount belongs to a program part, not to a code: on the total row only.
    expect(byCode?.values.plan).toBe(1_470_000_000n);
    expect(byCode?.values.plan).toBe(byProgram?.values.plan);
    expect(rows.slice(1).every((r) => r.values.plan === undefined)).toBe(true);
  });

  it('has chương → loại–khoản → CTMTQG and source, each the sum of its lines', () => {
    expect(rows.map((r) => [r.level, r.code, r.no])).toEqual([
      ['total', '', ''],
      ['chapter', '622', 'I'],
      ['sector', '622.341', '1'],
      ['program', '622.341.0357.12', '1.1'],
      ['sector', '622.398', '2'],
      ['program', '622.398.0356.12', '2.1'],
      ['program', '622.398.0357.12', '2.2'],
      ['unclassified', '', 'II'],
    ]);
    expect(at('program', '622.398.0357.12')?.values).toMatchObject({
      currentCentral: 1_200_000_000n,
      carried: 120_000_000n,
      usable: 1_300_000_000n,
      paidCumulative: 250_000_000n,
      lapsed: 20_000_000n,
    });
    expect(at('program', '622.398.0357.12')?.deadlines).toEqual(['2024-12-31']);
    expect(at('sector', '622.398')?.values.usable).toBe(1_670_000_000n);
    expect(at('chapter', '622')?.values.usable).toBe(1_720_000_000n);
    expect(at('unclassified', '')?.values).toMatchObject({
      currentProvincial: 40_000_000n,
      paidCumulative: 4_000_000n,
    });
  });

  it('every parent equals the sum of its children', () => {
    const children = (level: string, prefix: string, childLevel: string) =>
      rows.filter((r) => r.level === childLevel && r.code.startsWith(`${prefix}.`));
    for (const parent of rows.filter((r) => r.level === 'chapter' || r.level === 'sector')) {
      const kids = children(
        parent.level,
        parent.code,
        parent.level === 'chapter' ? 'sector' : 'program',
      );
      for (const column of LINE_COLUMNS) {
        const total = kids.reduce((s, r) => s + (r.values[column] ?? 0n), 0n);
        expect([parent.code, column, total]).toEqual([parent.code, column, parent.values[column]]);
      }
    }
  });

  it('names the codes from the table shipped with the product', () => {
    expect(at('chapter', '622')?.label).toMatch(/^Chương 622: Lao động – Thương binh và Xã hội/);
    expect(at('program', '622.398.0357.12')?.label).toMatch(/^CTMTQG 0357: Dự án 7.* — nguồn 12$/);
  });

  it('with no line classified, everything is in the unclassified group', () => {
    const none = progressRowsByCode([], lines, () => undefined);
    expect(none.map((r) => r.level)).toEqual(['total', 'unclassified']);
    expect(none[0]?.values.plan).toBeUndefined();
    expect(none[1]?.values.usable).toBe(none[0]?.values.usable);
  });
});
