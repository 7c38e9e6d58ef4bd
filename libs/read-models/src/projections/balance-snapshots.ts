import type { BudgetLineEvent } from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import type { Doc, DocumentValue, Write } from '../document-store.port';
import type { DocLookup, DocRef } from '../projection';
import { str } from './event-fields';
import {
  addDeltas,
  amountsFromDoc,
  BALANCE_COLUMNS,
  ZERO_AMOUNTS,
  type Amounts,
  type Deltas,
} from './line-deltas';
import { businessDate, daysLate, lagOf, weekOf, weeksBetween, type Lag } from './time-axes';
import {
  countedFromDoc,
  countedToDoc,
  embeddedTree,
  nodesHolding,
  plus,
  ROOT_NODE,
  treeAdd,
  treeTotal,
  weekNumber,
  weekOfNumber,
  type Counted,
  type EmbeddedTree,
} from './week-tree';

/*
 * Per-line snapshots on both time axes, so that a time-travel report reads a few documents
 * per line plus the movements near its point, whatever the history's length or the
 * lateness of its back-dated entries: O(log n) documents per line, not O(movements).
 *
 * Each axis keeps a dense part and a tree (week-tree.ts) for what the dense part cannot
 * take in order:
 *
 * Recorded axis ('r'): r|W|line = the line's totals over the movements recorded before
 * week W, written once, when the line's first movement after W arrives (dense between its
 * first and its latest recorded week, so a query finds every line's snapshot for a week
 * with one range read). A movement recorded behind its line's latest week (a clock that
 * stepped back; rare) goes into a tree kept in the line's own document (`behind.r`).
 *
 * Effective axis ('e'): e|W|line = the totals over the line's movements effective and
 * recorded in the same week, effective before W. Those come in week order, so these
 * snapshots too are written once, forward. A movement back-dated across a week boundary
 * goes into the line's tree of back-dated movements instead: documents f|N|line, one per
 * node N of a Fenwick tree over effective weeks, so it costs the O(log n) nodes holding its
 * effective week (≤ 14 writes), whatever its lateness — not one write per week it is late.
 * Future-dated movements stay out of this axis ("early", rare: a query adds them one by
 * one); a same-week movement behind the line's latest week goes into `behind.e`.
 *
 * Both axes at once (as of A, as known at K) need the back-dated movements effective
 * before a week AND recorded before another: each node of that tree is versioned by
 * recorded week. The node document keeps its current totals and `vs`, the numbers
 * (weekNumber) of the recorded weeks it changed in; when it first changes in a new
 * recorded week, its totals as they stood at the end of the previous one are copied to
 * v|N|R|line (R that week). So a back-dated movement still costs O(log n) writes (the
 * ≤ 14 nodes, plus ≤ 14 copies in the first change of a recorded week), and a query as
 * known before week K reads, per node, the node and, when it changed since, the one
 * version named by the largest number in `vs` before K. A back-dated movement recorded
 * behind its line's latest recorded week (a clock stepped back: rare) would rewrite
 * versions: it goes into `behind.e` and, with both its weeks, into `behind.l` instead.
 *
 * So the totals effective before W, as known now, are e|W + the nodes before W of f|·|line
 * + those of `behind.e` (+ early ones); a line with nothing effective from W on (effMax < W)
 * is its totals less its early part. Every set is exact, whatever the lateness or the
 * disorder: no flag, no fallback (bar a query the projector moves under three times in a
 * row, which sums once: balances-at.ts).
 */

export const SNAPSHOTS = 'balanceSnapshots';
/**
 * In SNAPSHOTS, the read model's statistics (one document): `maxDaysLate`, the most days
 * any movement was back-dated (a query looking for entries back-dated to a date needs to
 * look no further than that many days after it), and per fiscal year (`years`, v12) where
 * its lines' back-dated trees can still matter (yearStats below).
 */
export const LATENESS = 'lateness';

/**
 * Per fiscal year, over its lines: `e`, the latest effective week of any movement on the
 * effective axis (the largest `effMax`), and `l`, the latest recorded week any movement
 * was filed in the tree of back-dated movements (the largest week in any node's `vs`).
 * A year whose `e` is before a query's week has every line settled there (totals stand),
 * so its tree's nodes need no reading; on both axes, when also nothing was filed in its
 * trees from the query's recorded week on, each node is as it stood then and the nodes
 * before the week sum to the lines' whole back-dated part (`late`). An all-years report
 * then reads the nodes of the current year only (at 1M: ~1,200 of ~3,700).
 */
