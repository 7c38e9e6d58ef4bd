import { MOVEMENTS } from '../projections/balances.projection';
import { BALANCE_COLUMNS, ZERO_AMOUNTS, type Amounts } from '../projections/line-deltas';
import type { ReadModels } from './read-models';
import { normalizeInstant, windowFilter, type TimeWindow } from './time-window';

export interface DisbursementRow {
  readonly programPart: string;
  readonly fundSource: string;
  readonly sourceYear: number;
  readonly carriedOver: boolean;
  /** 31/12 of the fiscal year for carried-over money, after which it lapses. */
  readonly deadline: string | null;
  readonly amounts: Amounts;
  /** Estimate to spend: allocated + carried in + transferred in − carried out − transferred out. */
  readonly estimate: bigint;
  /** Disbursed ÷ estimate, in hundredths of a percent (basis points), rounded down. */
  readonly rateBasisPoints: bigint | null;
}

export interface DisbursementReport {
  readonly fiscalYear: number;
  readonly asOf: string | null;
  readonly knownAt: string | null;
  readonly current: readonly DisbursementRow[];
  readonly carriedOver: readonly DisbursementRow[];
  readonly totals: {
    readonly current: DisbursementRow;
    readonly carriedOver: DisbursementRow;
    readonly all: DisbursementRow;
  };
}

function estimateOf(a: Amounts): bigint {
  return a.allocated + a.carriedIn + a.transferredIn - a.carriedOut - a.transferredOut;
}

function row(base: Omit<DisbursementRow, 'estimate' | 'rateBasisPoints'>): DisbursementRow {
  const estimate = estimateOf(base.amounts);
  return {
    ...base,
    estimate,
    rateBasisPoints: estimate > 0n ? (base.amounts.disbursed * 10_000n) / estimate : null,
  };
}

function sumRows(
  rows: readonly DisbursementRow[],
  label: Partial<DisbursementRow>,
): DisbursementRow {
  const amounts = { ...ZERO_AMOUNTS };
  for (const r of rows) for (const c of BALANCE_COLUMNS) amounts[c] += r.amounts[c];
  return row({
    programPart: '',
    fundSource: '',
    sourceYear: 0,
    carriedOver: false,
    deadline: null,
    ...label,
    amounts,
  });
}

/** "12,34" from basis points, the way Vietnamese reports write a rate. */
export function formatRate(basisPoints: bigint | null): string {
  if (basisPoints === null) return '';
  return `${basisPoints / 100n},${(basisPoints % 100n).toString().padStart(2, '0')}`;
}

/**
 * The disbursement report by program part × fund source × source year, carried-over
 * money apart from the current year's, at any point on both time axes.
 */
export async function queryDisbursement(
  models: ReadModels,
  params: TimeWindow & { readonly fiscalYear: number; readonly unit?: string },
): Promise<DisbursementReport> {
  const sums = await models.sum('balances', MOVEMENTS, {
    filter: {
      fiscalYear: params.fiscalYear,
      ...(params.unit ? { unit: params.unit } : {}),
      ...windowFilter(params),
    },
    groupBy: ['programPart', 'fundSource', 'sourceYear', 'carriedOver'],
    sum: [...BALANCE_COLUMNS],
  });
  const rows = sums
    .map((s) => {
      const amounts = { ...ZERO_AMOUNTS };
      for (const c of BALANCE_COLUMNS) amounts[c] = BigInt(String(s[c] ?? '0'));
      const carriedOver = s.carriedOver === true || s.carriedOver === 1;
      return row({
        programPart: String(s.programPart),
        fundSource: String(s.fundSource),
        sourceYear: Number(s.sourceYear),
        carriedOver,
        deadline: carriedOver ? `${params.fiscalYear}-12-31` : null,
        amounts,
      });
    })
    .sort((a, b) =>
      `${a.programPart}|${a.fundSource}|${a.sourceYear}`.localeCompare(
        `${b.programPart}|${b.fundSource}|${b.sourceYear}`,
      ),
    );
  const current = rows.filter((r) => !r.carriedOver);
  const carriedOver = rows.filter((r) => r.carriedOver);
  return {
    fiscalYear: params.fiscalYear,
    asOf: params.asOf ?? null,
    knownAt: params.knownAt ? normalizeInstant(params.knownAt) : null,
    current,
    carriedOver,
    totals: {
      current: sumRows(current, { programPart: 'Tổng năm hiện hành' }),
      carriedOver: sumRows(carriedOver, { programPart: 'Tổng chuyển nguồn', carriedOver: true }),
      all: sumRows(rows, { programPart: 'Tổng cộng' }),
    },
  };
}
