import { parseBudgetLineId } from '@app/budgeting';
import type { Filter, SumRow } from '../document-store.port';
import { LINES, MOVEMENTS } from '../projections/balances.projection';
import {
  amountsToWire,
  BALANCE_COLUMNS,
  ZERO_AMOUNTS,
  type Amounts,
} from '../projections/line-deltas';
import type { ReadModels } from './read-models';
import { isTimeTravel, normalizeInstant, windowFilter, type TimeWindow } from './time-window';

export interface BalanceLine {
  readonly id: string;
  readonly fiscalYear: number;
  readonly programPart: string;
  readonly fundSource: string;
  readonly sourceYear: number;
  readonly unit: string;
  readonly carriedOver: boolean;
  readonly carryOverDeadline: string | null;
  readonly amounts: Amounts;
}

export interface BalancesAnswer {
  readonly asOf: string | null;
  readonly knownAt: string | null;
  readonly lines: BalanceLine[];
  readonly totals: Amounts;
}

function fromRow(row: SumRow | Record<string, unknown>): Amounts {
  const amounts = { ...ZERO_AMOUNTS };
  for (const column of BALANCE_COLUMNS) {
    const value = row[column];
    if (typeof value === 'string' || typeof value === 'number') amounts[column] = BigInt(value);
  }
  return amounts;
}

function line(id: string, amounts: Amounts, deadline: string | null): BalanceLine {
  const key = parseBudgetLineId(id);
  const carriedOver = key.sourceYear < key.fiscalYear;
  return {
    id,
    ...key,
    carriedOver,
    carryOverDeadline: deadline ?? (carriedOver ? `${key.fiscalYear}-12-31` : null),
    amounts,
  };
}

function total(lines: readonly BalanceLine[]): Amounts {
  const sum = { ...ZERO_AMOUNTS };
  for (const l of lines) for (const column of BALANCE_COLUMNS) sum[column] += l.amounts[column];
  return sum;
}

/**
 * Balances of every line, now or at any point on both time axes. The present reads the
 * `lines` documents; a past point sums the movements its two dates select.
 */
export async function queryBalances(
  models: ReadModels,
  params: TimeWindow & { readonly fiscalYear?: number; readonly unit?: string },
): Promise<BalancesAnswer> {
  const yearFilter: Filter = {
    ...(params.fiscalYear === undefined ? {} : { fiscalYear: params.fiscalYear }),
    ...(params.unit === undefined ? {} : { unit: params.unit }),
  };
  let lines: BalanceLine[];
  if (!isTimeTravel(params)) {
    const docs = await models.find('balances', LINES, yearFilter, { sort: [['id', 1]] });
    lines = docs.map((d) =>
      line(d.id, fromRow(d), typeof d.carryOverDeadline === 'string' ? d.carryOverDeadline : null),
    );
  } else {
    const rows = await models.sum('balances', MOVEMENTS, {
      filter: { ...yearFilter, ...windowFilter(params) },
      groupBy: ['lineId'],
      sum: [...BALANCE_COLUMNS],
    });
    lines = rows
      .map((r) => line(String(r.lineId), fromRow(r), null))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return {
    asOf: params.asOf ?? null,
    knownAt: params.knownAt ? normalizeInstant(params.knownAt) : null,
    lines,
    totals: total(lines),
  };
}

/** The wire shape of the contract: every amount a decimal string. */
export function balancesToWire(answer: BalancesAnswer): object {
  return {
    asOf: answer.asOf,
    knownAt: answer.knownAt,
    lines: answer.lines.map(({ amounts, ...rest }) => ({ ...rest, ...amountsToWire(amounts) })),
    totals: amountsToWire(answer.totals),
  };
}