export interface YearStats {
  readonly e?: string;
  readonly l?: string;
}

export function yearStats(stats: Doc | null): Readonly<Record<string, YearStats>> | null {
  const years = stats?.years;
  return years && typeof years === 'object' && !Array.isArray(years)
    ? (years as Record<string, YearStats>)
    : null;
}

/**
 * r, e: the dense snapshots of each axis; f: the nodes of the back-dated movements' tree;
 * v: a node as it stood at the end of a recorded week; d: a line's deadline (`d|<line>`,
 * balances.projection.ts).
 */
export type Axis = 'r' | 'e' | 'f' | 'v' | 'd';

export function snapshotId(axis: Axis, week: string, lineId: string): string {
  return `${axis}|${week}|${lineId}`;
}

/**
 * The line of a snapshot, node or version: the last part of its id (line ids hold no
 * `|`). Not stored apart since v11: a report reads ~1,000 to 4,000 of these documents,
 * and the field was a sixth of each.
 */
export function snapshotLine(doc: Doc): string {
  return doc.id.slice(doc.id.lastIndexOf('|') + 1);
}

/** The version of a node of the back-dated tree as it stood at the end of `recWeek`. */
export function versionId(node: string, recWeek: string, lineId: string): string {
  return snapshotId('v', `${node}|${recWeek}`, lineId);
}

/** A node's recorded weeks of change (weekNumber), oldest first. */
export function versionsOf(node: Doc | null): readonly number[] {
  const vs = node?.vs;
  return Array.isArray(vs) ? (vs as number[]) : [];
}

/** Nonzero columns only, as decimal strings: absent means zero. */
export function sparseWire(amounts: Deltas): Record<string, string> {
  const out: Record<string, string> = {};
  for (const column of BALANCE_COLUMNS) {
    const value = amounts[column];
    if (value !== undefined && value !== 0n) out[column] = value.toString();
  }
  return out;
}

function field(doc: Doc | null, name: string): string | undefined {
  const value = doc?.[name];
  return typeof value === 'string' ? value : undefined;
}

export interface LineScope {
  readonly lineId: string;
  readonly fiscalYear: number;
  readonly unit: string;
}

/** Back-dated across a week boundary: filed in the tree of back-dated movements. */
function backDatedAcrossWeeks(event: RecordedEvent): boolean {
  const { effectiveDate, recordedAt } = event.metadata;
  return weekOf(effectiveDate) < weekOf(businessDate(recordedAt));
}

/**
 * The documents an event may update besides its line (none for non-money events): the
 * largest lateness seen, and for a movement back-dated across weeks the nodes of its
 * line's tree that hold its effective week. Snapshots are only ever written forward, from
 * the line's own document: they need no reading.
 */
export function snapshotReads(event: RecordedEvent): DocRef[] {
  if (event.type === 'BudgetLineOpened') return [];
  const refs: DocRef[] = [{ collection: SNAPSHOTS, id: LATENESS }];
  const lineId = str<BudgetLineEvent>(event, 'budgetLineId');
  // The root of the line's tree: its back-dated part, which the dense snapshots leave out.
  if (!backDatedAcrossWeeks(event)) return [...refs, { collection: SNAPSHOTS, id: rootId(lineId) }];
  for (const node of nodesHolding(event.metadata.effectiveDate)) {
    refs.push({ collection: SNAPSHOTS, id: snapshotId('f', node, lineId) });
  }
  return refs;
}

function snapshot(
  axis: Axis,
  week: string,
  scope: LineScope,
  c: Counted,
  extra: Record<string, DocumentValue> = {},
  id = snapshotId(axis, week, scope.lineId),
): Write {
  return {
    op: 'put',
    collection: SNAPSHOTS,
    doc: {
      id,
      axis,
      week,
      fiscalYear: scope.fiscalYear,
      unit: scope.unit,
      ...countedToDoc(c),
      ...extra,
    },
  };
}

/**
 * Adds a back-dated movement recorded in `recWeek` (not behind its line) to a node of the
 * line's tree: the node, and in the first change of a recorded week the copy of the node
 * as it stood at the end of its previous one (see the header).
 */
