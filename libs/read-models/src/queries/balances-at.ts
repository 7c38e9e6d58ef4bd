import type { Condition, Doc, Filter } from '../document-store.port';
import {
  behindOf,
  countedOf,
  rootId,
  snapshotLine,
  versionId,
  versionsOf,
  yearStats,
} from '../projections/balance-snapshots';
import {
  balancesProjection,
  LATENESS,
  LINES,
  MOVEMENTS,
  SNAPSHOTS,
} from '../projections/balances.projection';
import { amountsFromDoc, BALANCE_COLUMNS, type Amounts } from '../projections/line-deltas';
import {
  addWeeks,
  businessDate,
  crossingKeys,
  daysBetween,
  endOfBusinessDay,
  weekOf,
  weekStartInstant,
} from '../projections/time-axes';
import {
  countedFromDoc,
  NONE,
  nodesBefore,
  plus,
  treeBefore,
  treeTotal,
  weekNumber,
  weekOfNumber,
  type Counted,
} from '../projections/week-tree';
import { checkpointName } from '../runner/generations';
import type { ReadModels } from './read-models';
import { normalizeInstant, windowFilter, type TimeWindow } from './time-window';

/** One line's totals at a point of time travel, and how many movements it counts. */
export interface Tally {
  amounts: Amounts;
  n: number;
}

type Tallies = Map<string, Tally>;
/** Documents of the report's lines (one state of them, read with the tallies). */
type Lines = readonly Doc[];

/**
 * Every line's tally at the point, and the documents of the lines it read: every
 * carried-over line of the scope among them (their deadlines), not necessarily the others.
 */
export interface AtPoint {
  readonly tallies: Tallies;
  readonly lines: Lines;
}

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

/** Adds a part of a line (tree nodes). */
function add(tallies: Tallies, lineId: string, part: Counted): void {
  if (part.n === 0) return;
  const tally = tallyOf(tallies, lineId);
  for (const column of BALANCE_COLUMNS) tally.amounts[column] += part.amounts[column];
  tally.n += part.n;
}

/**
 * Adds a stored part (a node or a version: `n` and its nonzero columns) as `add` does,
 * without building its Counted first: a report adds thousands of them.
 */
function addDoc(tallies: Tallies, lineId: string, doc: Doc): void {
  const n = typeof doc.n === 'number' ? doc.n : 0;
  if (n === 0) return;
  const tally = tallyOf(tallies, lineId);
  for (const column of BALANCE_COLUMNS) {
    const value = doc[column];
    if (typeof value === 'string') tally.amounts[column] += BigInt(value);
  }
  tally.n += n;
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
  for (const s of snapshots) start(tallies, snapshotLine(s), amountsFromDoc(s), Number(s.n));
}

/**
 * How many movements a query reads on one side of a point before it tries the other
 * (tests make it small to take every path). Sized from the 1M-event profile: a week of
 * one year's lines holds ~2,400 movements there (three times that for all years), so the
 * shorter side of a point, read first, mostly fits in one probe; a probe that overflows
 * is wasted reading, and with 500 two of them preceded most reads.
 */
export const residualProbe = {
  size: 4000,
  /**
   * Back-dated movements crossing asOf a query on both axes reads, at most, to add them
   * to the recorded axis's answer (cheaper than both axes' trees when they are few: at
   * 100k events the recorded axis costs ~¾ of the effective one); past it, the versioned
   * tree (bothAxes), whatever their number.
   */
  strip: 500,
};

async function probe(
  models: ReadModels,
  field: 'recordedAt' | 'effectiveDate',
  range: Condition,
  direction: 1 | -1,
  scope: Filter,
  size: number,
): Promise<Doc[] | null> {
  const docs = await models.find(
    'balances',
    MOVEMENTS,
    { [field]: range, ...scope },
    { sort: [[field, direction]], limit: size + 1 },
  );
  return docs.length <= size ? docs : null;
}

type Side = 'before' | 'after';

/**
 * Whichever side of the point within its week holds fewer movements: both sides are
 * read a probe's worth at a time, eight times more each round, so a burst on one side
 * costs about as much as the other side holds. The side spanning less of the week is
 * read first (`first`): in a busy week a probe of the longer side is mostly wasted.
 */
