import type { Condition, Doc, Filter } from '../document-store.port';
import { CLOCK_FLAG, LINES, MOVEMENTS, SNAPSHOTS } from '../projections/balances.projection';
import { amountsFromDoc, BALANCE_COLUMNS, type Amounts } from '../projections/line-deltas';
import {
  addWeeks,
  businessDate,
  endOfBusinessDay,
  weekOf,
  weekStartInstant,
} from '../projections/time-axes';
import type { ReadModels } from './read-models';
import { normalizeInstant, windowFilter, type TimeWindow } from './time-window';

/** One line's totals at a point of time travel, and how many movements it counts. */
export interface Tally {
  amounts: Amounts;
  n: number;
}

type Tallies = Map<string, Tally>;

function lineIdOf(doc: Doc): string {
  if (typeof doc.lineId !== 'string') throw new TypeError(`${doc.id}: no lineId`);
  return doc.lineId;
}

function tallyOf(tallies: Tallies, lineId: string): Tally {
  let tally = tallies.get(lineId);
  if (!tally) {
    tally = { amounts: amountsFromDoc(null), n: 0 };
    tallies.set(lineId, tally);
  }
  return tally;
}

/** Sets a line's starting point: a snapshot, or a line's totals (minus its early part). */
function start(tallies: Tallies, lineId: string, amounts: Amounts, n: number): void {
  tallies.set(lineId, { amounts, n });
}

/** Adds (sign 1) or removes (sign -1) movements, each counted once. */
function apply(tallies: Tallies, movements: readonly Doc[], sign: 1n | -1n): void {
  for (const m of movements) {
    const tally = tallyOf(tallies, lineIdOf(m));
    for (const column of BALANCE_COLUMNS) {
      const value = m[column];
      if (typeof value === 'string') tally.amounts[column] += sign * BigInt(value);
    }
    tally.n += sign === 1n ? 1 : -1;
  }
}

function startFromSnapshots(tallies: Tallies, snapshots: readonly Doc[]): void {
  for (const s of snapshots) start(tallies, lineIdOf(s), amountsFromDoc(s), Number(s.n));
}

/**
 * How many movements a query reads on one side of a point before it tries the other
 * (tests make it small to take every path).
 */
/**
 * The movements on one side of a point within its week, or null when there are more than
 * a probe's worth: history has bursts (the year-end rush), and a snapshot on the other
 * side of the point may leave far fewer to add or take away.
 */
export const residualProbe = { size: 500 };

async function probe(
  models: ReadModels,
  field: 'recordedAt' | 'effectiveDate',
  range: Condition,
  direction: 1 | -1,
  scope: Filter,
): Promise<Doc[] | null> {
  const docs = await models.find(
    'balances',
    MOVEMENTS,
    { [field]: range, ...scope },
    { sort: [[field, direction]], limit: residualProbe.size + 1 },
  );
  return docs.length <= residualProbe.size ? docs : null;
}

/** Whichever side of the point within its week holds fewer movements (all, if both are big). */
async function nearest(
  models: ReadModels,
  field: 'recordedAt' | 'effectiveDate',
  before: Condition,
  after: Condition,
  scope: Filter,
): Promise<{ side: 'before' | 'after'; movements: Doc[] }> {
  const early = await probe(models, field, before, 1, scope);
  if (early) return { side: 'before', movements: early };
  const late = await probe(models, field, after, -1, scope);
  if (late) return { side: 'after', movements: late };
  return {
    side: 'before',
    movements: await models.find('balances', MOVEMENTS, { [field]: before, ...scope }),
  };
}

function earlyPartOf(line: Doc): Amounts {
  const early = line.early;
  return amountsFromDoc(early && typeof early === 'object' && !Array.isArray(early) ? early : null);
}

/**
 * Movements effective up to `asOf`, as known now: the effective-axis snapshots of asOf's
 * week (or of the next week, whichever leaves fewer movements to add or remove), or for
 * a line with nothing effective since, its totals less its future-dated part; plus the
 * future-dated movements, which that axis leaves out.
 */