function nodeWrites(
  lookup: DocLookup,
  node: string,
  recWeek: string,
  scope: LineScope,
  one: Counted,
): Write[] {
  const stored = lookup(SNAPSHOTS, snapshotId('f', node, scope.lineId));
  const counted = countedFromDoc(stored);
  const versions = versionsOf(stored);
  const latest = versions.at(-1);
  const at = weekNumber(recWeek);
  const writes: Write[] = [];
  if (latest !== undefined && latest > at) {
    throw new RangeError(`${scope.lineId}: node ${node} versioned after ${recWeek}`);
  }
  if (latest !== undefined && latest < at) {
    const then = weekOfNumber(latest);
    writes.push(snapshot('v', node, scope, counted, {}, versionId(node, then, scope.lineId)));
  }
  const vs = latest === at ? [...versions] : [...versions, at];
  writes.push(snapshot('f', node, scope, plus(counted, one), { vs }));
  return writes;
}

/**
 * The root node of a line's tree of back-dated movements: their totals and count (the
 * line's "late" part; v12 keeps it there only, not in the line's document too, which the
 * reports read one a line).
 */
export function rootId(lineId: string): string {
  return snapshotId('f', ROOT_NODE, lineId);
}

/** A part of the line kept apart (early): its columns and its count of movements. */
export function countedOf(line: Doc | null, name: string, countName: string): Counted {
  const part = line?.[name];
  const amounts = amountsFromDoc(
    part && typeof part === 'object' && !Array.isArray(part) ? part : null,
  );
  const n = line?.[countName];
  return { n: typeof n === 'number' ? n : 0, amounts };
}

/**
 * The line's movements filed out of order, per axis (see the header): trees over weeks,
 * and `l`, the back-dated ones recorded behind the line by both weeks
 * (`<effective week>|<recorded week>` → their totals).
 */
export function behindOf(line: Doc | null): {
  r: EmbeddedTree;
  e: EmbeddedTree;
  l: EmbeddedTree;
} {
  const behind = line?.behind;
  const trees = behind && typeof behind === 'object' && !Array.isArray(behind) ? behind : {};
  return { r: embeddedTree(trees.r), e: embeddedTree(trees.e), l: embeddedTree(trees.l) };
}

function pairAdd(pairs: EmbeddedTree, effWeek: string, recWeek: string, c: Counted): EmbeddedTree {
  const key = `${effWeek}|${recWeek}`;
  return { ...pairs, [key]: countedToDoc(plus(countedFromDoc(pairs[key]), c)) };
}

/**
 * The snapshot writes of one movement, and the line document's new bookkeeping fields:
 * moves (count), recWeek (latest recorded week), effMax (latest effective week of the
 * snapshots), earlyMoves/early (future-dated movements), behind/outOfOrder (movements
 * filed out of order, in the line's own trees). The late part (back-dated across weeks, in
 * the tree: all but those recorded behind the line) is the tree's root node (rootId).
 * `before` are the line's totals before the movement.
 */
