import { parseBudgetLineId } from '@app/budgeting';
import type { LineFigures, LineValues } from './line-figures';
import type { PlanView } from './plan-view';
import { formatPercent, rateBasisPoints, type ProgressRow } from './progress.model';
import { progressRows } from './progress-rows';
import type { Spending } from './activity-spending';

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

function line(
  id: string,
  values: Partial<LineValues>,
  deadline: string | null = null,
): LineFigures {
  const key = parseBudgetLineId(id);
  return {
    id,
    key,
    carriedOver: key.sourceYear < key.fiscalYear,
    values: { ...ZERO, ...values },
    deadline,
  };
}

const PLAN: PlanView = {
  leadUnit: 'LDTBXH',
  title: 'Kế hoạch',
  status: 'draft',
  draft: true,
  number: null,
  issuedOn: null,
  parts: [
    { code: 'DA6.TDA2', name: 'Tiểu Dự án 2 – Dự án 6', amount: 378000000n },
    { code: 'DA7.TDA1', name: 'Tiểu Dự án 1 – Dự án 7', amount: 1470000000n },
  ],
  activities: [
    { id: 'pano', programPart: 'DA6.TDA2', name: 'Pano', plannedAmount: null, outputs: [] },
    {
      id: 'doi-thoai',
      programPart: 'DA6.TDA2',
      name: 'Đối thoại',
      plannedAmount: null,
      outputs: [],
    },
  ],
};

const spent = (committed: bigint, paidPeriod: bigint, paidCumulative: bigint): Spending => ({
  committed,
  paidPeriod,
  paidCumulative,
});

describe('the rows of the progress report', () => {
  const lines = [
    line('2024.DA6.TDA2.central.2024.LDTBXH', {
      currentCentral: 330000000n,
      usable: 330000000n,
      committed: 65000000n,
      paidPeriod: 20000000n,
      paidCumulative: 65000000n,
      remaining: 265000000n,
    }),
    line(
      '2024.DA6.TDA2.central.2023.LDTBXH',
      { carried: 48000000n, usable: 48000000n, remaining: 48000000n },
      '2025-06-30',
    ),
    line('2024.DA7.TDA1.district.2024.LDTBXH', {
      currentDistrict: 1470000000n,
      usable: 1470000000n,
      committed: 10000000n,
      remaining: 1470000000n,
    }),
  ];
  const spending = new Map([
    [
      '2024.DA6.TDA2.central.2024.LDTBXH',
      new Map([
        ['pano', spent(55000000n, 20000000n, 55000000n)],
        ['', spent(10000000n, 0n, 10000000n)],
      ]),
    ],
    ['2024.DA7.TDA1.district.2024.LDTBXH', new Map([['', spent(10000000n, 0n, 0n)]])],
  ]);
  const rows = progressRows([PLAN], lines, spending);
  const byCode = (code: string, level = 'part'): ProgressRow | undefined =>
    rows.find((r) => r.code === code && r.level === level);

  it('goes program → project → sub-project → activity, with the plan amount on each sub-project', () => {
    expect(rows.map((r) => `${r.level}:${r.no}:${r.code}`)).toEqual([
      'total::',
      'project:I:DA6',
      'part:1:DA6.TDA2',
      'activity:1.1:pano',
      'activity:1.2:doi-thoai',
      'unassigned:-:',
      'project:II:DA7',
      'part:1:DA7.TDA1',
      'unassigned:-:',
    ]);
    expect(byCode('DA6.TDA2')?.values.plan).toBe(378000000n);
    expect(rows[0]?.values.plan).toBe(1848000000n);
  });

  it('adds up on every level: lines to sub-projects, sub-projects to projects to the total', () => {
    const total = rows[0];
    expect(total?.values).toMatchObject({
      usable: 1848000000n,
      committed: 75000000n,
      paidCumulative: 65000000n,
      carried: 48000000n,
    });
    const [, da6, part] = rows;
    expect(da6?.values.usable).toBe(part?.values.usable);
    const activities = rows.slice(3, 6);
    const sum = (k: 'committed' | 'paidCumulative') =>
      activities.reduce((s, r) => s + (r.values[k] ?? 0n), 0n);
    expect(sum('committed')).toBe(part?.values.committed);
    expect(sum('paidCumulative')).toBe(part?.values.paidCumulative);
  });

  it("keeps each carried-over line's own deadline, read from the line", () => {
    expect(byCode('DA6.TDA2')?.deadlines).toEqual(['2025-06-30']);
    expect(byCode('DA7.TDA1')?.deadlines).toEqual([]);
    expect(rows[0]?.deadlines).toEqual(['2025-06-30']);
  });

  it('leaves the estimate columns of an activity blank: the plan splits money by sub-project only', () => {
    expect(byCode('pano', 'activity')?.values).toEqual({
      committed: 55000000n,
      paidPeriod: 20000000n,
      paidCumulative: 55000000n,
    });
    expect(byCode('pano', 'activity')?.rateBasisPoints).toBeNull();
  });
});

describe('the disbursement rate', () => {
  it.each([
    [1n, 3n, 3333n, '33,33'],
    [2n, 3n, 6667n, '66,67'],
    [1n, 8n, 1250n, '12,50'],
    [185000000n, 2444771300n, 757n, '7,57'],
    [120000000n, 1470000000n, 816n, '8,16'],
    [0n, 5n, 0n, '0,00'],
  ])('%s ÷ %s rounds half-up to %s basis points, written %s', (paid, usable, bp, text) => {
    expect(rateBasisPoints(paid, usable)).toBe(bp);
    expect(formatPercent(bp)).toBe(text);
  });

  it('is none when nothing may be spent', () => {
    expect(rateBasisPoints(5n, 0n)).toBeNull();
  });

  it('rounds a half away from zero on both sides', () => {
    expect(rateBasisPoints(1n, 20000n)).toBe(1n); // 0,005 % → 0,01
    expect(rateBasisPoints(-1n, 20000n)).toBe(-1n);
    expect(rateBasisPoints(1n, 20001n)).toBe(0n);
    expect(formatPercent(-1n)).toBe('-0,01');
  });
});