async function nearest(
  models: ReadModels,
  field: 'recordedAt' | 'effectiveDate',
  sides: Record<Side, Condition>,
  first: Side,
  scope: Filter,
): Promise<{ side: Side; movements: Doc[] }> {
  const order: Side[] = first === 'before' ? ['before', 'after'] : ['after', 'before'];
  for (let size = residualProbe.size; ; size = Math.max(1, size * 8)) {
    for (const side of order) {
      const movements = await probe(
        models,
        field,
        sides[side],
        side === 'before' ? 1 : -1,
        scope,
        size,
      );
      if (movements) return { side, movements };
    }
  }
}

/** The side of a point spanning less of its week (`elapsed`: the week's part before it). */
function shorterSide(elapsed: number): Side {
  return elapsed <= 0.5 ? 'before' : 'after';
}

/**
 * Movements effective up to `asOf`, as known now: per line, the effective-axis snapshot of
 * asOf's week (or of the next week, whichever leaves fewer movements to add or remove) plus
 * the nodes before it of its tree of back-dated movements and of its own tree of movements
 * out of order; for a line with nothing effective since, its totals less its future-dated
 * part; plus the future-dated movements, which that axis leaves out. O(log n) documents a
 * line, whatever the lateness of its back-dated entries.
 */
/**
 * The effective-axis week a query on asOf starts from (asOf's or the next) and the
 * movements between it and asOf: added (side before) or removed (after).
 */
async function effectiveSide(
  models: ReadModels,
  asOf: string,
  scope: Filter,
): Promise<{ at: string; side: Side; movements: Doc[] }> {
  const week = weekOf(asOf);
  const next = addWeeks(week, 1);
  const { side, movements } = await nearest(
    models,
    'effectiveDate',
    { before: { $gte: week, $lte: asOf }, after: { $gt: asOf, $lt: next } },
    // Days up to and including asOf's, of the week's seven.
    shorterSide((daysBetween(week, asOf) + 1) / 7),
    scope,
  );
  return { at: side === 'before' ? week : next, side, movements };
}

async function asOfOnly(
  models: ReadModels,
  asOf: string,
  scope: Filter,
  lines: LineSets,
): Promise<Tallies> {
  const { at, side, movements } = await effectiveSide(models, asOf, scope);
  const [snapshots, nodes, early, settled] = await Promise.all([
    models.find('balances', SNAPSHOTS, { axis: 'e', week: at, ...scope }),
    treeNodes(models, at, scope, openYears(lines.stats, at)),
    futureDated(models, { effectiveDate: { $lte: asOf } }, scope),
    settledLines(models, lines, 'effMax', at, scope),
  ]);
  const behind = lines.outOfOrder;
  const tallies: Tallies = new Map();
  startFromSnapshots(tallies, snapshots);
  for (const node of nodes) addDoc(tallies, snapshotLine(node), node);
  for (const line of behind) add(tallies, line.id, treeBefore(behindOf(line).e, at));
  for (const line of settled) {
    const regular = plus(
      { n: Number(line.moves ?? 0), amounts: amountsFromDoc(line) },
      countedOf(line, 'early', 'earlyMoves'),
      -1,
    );
    start(tallies, line.id, regular.amounts, regular.n);
  }
  const regular = movements.filter((m) => m.lag !== 'early');
  apply(tallies, regular, side === 'before' ? 1n : -1n);
  apply(tallies, early, 1n);
  return tallies;
}

/**
 * The recorded-axis week a query on `cut` starts from (cut's or the next) and the
 * movements (of `filter`) recorded between its start and cut: added (side before) or
 * removed (after).
 */
async function recordedSide(
  models: ReadModels,
  cut: string,
  filter: Filter,
): Promise<{ at: string; side: Side; movements: Doc[] }> {
  const week = weekOf(businessDate(cut));
  const next = addWeeks(week, 1);
  const opens = weekStartInstant(week);
  const closes = weekStartInstant(next);
  const { side, movements } = await nearest(
    models,
    'recordedAt',
    { before: { $gte: opens, $lte: cut }, after: { $gt: cut, $lt: closes } },
    shorterSide((Date.parse(cut) - Date.parse(opens)) / (Date.parse(closes) - Date.parse(opens))),
    filter,
  );
  return { at: side === 'before' ? week : next, side, movements };
}