export function trackMovement(
  lookup: DocLookup,
  line: Doc | null,
  before: Amounts,
  event: RecordedEvent,
  deltas: Deltas,
  scope: LineScope,
): { fields: Record<string, DocumentValue>; writes: Write[]; lag: Lag } {
  const { effectiveDate, recordedAt } = event.metadata;
  const lag = lagOf(effectiveDate, recordedAt);
  const moves = typeof line?.moves === 'number' ? line.moves : 0;
  const all: Counted = { n: moves, amounts: before };
  const one: Counted = { n: 1, amounts: addDeltas(ZERO_AMOUNTS, deltas) };
  const writes: Write[] = [];
  const behind = behindOf(line);
  // The early and late parts are decoded only when this movement needs them (most do not:
  // the line document and the root node keep them as they are). So are the dense
  // snapshots' totals.
  let early: Counted | undefined;
  let late: Counted | undefined;
  const earlyPart = (): Counted => (early ??= countedOf(line, 'early', 'earlyMoves'));
  const latePart = (): Counted =>
    (late ??= countedFromDoc(lookup(SNAPSHOTS, rootId(scope.lineId))));
  /** What this movement adds to the early part (written anew below). */
  let toEarly: Counted | undefined;
  /** Filed in the tree (its nodes, the root among them, written below). */
  let filedInTree = false;

  // Recorded axis: the weeks since the line's latest movement get its totals before this
  // one (less those filed behind); one recorded behind that week is filed behind.
  const recWeek = weekOf(businessDate(recordedAt));
  let lastRecWeek = field(line, 'recWeek');
  const recordedBehind = lastRecWeek !== undefined && recWeek < lastRecWeek;
  if (recordedBehind) {
    behind.r = treeAdd(behind.r, recWeek, one);
  } else {
    if (lastRecWeek !== undefined && recWeek > lastRecWeek) {
      const dense = plus(all, treeTotal(behind.r), -1);
      for (const w of weeksBetween(lastRecWeek, recWeek))
        writes.push(snapshot('r', w, scope, dense));
    }
    lastRecWeek = recWeek;
  }

  // Effective axis: likewise forward, from the movements in neither tree nor early.
  let effMax = field(line, 'effMax');
  if (lag === 'early') {
    toEarly = plus(earlyPart(), one);
  } else {
    const week = weekOf(effectiveDate);
    if (effMax !== undefined && week > effMax) {
      const dense = plus(plus(plus(all, earlyPart(), -1), latePart(), -1), treeTotal(behind.e), -1);
      for (const w of weeksBetween(effMax, week)) writes.push(snapshot('e', w, scope, dense));
    }
    if (backDatedAcrossWeeks(event) && recordedBehind) {
      behind.e = treeAdd(behind.e, week, one);
      behind.l = pairAdd(behind.l, week, recWeek, one);
    } else if (backDatedAcrossWeeks(event)) {
      filedInTree = true;
      for (const node of nodesHolding(week))
        writes.push(...nodeWrites(lookup, node, recWeek, scope, one));
    } else if (effMax !== undefined && week < effMax) {
      behind.e = treeAdd(behind.e, week, one);
    }
    if (effMax === undefined || week > effMax) effMax = week;
  }

  const fields: Record<string, DocumentValue> = {
    moves: moves + 1,
    recWeek: lastRecWeek ?? recWeek,
  };
  if (effMax !== undefined) fields.effMax = effMax;
  // Only a part this movement changed is written anew; the others stay as the line keeps them.
  if (toEarly) Object.assign(fields, { early: sparseWire(toEarly.amounts), earlyMoves: toEarly.n });
  if (Object.keys(behind.r).length + Object.keys(behind.e).length > 0) {
    fields.behind = Object.keys(behind.l).length > 0 ? behind : { r: behind.r, e: behind.e };
    fields.outOfOrder = 1;
  }
  const stats = statsWrite(lookup(SNAPSHOTS, LATENESS), {
    fiscalYear: scope.fiscalYear,
    days: daysLate(effectiveDate, recordedAt),
    effMax,
    lateRec: filedInTree ? recWeek : undefined,
  });
  if (stats) writes.push(stats);
  return { fields, writes, lag };
}

/**
 * The statistics document anew when this movement raises one of its figures (the most
 * days late; its year's latest effective week or latest recorded week in the tree): about
 * once a week per year, not per movement.
 */
function statsWrite(
  stats: Doc | null,
  moved: { fiscalYear: number; days: number; effMax?: string; lateRec?: string },
): Write | null {
  const maxDaysLate = Number(stats?.maxDaysLate ?? 0);
  const years = yearStats(stats) ?? {};
  const year = years[moved.fiscalYear] ?? {};
  const e = moved.effMax !== undefined && moved.effMax > (year.e ?? '') ? moved.effMax : year.e;
  const l = moved.lateRec !== undefined && moved.lateRec > (year.l ?? '') ? moved.lateRec : year.l;
  if (moved.days <= maxDaysLate && e === year.e && l === year.l) return null;
  const now: Record<string, string> = {};
  if (e !== undefined) now.e = e;
  if (l !== undefined) now.l = l;
  return {
    op: 'put',
    collection: SNAPSHOTS,
    doc: {
      id: LATENESS,
      axis: 'stats',
      maxDaysLate: Math.max(maxDaysLate, moved.days),
      years: { ...(years as Record<string, DocumentValue>), [moved.fiscalYear]: now },
    },
  };
}
