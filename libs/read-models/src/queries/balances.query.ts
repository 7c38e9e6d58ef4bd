import { parseBudgetLineId } from '@app/budgeting';
import type { Filter, SumRow } from '../document-store.port';
import { LINES } from '../projections/balances.projection';
import {
  amountsToWire,
  BALANCE_COLUMNS,
  ZERO_AMOUNTS,
  type Amounts,
} from '../projections/line-deltas';
import { balancesAt, type Tally } from './balances-at';
import type { ReadModels } from './read-models';
import { deadlineAt, deadlineOf, NO_DEADLINE, type LineDeadline } from './line-deadline';
import { isTimeTravel, normalizeInstant, type TimeWindow } from './time-window';

export type { LineDeadline } from './line-deadline';

export interface BalanceLine {
  readonly id: string;
  readonly fiscalYear: number;
  readonly programPart: string;
  readonly fundSource: string;
  readonly sourceYear: number;
  readonly unit: string;
  readonly carriedOver: boolean;
  readonly carryOverDeadline: string | null;
  /** 'decision': the carry-over decision stated it; 'default': 31/12 of the receiving year. */
  readonly deadlineBasis: 'decision' | 'default' | null;
  /** The carry-over decision that set the deadline (or stated none). */
  readonly deadlineDecision: string | null;
  /** The decisions that extended the deadline, oldest first. */
  readonly deadlineExtensions: readonly string[];
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

function line(id: string, amounts: Amounts, deadline: LineDeadline): BalanceLine {
  const key = parseBudgetLineId(id);
  const carriedOver = key.sourceYear < key.fiscalYear;
  const known = carriedOver && deadline.date !== null;
  return {
    id,
    ...key,
    carriedOver,
    carryOverDeadline: known ? deadline.date : carriedOver ? `${key.fiscalYear}-12-31` : null,
    deadlineBasis: known ? deadline.basis : carriedOver ? 'default' : null,
    deadlineDecision: known ? deadline.decision : null,
    deadlineExtensions: known ? deadline.extensions : [],
    amounts,
  };
}

function total(lines: readonly BalanceLine[]): Amounts {
  const sum = { ...ZERO_AMOUNTS };
  for (const l of lines) for (const column of BALANCE_COLUMNS) sum[column] += l.amounts[column];
  return sum;
}

/** Each line's totals and movement count, now or at a point of time travel. */
export async function lineTallies(
  models: ReadModels,
  params: TimeWindow & { readonly fiscalYear?: number; readonly unit?: string },
): Promise<Map<string, Tally & { deadline: LineDeadline }>> {
  const scope: Filter = {
    ...(params.fiscalYear === undefined ? {} : { fiscalYear: params.fiscalYear }),
    ...(params.unit === undefined ? {} : { unit: params.unit }),
  };
  const out = new Map<string, Tally & { deadline: LineDeadline }>();
  if (!isTimeTravel(params)) {
    const docs = await models.find('balances', LINES, scope, { sort: [['id', 1]] });
    for (const d of docs) {
      out.set(d.id, {
        amounts: fromRow(d),
        n: typeof d.moves === 'number' ? d.moves : 0,
        deadline: deadlineOf(d),
      });
    }
    return out;
  }
  // A line is in a past report when at least one of its movements is selected. Its
  // deadline is the one in effect on asOf as known at knownAt.
  const { tallies, lines } = await balancesAt(models, params, scope);
  const deadlines = new Map(lines.map((d) => [d.id, deadlineAt(d, params)]));
  for (const id of [...tallies.keys()].sort()) {
    const tally = tallies.get(id);
    if (tally && tally.n > 0) out.set(id, { ...tally, deadline: deadlines.get(id) ?? NO_DEADLINE });
  }
  return out;
}

/**
 * Balances of every line, now or at any point on both time axes. The present reads the
 * `lines` documents; a past point starts from the weekly snapshots (balances-at.ts).
 */
export async function queryBalances(
  models: ReadModels,
  params: TimeWindow & { readonly fiscalYear?: number; readonly unit?: string },
): Promise<BalancesAnswer> {
  const tallies = await lineTallies(models, params);
  const lines: BalanceLine[] = [];
  for (const [id, tally] of tallies) lines.push(line(id, tally.amounts, tally.deadline));
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