/**
 * Movements recorded up to `cut`: per line, the recorded-axis snapshot of cut's week (or
 * of the next week, whichever leaves fewer movements to add or remove) plus the nodes
 * before it of its own tree of movements recorded out of order; or for a line with
 * nothing recorded since, its totals.
 */
async function recordedBy(
  models: ReadModels,
  cut: string,
  scope: Filter,
  lines: LineSets,
): Promise<Tallies> {
  const { at, side, movements } = await recordedSide(models, cut, scope);
  const [snapshots, settled] = await Promise.all([
    models.find('balances', SNAPSHOTS, { axis: 'r', week: at, ...scope }),
    settledLines(models, lines, 'recWeek', at, scope),
  ]);
  const behind = lines.outOfOrder;
  const tallies: Tallies = new Map();
  startFromSnapshots(tallies, snapshots);
  for (const line of behind) add(tallies, line.id, treeBefore(behindOf(line).r, at));
  for (const line of settled) start(tallies, line.id, amountsFromDoc(line), Number(line.moves));
  apply(tallies, movements, side === 'before' ? 1n : -1n);
  return tallies;
}

/**
 * Back-dated movements crossing `asOf` (effective by it, recorded after its day), recorded
 * in the given range: read through their crossing keys (time-axes.ts), so a rush of
 * entries back-dated to other dates is not even read. The report's scope (a year, a unit)
 * is applied here rather than in the filter, so that the store keeps to that index.
 */
async function crossing(
  models: ReadModels,
  asOf: string,
  recorded: { $gt: string; $lte: string },
  maxDaysLate: number,
  scope: Filter,
  limit?: number,
): Promise<Doc[] | null> {
  const docs = await models.find(
    'balances',
    MOVEMENTS,
    {
      crossing: { $in: crossingKeys(asOf, maxDaysLate) },
      recordedAt: recorded,
      effectiveDate: { $lte: asOf },
    },
    // In key order the index yields them sorted, so a limit stops the read early.
    limit === undefined
      ? undefined
      : {
          sort: [
            ['crossing', 1],
            ['recordedAt', 1],
          ],
          limit: limit + 1,
        },
  );
  return limit === undefined || docs.length <= limit ? inScope(docs, scope) : null;
}

function inScope(docs: readonly Doc[], scope: Filter): Doc[] {
  return docs.filter((d) => Object.entries(scope).every(([k, v]) => d[k] === v));
}

/**
 * Future-dated movements (rare): read through the `lag` index with the report's scope
 * applied here, since the planner would rather range over the year's movements.
 */
async function futureDated(models: ReadModels, filter: Filter, scope: Filter): Promise<Doc[]> {
  return inScope(await models.find('balances', MOVEMENTS, { lag: 'early', ...filter }), scope);
}

/**
 * Known at `knownAt`, effective by `asOf`. Up to the end of asOf's business day,
 * whatever was recorded and is effective later was future-dated, so the answer is
 *   {recorded ≤ knownAt} − {future-dated, recorded ≤ knownAt, effective after asOf}.
 * Later, whatever was recorded after that end and is effective by asOf was back-dated
 * across it: those recorded by knownAt are added, read through their crossing keys
 * (time-axes.ts), when they are less than a week of entries (knownAt in asOf's week) or
 * few (residualProbe.strip); otherwise both axes at once from the versioned tree
 * (bothAxes), in O(log n) documents a line whatever their number.
 */
