import { openAdvances, parseBudgetLineId, type BudgetLineKey } from '@app/budgeting';
import { queryBalances, type BalanceLine, type ReadModels } from '@app/read-models';
import { dayBefore } from '../period';
import type { DeadlineSource, ProgressColumn } from './progress.model';
import type { ReportParams } from './report-basis';

export type LineColumn = Exclude<ProgressColumn, 'plan'>;
export type LineValues = Record<LineColumn, bigint>;

export interface LineFigures {
  readonly id: string;
  readonly key: BudgetLineKey;
  readonly carriedOver: boolean;
  readonly values: LineValues;
  /**
   * The line's own carry-over deadline (FundsCarriedIn, as extended), in effect at the
   * report's end date as known at its knownAt; null for the year's own money.
   */
  readonly deadline: string | null;
  /** Where that deadline comes from: the carry-over decision, the extensions. */
  readonly deadlineSource?: DeadlineSource | null;
}

function sourceOf(line: BalanceLine): DeadlineSource | null {
  if (line.carryOverDeadline === null || line.deadlineBasis === null) return null;
  return {
    deadline: line.carryOverDeadline,
    basis: line.deadlineBasis,
    decision: line.deadlineDecision,
    extensions: line.deadlineExtensions,
  };
}

/** A balance column the read model kept only from 0.9.0 (`returned`): zero before it. */
function pending(line: BalanceLine | undefined, column: 'returned'): bigint {
  const amounts = line?.amounts as Readonly<Record<string, bigint | undefined>> | undefined;
  return amounts?.[column] ?? 0n;
}

function figures(
  key: BudgetLineKey,
  end: BalanceLine,
  before: BalanceLine | undefined,
): LineValues {
  const a = end.amounts;
  const carriedOver = key.sourceYear < key.fiscalYear;
  const assigned = a.allocated + a.carriedIn;
  const adjustments = a.transferredIn - a.transferredOut - a.carriedOut;
  const usable = assigned + adjustments;
  const lapsed = a.cancelled + pending(end, 'returned');
  const level = (source: string): bigint =>
    !carriedOver && key.fundSource === source ? assigned : 0n;
  return {
    currentCentral: level('central'),
    currentProvincial: level('provincial'),
    currentDistrict: level('district'),
    carried: carriedOver ? assigned : 0n,
    adjustments,
    usable,
    committed: a.committed,
    paidPeriod: a.disbursed - (before?.amounts.disbursed ?? 0n),
    paidCumulative: a.disbursed,
    // Paid as advances, neither settled by vouchers nor recovered at the report's end date.
    advancesOpen: openAdvances(a),
    lapsed,
    remaining: usable - a.disbursed - lapsed,
  };
}

/**
 * Every line of the year (and unit) at the report's end date, with what was paid in the
 * period: the balances read model answers as of any date (snapshots plus the few
 * movements since), so the period is asOf(end) − asOf(day before it starts), per line.
 */
export async function lineFigures(
  models: ReadModels,
  params: ReportParams,
  end: string,
): Promise<LineFigures[]> {
  const scope = {
    fiscalYear: params.fiscalYear,
    ...(params.unit ? { unit: params.unit } : {}),
    ...(params.knownAt ? { knownAt: params.knownAt } : {}),
  };
  const startBefore = dayBefore(params.period.from);
  const [atEnd, atStart] = await Promise.all([
    queryBalances(models, { ...scope, asOf: end }),
    startBefore < end ? queryBalances(models, { ...scope, asOf: startBefore }) : null,
  ]);
  const before = new Map(atStart?.lines.map((l) => [l.id, l]));
  return atEnd.lines.map((line) => {
    const key = parseBudgetLineId(line.id);
    const carriedOver = key.sourceYear < key.fiscalYear;
    return {
      id: line.id,
      key,
      carriedOver,
      values: figures(key, line, before.get(line.id)),
      deadline: carriedOver ? line.carryOverDeadline : null,
      deadlineSource: carriedOver ? sourceOf(line) : null,
    };
  });
}
