import type { Period } from '../period';
import type { PlanView } from './plan-view';

/**
 * The money columns of the disbursement progress report, in print order. Each is a sum
 * of lines (or of expenditures, for activities), so every parent row equals the sum of its
 * children wherever the children carry the column.
 */
export const PROGRESS_COLUMNS = [
  'plan',
  'currentCentral',
  'currentProvincial',
  'currentDistrict',
  'carried',
  'adjustments',
  'usable',
  'committed',
  'paidPeriod',
  'paidCumulative',
  'advancesOpen',
  'lapsed',
  'remaining',
] as const;
export type ProgressColumn = (typeof PROGRESS_COLUMNS)[number];
export type ProgressValues = Partial<Record<ProgressColumn, bigint>>;

/**
 * Program (the whole report) → project (Dự án 6) → sub-project → plan activity; grouped
 * by budget code: total → chương → loại–khoản → mã CTMTQG with its source, and the lines
 * without a classification.
 */
export type RowLevel =
  | 'total'
  | 'project'
  | 'part'
  | 'activity'
  | 'unassigned'
  | 'chapter'
  | 'sector'
  | 'program'
  | 'unclassified';

/** Where a carried-over line's deadline comes from, in effect at the report's end date. */
export interface DeadlineSource {
  readonly deadline: string;
  /** 'decision': the carry-over decision stated it; 'default': it stated none (31/12). */
  readonly basis: 'decision' | 'default';
  /** The carry-over decision (null: not known to the read model). */
  readonly decision: string | null;
  /** The decisions that extended it, oldest first. */
  readonly extensions: readonly string[];
}

export interface ProgressRow {
  readonly level: RowLevel;
  /** DA7.TDA1, an activity id, DA7 for a project; empty for the total. */
  readonly code: string;
  /** STT as printed: I, II for projects, 1, 2 for sub-projects, 1.1 for activities. */
  readonly no: string;
  readonly label: string;
  /** A column absent from a row is not carried at that level (printed blank). */
  readonly values: ProgressValues;
  /** Deadlines of the carried-over money in this row, each line's own (ISO dates). */
  readonly deadlines: readonly string[];
  /** Where those deadlines come from (the decisions), one per distinct source. */
  readonly deadlineSources: readonly DeadlineSource[];
  /** Paid cumulative ÷ usable estimate in hundredths of a percent, rounded half-up. */
  readonly rateBasisPoints: bigint | null;
}

/** What every report of a fiscal year states in its header. */
export interface ReportBasis {
  readonly fiscalYear: number;
  readonly period: Period;
  /** The business date the figures stand at: the period's end, or an earlier as-of. */
  readonly end: string;
  readonly knownAt: string | null;
  readonly unit: string | null;
  readonly unitName: string | null;
  readonly plans: readonly PlanView[];
  /** Set when the log holds events marked illustrative (the example data). */
  readonly illustrative: { readonly count: number; readonly firstRecordedAt: string } | null;
}

export interface ProgressReport extends ReportBasis {
  readonly rows: readonly ProgressRow[];
  /** Set when the rows are by budget code (mục lục NSNN) instead of by program part. */
  readonly groupedBy?: 'classification';
}

/** Half-up to hundredths of a percent: 1 ÷ 3 → 3333 (33,33 %), 2 ÷ 3 → 6667. */
export function rateBasisPoints(numerator: bigint, denominator: bigint): bigint | null {
  if (denominator <= 0n) return null;
  const scaled = numerator * 20_000n;
  const half = scaled >= 0n ? scaled + denominator : scaled - denominator;
  return half / (2n * denominator);
}

/** "8,16": a rate in basis points as Vietnamese write a percentage. */
export function formatPercent(basisPoints: bigint, lang: 'vi' | 'en' = 'vi'): string {
  const negative = basisPoints < 0n;
  const abs = negative ? -basisPoints : basisPoints;
  const text = `${abs / 100n}${lang === 'vi' ? ',' : '.'}${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}