async function knownAtAndAsOf(
  models: ReadModels,
  knownAt: string,
  asOf: string | undefined,
  scope: Filter,
  lines: LineSets,
): Promise<Tallies> {
  if (asOf === undefined) return recordedBy(models, knownAt, scope, lines);
  const endOfAsOf = endOfBusinessDay(asOf);
  if (knownAt <= endOfAsOf) {
    const tallies = await recordedBy(models, knownAt, scope, lines);
    apply(tallies, await futureDated(models, future(asOf, knownAt), scope), -1n);
    return tallies;
  }
  const maxDaysLate = typeof lines.stats?.maxDaysLate === 'number' ? lines.stats.maxDaysLate : 0;
  const recorded = { $gt: endOfAsOf, $lte: knownAt };
  const laterWeek = weekOf(businessDate(knownAt)) > weekOf(asOf);
  // Later the same week, the strip is less than a week of entries: read it whole.
  const strip = await crossing(
    models,
    asOf,
    recorded,
    maxDaysLate,
    scope,
    laterWeek ? residualProbe.strip : undefined,
  );
  if (!strip) return bothAxes(models, asOf, knownAt, scope, lines);
  const [tallies, future_] = await Promise.all([
    recordedBy(models, endOfAsOf, scope, lines),
    futureDated(models, future(asOf, endOfAsOf), scope),
  ]);
  apply(tallies, future_, -1n);
  apply(tallies, strip, 1n);
  return tallies;
}

function textOf(doc: Doc, field: string): string {
  const value = doc[field];
  if (typeof value !== 'string') throw new TypeError(`${doc.id}: no ${field}`);
  return value;
}

/** Moved across weeks: effective in a week before the one it was recorded in. */
function acrossWeeks(m: Doc): boolean {
  return weekOf(textOf(m, 'effectiveDate')) < weekOf(businessDate(textOf(m, 'recordedAt')));
}

/**
 * Effective by `asOf` and known at `knownAt`, recorded in a later week than asOf's: O(log n)
 * documents a line whatever the lateness of back-dated entries, plus the movements near
 * the point on each axis. With `at` the effective week it starts from (asOf's or the
 * next) and `recAt` the recorded one (knownAt's or the next), per line:
 *   the effective-axis snapshot at `at` (movements effective and recorded in one week,
 *     all recorded before knownAt's week) or, for a line with nothing effective since,
 *     its totals less its future-dated and back-dated parts;
 *   + its own tree of movements filed behind, before `at`, less those of them recorded
 *     back-dated from `recAt` on (`behind.l`);
 *   + the back-dated tree's nodes before `at`, each as it stood before `recAt` (the node,
 *     or the one version `vs` names: balance-snapshots.ts);
 *   ± the back-dated movements recorded between `recAt` and knownAt, effective before `at`;
 *   ± the movements effective between `at` and asOf, recorded by knownAt;
 *   + the future-dated ones effective by asOf, recorded by knownAt.
 */
async function bothAxes(
  models: ReadModels,
  asOf: string,
  knownAt: string,
  scope: Filter,
  lines: LineSets,
): Promise<Tallies> {
  const [effective, recorded] = await Promise.all([
    effectiveSide(models, asOf, scope),
    // Only the back-dated: read through the `lag` index, the scope applied below.
    recordedSide(models, knownAt, { lag: 'late' }),
  ]);
  const { at } = effective;
  const recAt = weekNumber(recorded.at);
  const open = openYears(lines.stats, at, recorded.at);
  const [snapshots, nodes, early, settled] = await Promise.all([
    models.find('balances', SNAPSHOTS, { axis: 'e', week: at, ...scope }),
    treeNodes(models, at, scope, open),
    futureDated(models, { effectiveDate: { $lte: asOf }, recordedAt: { $lte: knownAt } }, scope),
    settledLines(models, lines, 'effMax', at, scope),
  ]);
  // A settled line of a year whose nodes were not read: its whole back-dated part is
  // before `at` and as it stood before `recAt` (yearStats), so it stays in. One of a year
  // whose nodes were read leaves it out (the nodes add it as it stood): it is the root of
  // its tree (v12).
  const nodesRead = (line: Doc): boolean => open === null || open.includes(Number(line.fiscalYear));
  const lateOf = await lateParts(models, settled.filter(nodesRead));
  const tallies: Tallies = new Map();
  startFromSnapshots(tallies, snapshots);
  for (const line of settled) {
    const inWeek = plus(
      plus(
        plus(
          { n: Number(line.moves ?? 0), amounts: amountsFromDoc(line) },
          countedOf(line, 'early', 'earlyMoves'),
          -1,
        ),
        lateOf.get(line.id) ?? NONE,
        -1,
      ),
      treeTotal(behindOf(line).e),
      -1,
    );
    start(tallies, line.id, inWeek.amounts, inWeek.n);
  }
  const versions: string[] = [];
  for (const node of nodes) {
    const vs = versionsOf(node);
    const then = lastBelow(vs, recAt);
    if (then === undefined) continue;
    if (then === vs.at(-1)) addDoc(tallies, snapshotLine(node), node);
    else versions.push(versionId(textOf(node, 'week'), weekOfNumber(then), snapshotLine(node)));
  }
  for (const version of await models.getMany('balances', SNAPSHOTS, versions)) {
    addDoc(tallies, snapshotLine(version), version);
  }
  for (const line of lines.outOfOrder) {
    const behind = behindOf(line);
    add(tallies, line.id, treeBefore(behind.e, at));
    for (const [key, value] of Object.entries(behind.l)) {
      const [effWeek = '', recWeek = ''] = key.split('|');
      if (effWeek < at && weekNumber(recWeek) >= recAt) {
        add(tallies, line.id, plus(NONE, countedFromDoc(value), -1));
      }
    }
  }
  const late = inScope(recorded.movements, scope).filter(
    (m) => acrossWeeks(m) && weekOf(textOf(m, 'effectiveDate')) < at,
  );
  apply(tallies, late, recorded.side === 'before' ? 1n : -1n);
  const near = effective.movements.filter(
    (m) => m.lag !== 'early' && textOf(m, 'recordedAt') <= knownAt,
  );
  apply(tallies, near, effective.side === 'before' ? 1n : -1n);
  apply(tallies, early, 1n);
  return tallies;
}