async function asOfOnly(models: ReadModels, asOf: string, scope: Filter): Promise<Tallies> {
  const week = weekOf(asOf);
  const next = addWeeks(week, 1);
  const { side, movements } = await nearest(
    models,
    'effectiveDate',
    { $gte: week, $lte: asOf },
    { $gt: asOf, $lt: next },
    scope,
  );
  const at = side === 'before' ? week : next;
  const [snapshots, settled, early] = await Promise.all([
    models.find('balances', SNAPSHOTS, { axis: 'e', week: at, ...scope }),
    models.find('balances', LINES, { effMax: { $lt: at }, ...scope }),
    models.find('balances', MOVEMENTS, { lag: 'early', effectiveDate: { $lte: asOf }, ...scope }),
  ]);
  const tallies: Tallies = new Map();
  startFromSnapshots(tallies, snapshots);
  for (const line of settled) {
    const amounts = amountsFromDoc(line);
    const earlyPart = earlyPartOf(line);
    for (const column of BALANCE_COLUMNS) amounts[column] -= earlyPart[column];
    start(tallies, line.id, amounts, Number(line.moves ?? 0) - Number(line.earlyMoves ?? 0));
  }
  const regular = movements.filter((m) => m.lag !== 'early');
  apply(tallies, regular, side === 'before' ? 1n : -1n);
  apply(tallies, early, 1n);
  return tallies;
}

/**
 * Movements recorded up to `cut`: the recorded-axis snapshots of cut's week (or of the
 * next week, whichever leaves fewer movements to add or remove), or for a line with
 * nothing recorded since, its totals.
 */
async function recordedBy(models: ReadModels, cut: string, scope: Filter): Promise<Tallies> {
  const week = weekOf(businessDate(cut));
  const next = addWeeks(week, 1);
  const { side, movements } = await nearest(
    models,
    'recordedAt',
    { $gte: weekStartInstant(week), $lte: cut },
    { $gt: cut, $lt: weekStartInstant(next) },
    scope,
  );
  const at = side === 'before' ? week : next;
  const [snapshots, settled] = await Promise.all([
    models.find('balances', SNAPSHOTS, { axis: 'r', week: at, ...scope }),
    models.find('balances', LINES, { recWeek: { $lt: at }, ...scope }),
  ]);
  const tallies: Tallies = new Map();
  startFromSnapshots(tallies, snapshots);
  for (const line of settled) start(tallies, line.id, amountsFromDoc(line), Number(line.moves));
  apply(tallies, movements, side === 'before' ? 1n : -1n);
  return tallies;
}

/**
 * Known at `knownAt`, effective by `asOf`: {recorded ≤ cut} − {recorded ≤ cut, effective
 * after asOf} + {cut < recorded ≤ knownAt, effective by asOf}, with cut = the earlier of
 * knownAt and the end of asOf's business day. Whatever was recorded by then and is
 * effective later was future-dated; whatever was recorded after and is effective by
 * asOf was back-dated: both sets are read from the `lag` index, and only the back-dated
 * ones recorded between asOf and knownAt count (usually a few weeks' worth).
 */
async function knownAtAndAsOf(
  models: ReadModels,
  knownAt: string,
  asOf: string | undefined,
  scope: Filter,
): Promise<Tallies> {
  const endOfAsOf = asOf === undefined ? undefined : endOfBusinessDay(asOf);
  const cut = endOfAsOf !== undefined && endOfAsOf < knownAt ? endOfAsOf : knownAt;
  const [tallies, future, backdated] = await Promise.all([
    recordedBy(models, cut, scope),
    asOf === undefined
      ? []
      : models.find('balances', MOVEMENTS, {
          lag: 'early',
          recordedAt: { $lte: cut },
          effectiveDate: { $gt: asOf },
          ...scope,
        }),
    asOf === undefined || cut === knownAt
      ? []
      : models.find('balances', MOVEMENTS, {
          lag: 'late',
          recordedAt: { $gt: cut, $lte: knownAt },
          effectiveDate: { $lte: asOf },
          ...scope,
        }),
  ]);
  apply(tallies, future, -1n);
  apply(tallies, backdated, 1n);
  return tallies;
}

/** The plain sum over the movements, for read models whose snapshots cannot be trusted. */
async function summed(models: ReadModels, window: TimeWindow, scope: Filter): Promise<Tallies> {
  const tallies: Tallies = new Map();
  apply(
    tallies,
    await models.find('balances', MOVEMENTS, { ...scope, ...windowFilter(window) }),
    1n,
  );
  return tallies;
}

/**
 * Every line's totals over exactly the movements effective by `asOf` and recorded by
 * `knownAt` (either may be absent), with the number of those movements (0: the line is
 * not in the report). O(lines + movements near the point), not O(movements).
 */
export async function balancesAt(
  models: ReadModels,
  window: TimeWindow,
  scope: Filter,
): Promise<Tallies> {
  const knownAt = window.knownAt ? normalizeInstant(window.knownAt) : undefined;
  const asOf = window.asOf || undefined;
  if (await models.get('balances', SNAPSHOTS, CLOCK_FLAG)) return summed(models, window, scope);
  if (knownAt === undefined) {
    if (asOf === undefined) throw new RangeError('balancesAt needs asOf or knownAt');
    return asOfOnly(models, asOf, scope);
  }
  return knownAtAndAsOf(models, knownAt, asOf, scope);
}
