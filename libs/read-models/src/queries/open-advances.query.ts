import { queryBalances, type BalanceLine } from './balances.query';
import { queryHistory } from './history.query';
import type { ReadModels } from './read-models';

/** One advance paid and not yet wholly settled or recovered, as of a date. */
export interface OpenAdvance {
  readonly expenditureId: string;
  readonly budgetLineId: string;
  readonly unit: string;
  readonly programPart: string;
  readonly payee: string | null;
  readonly description: string | null;
  readonly paidOn: string;
  readonly paid: bigint;
  readonly settled: bigint;
  readonly recovered: bigint;
  readonly open: bigint;
}

export interface OpenAdvancesAnswer {
  readonly fiscalYear: number;
  readonly asOf: string;
  readonly advances: readonly OpenAdvance[];
  readonly total: bigint;
}

type Entry = Readonly<Record<string, unknown>>;
type Tally = { -readonly [K in keyof OpenAdvance]: OpenAdvance[K] };

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const money = (v: unknown): bigint => (typeof v === 'string' ? BigInt(v) : 0n);

/** Folds a line's history (as of the date) into its advances. */
function advancesOf(line: BalanceLine, entries: readonly Entry[]): Tally[] {
  const found = new Map<string, Tally>();
  for (const e of entries) {
    const id = text(e.expenditureId);
    if (id === null) continue;
    if (e.type === 'ExpenditureProposed' && e.kind === 'advance') {
      found.set(id, {
        expenditureId: id,
        budgetLineId: line.id,
        unit: line.unit,
        programPart: line.programPart,
        payee: text(e.payee),
        description: text(e.description),
        paidOn: '',
        paid: 0n,
        settled: 0n,
        recovered: 0n,
        open: 0n,
      });
    }
    const a = found.get(id);
    if (!a) continue;
    if (e.type === 'ExpenditureDisbursed') {
      a.paid += money(e.amount);
      a.paidOn = String(e.effectiveDate);
    }
    if (e.type === 'ExpenditureReversed') a.paid = 0n;
    if (e.type === 'AdvanceSettled') a.settled += money(e.amount);
    if (e.type === 'AdvanceRecovered') a.recovered += money(e.amount);
    a.open = a.paid - a.settled - a.recovered;
  }
  return [...found.values()];
}

/**
 * The advances of a fiscal year still open on a date (default 31/12 of the year: the
 * year-end list an unsettled advance is reported apart on), oldest payment first. Reads
 * only the lines whose balances show money advanced by then.
 */
export async function queryOpenAdvances(
  models: ReadModels,
  params: { readonly fiscalYear: number; readonly asOf?: string; readonly unit?: string },
): Promise<OpenAdvancesAnswer> {
  const asOf = params.asOf ?? `${params.fiscalYear}-12-31`;
  const balances = await queryBalances(models, {
    fiscalYear: params.fiscalYear,
    asOf,
    ...(params.unit ? { unit: params.unit } : {}),
  });
  const advances: OpenAdvance[] = [];
  for (const line of balances.lines) {
    if (line.amounts.advanced === 0n) continue;
    const { entries } = await queryHistory(models, line.id, { asOf });
    const own = advancesOf(line, entries);
    advances.push(...own.filter((a) => a.open > 0n));
  }
  advances.sort(
    (a, b) => a.paidOn.localeCompare(b.paidOn) || a.budgetLineId.localeCompare(b.budgetLineId),
  );
  const total = advances.reduce((sum, a) => sum + a.open, 0n);
  return { fiscalYear: params.fiscalYear, asOf, advances, total };
}

/** Amounts as decimal strings, as every answer carries money. */
export function openAdvancesToWire(answer: OpenAdvancesAnswer): Record<string, unknown> {
  return {
    fiscalYear: answer.fiscalYear,
    asOf: answer.asOf,
    total: answer.total.toString(),
    advances: answer.advances.map((a) => ({
      ...a,
      paid: a.paid.toString(),
      settled: a.settled.toString(),
      recovered: a.recovered.toString(),
      open: a.open.toString(),
    })),
  };
}
