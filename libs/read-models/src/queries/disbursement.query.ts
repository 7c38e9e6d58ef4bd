import { parseBudgetLineId, type BudgetLineKey } from '@app/budgeting';
import { BALANCE_COLUMNS, ZERO_AMOUNTS, type Amounts } from '../projections/line-deltas';
import { lineTallies } from './balances.query';
import type { ReadModels } from './read-models';
import { normalizeInstant, type TimeWindow } from './time-window';

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
  /** Disbursed ÷ estimate, in hundredths of a percent (basis points), rounded half-up. */
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
    rateBasisPoints:
      estimate > 0n ? (base.amounts.disbursed * 20_000n + estimate) / (2n * estimate) : null,
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
  // The report's groups are sums of lines: the balances answer (snapshots plus the few
  // movements since) grouped, rather than a sum over every movement of the year.
  const groups = new Map<
    string,
    { key: BudgetLineKey; amounts: Amounts; deadline: string | null }
  >();
  for (const [id, tally] of await lineTallies(models, params)) {
    if (tally.n === 0) continue;
    const key = parseBudgetLineId(id);
    const group = `${key.programPart}|${key.fundSource}|${key.sourceYear}`;
    const entry = groups.get(group) ?? { key, amounts: { ...ZERO_AMOUNTS }, deadline: null };
    for (const c of BALANCE_COLUMNS) entry.amounts[c] += tally.amounts[c];
    // The group's lines' own deadlines (the units' lines may differ): the latest of them.
    const own = tally.deadline.date;
    if (own !== null && (entry.deadline === null || own > entry.deadline)) entry.deadline = own;
    groups.set(group, entry);
  }
  const rows = [...groups.values()]
    .map(({ key, amounts, deadline }) => {
      const carriedOver = key.sourceYear < key.fiscalYear;
      return row({
        programPart: key.programPart,
        fundSource: key.fundSource,
        sourceYear: key.sourceYear,
        carriedOver,
        deadline: carriedOver ? (deadline ?? `${params.fiscalYear}-12-31`) : null,
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