/** The back-dated part of each of these lines (the root of its tree), by line id. */
async function lateParts(models: ReadModels, lines: Lines): Promise<Map<string, Counted>> {
  const roots = await models.getMany(
    'balances',
    SNAPSHOTS,
    lines.map((line) => rootId(line.id)),
  );
  return new Map(roots.map((root) => [snapshotLine(root), countedFromDoc(root)]));
}

/** The largest of the ascending numbers below `bound`, if any. */
function lastBelow(sorted: readonly number[], bound: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? sorted[lo - 1] : undefined;
}

/** Recorded by cut (≤ the end of asOf's day) and effective after asOf: future-dated. */
function future(asOf: string, cut: string): Filter {
  return { recordedAt: { $lte: cut }, effectiveDate: { $gt: asOf } };
}

/** The plain sum over the movements: only when the projection keeps moving under a query. */
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
 * Which documents a query reads: the serving generation and its checkpoint. A query reads
 * several times; if a batch landed in between, it reads again.
 */
async function stamp(models: ReadModels): Promise<string> {
  const tag = (await models.docs.resolveAlias(balancesProjection.name)) || '1';
  const checkpoint = await models.docs.checkpoint(
    checkpointName({ projection: balancesProjection, tag }),
  );
  return `${tag}@${checkpoint?.position ?? ''}`;
}

/** The lines of the report's scope, in id order. */
function linesOf(models: ReadModels, scope: Filter): Promise<Doc[]> {
  return models.find('balances', LINES, scope, { sort: [['id', 1]] });
}

/**
 * The few lines documents every point needs (read through their indexes, not the whole
 * scope: a line's document is the largest a report reads, and most lines need none):
 * the deadline documents (v12: the lines whose deadline was set, for their deadline
 * then) and lines with movements filed out of order, for their trees. Every other line is answered from its snapshots alone, or
 * from its totals when it has had nothing on the point's axis since (settledLines).
 */
interface LineSets {
  /** The deadline documents of the scope's lines that have one, as lines' (id: the line's). */
  readonly deadlines: Lines;
  readonly outOfOrder: Lines;
  /** Every document read so far, by id. */
  readonly byId: Map<string, Doc>;
  /** The read model's statistics (LATENESS: the most days late, per year `years`). */
  readonly stats: Doc | null;
}

async function lineSets(models: ReadModels, scope: Filter): Promise<LineSets> {
  const [deadlineDocs, outOfOrder, stats] = await Promise.all([
    models.find('balances', SNAPSHOTS, { axis: 'd', week: '', ...scope }),
    models.find('balances', LINES, { outOfOrder: 1, ...scope }),
    models.get('balances', SNAPSHOTS, LATENESS),
  ]);
  const deadlines = deadlineDocs.map((d) => ({ ...d, id: snapshotLine(d) }));
  const byId = new Map<string, Doc>();
  for (const line of [...deadlines, ...outOfOrder]) byId.set(line.id, line);
  return { deadlines, outOfOrder, byId, stats };
}

/**
 * The fiscal years whose lines' tree nodes before the effective week `at` can change an
 * answer (null: every year, statistics missing, or none to leave out: a `fiscalYear IN`
 * naming them all would only multiply the index's probes). Every other year has each line
 * settled at `at` (the year's latest effective week is before it) and, for a query on
 * both axes (`recAt`, its recorded week), nothing filed in its trees from `recAt` on
 * (yearStats).
 */
function openYears(stats: Doc | null, at: string, recAt?: string): number[] | null {
  const years = yearStats(stats);
  if (years === null) return null;
  const open: number[] = [];
  for (const [year, { e, l }] of Object.entries(years)) {
    const settled = e === undefined || e < at;
    const unchanged = recAt === undefined || l === undefined || l < recAt;
    if (!settled || !unchanged) open.push(Number(year));
  }
  return open.length === Object.keys(years).length ? null : open;
}

/** The back-dated trees' nodes before `at`, of the open years' lines only. */
async function treeNodes(
  models: ReadModels,
  at: string,
  scope: Filter,
  open: number[] | null,
): Promise<Doc[]> {
  const filter: Filter = { axis: 'f', week: { $in: nodesBefore(at) }, ...scope };
  if (open === null) return models.find('balances', SNAPSHOTS, filter);
  const { fiscalYear } = scope;
  if (typeof fiscalYear === 'number') {
    return open.includes(fiscalYear) ? models.find('balances', SNAPSHOTS, filter) : [];
  }
  if (open.length === 0) return [];
  return models.find('balances', SNAPSHOTS, { ...filter, fiscalYear: { $in: open } });
}

/**
 * The lines with nothing on an axis from `at` on (`field`: effMax, the latest effective
 * week of their snapshots, or recWeek, their latest recorded week, before `at`): they
 * have no snapshot there, and their totals stand for it. Kept with the documents read.
 */
async function settledLines(
  models: ReadModels,
  lines: LineSets,
  field: 'effMax' | 'recWeek',
  at: string,
  scope: Filter,
): Promise<Lines> {
  const settled = await models.find('balances', LINES, { [field]: { $lt: at }, ...scope });
  // Their deadline fields too, for a line whose deadline document was not read (none).
  for (const line of settled) if (!lines.byId.has(line.id)) lines.byId.set(line.id, line);
  return settled;
}

async function once(models: ReadModels, window: TimeWindow, scope: Filter): Promise<AtPoint> {
  const knownAt = window.knownAt ? normalizeInstant(window.knownAt) : undefined;
  const asOf = window.asOf || undefined;
  const lines = await lineSets(models, scope);
  const tallies =
    knownAt === undefined
      ? await asOfOnly(models, requireAsOf(asOf), scope, lines)
      : await knownAtAndAsOf(models, knownAt, asOf, scope, lines);
  return { tallies, lines: [...lines.byId.values()] };
}

function requireAsOf(asOf: string | undefined): string {
  if (asOf === undefined) throw new RangeError('balancesAt needs asOf or knownAt');
  return asOf;
}

/**
 * Every line's totals over exactly the movements effective by `asOf` and recorded by
 * `knownAt` (either may be absent), with the number of those movements (0: the line is
 * not in the report), and the lines' documents. O(lines + movements near the point), not
 * O(movements). Its reads
 * see one state of the documents: if the projection moved meanwhile, it reads again (and
 * after a few tries sums the movements in one read).
 */
export async function balancesAt(
  models: ReadModels,
  window: TimeWindow,
  scope: Filter,
): Promise<AtPoint> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await stamp(models);
    const answer = await once(models, window, scope);
    if ((await stamp(models)) === before) return answer;
  }
  const lines = await linesOf(models, scope);
  return { tallies: await summed(models, window, scope), lines };
}
