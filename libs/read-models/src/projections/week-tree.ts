import type { DocumentValue } from '../document-store.port';
import { amountsFromDoc, BALANCE_COLUMNS, ZERO_AMOUNTS, type Amounts } from './line-deltas';
import { addWeeks, weekOf } from './time-axes';

/*
 * A Fenwick (binary indexed) tree over weeks: the totals of the movements filed at a week
 * are kept in the O(log n) nodes whose ranges hold that week, so that adding a movement
 * touches those nodes only, and the totals before any week are the sum of O(log n) nodes
 * (whose ranges partition every week before it). A node is named by the last week of its
 * range; the same week always names the same node, so a query reads the same node names
 * for every line.
 *
 * Weeks are numbered from the week of 5/1/1970 (a Monday) in a universe of 2^13 weeks (to
 * 2127): at most 14 nodes a side. A week before it counts as that first week, one after
 * it as the last (no ledger of this programme dates money outside them).
 */

const EPOCH = '1970-01-05';
const LEVELS = 13;
const SIZE = 2 ** LEVELS;
const WEEK_MS = 7 * 86_400_000;

/** The 1-based number of a week, unclamped. */
function rawIndex(week: string): number {
  return Math.round((Date.parse(weekOf(week)) - Date.parse(EPOCH)) / WEEK_MS) + 1;
}

function weekAt(index: number): string {
  return addWeeks(EPOCH, index - 1);
}

/** A week's number in the tree's universe (clamped to it): how node versions name weeks. */
export function weekNumber(week: string): number {
  return Math.min(SIZE, Math.max(1, rawIndex(week)));
}

/** The week (its Monday) of a number from weekNumber. */
export function weekOfNumber(index: number): string {
  return weekAt(index);
}

const lowBit = (i: number): number => i & -i;

/** Remembered per date (a replay asks for the same few thousand again and again). */
const holding = new Map<string, readonly string[]>();

/** The nodes a movement filed at `week` (a week key, or any date in it) adds to. */
export function nodesHolding(week: string): readonly string[] {
  let nodes = holding.get(week);
  if (!nodes) {
    const found: string[] = [];
    for (let i = Math.min(SIZE, Math.max(1, rawIndex(week))); i <= SIZE; i += lowBit(i))
      found.push(weekAt(i));
    nodes = Object.freeze(found);
    if (holding.size >= 20_000) holding.clear();
    holding.set(week, nodes);
  }
  return nodes;
}

/** The nodes whose sum is the totals of every week before `week` (a week key). */
export function nodesBefore(week: string): string[] {
  const nodes: string[] = [];
  for (let i = Math.min(SIZE, rawIndex(week) - 1); i > 0; i -= lowBit(i)) nodes.push(weekAt(i));
  return nodes;
}

/** Totals over some movements, and how many they are. */
export interface Counted {
  n: number;
  amounts: Amounts;
}

export const NONE: Counted = { n: 0, amounts: ZERO_AMOUNTS };

export function plus(a: Counted, b: Counted, sign: 1 | -1 = 1): Counted {
  const amounts = { ...a.amounts };
  for (const column of BALANCE_COLUMNS) amounts[column] += BigInt(sign) * b.amounts[column];
  return { n: a.n + sign * b.n, amounts };
}

/** Stored form: the count, and the nonzero columns as decimal strings. */
export function countedToDoc(c: Counted): Record<string, DocumentValue> {
  const out: Record<string, DocumentValue> = { n: c.n };
  for (const column of BALANCE_COLUMNS) {
    if (c.amounts[column] !== 0n) out[column] = c.amounts[column].toString();
  }
  return out;
}

export function countedFromDoc(doc: DocumentValue | undefined): Counted {
  if (!isObject(doc)) return NONE;
  return { n: typeof doc.n === 'number' ? doc.n : 0, amounts: amountsFromDoc(doc) };
}

function isObject(value: DocumentValue | undefined): value is { [key: string]: DocumentValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A small tree kept inside a document (node → counted), for the rare movements a line
 * gets out of order: the same nodes as the tree kept in documents.
 */
export type EmbeddedTree = Readonly<Record<string, DocumentValue>>;

export function embeddedTree(value: DocumentValue | undefined): EmbeddedTree {
  return isObject(value) ? value : {};
}

export function treeAdd(tree: EmbeddedTree, week: string, c: Counted): EmbeddedTree {
  const out: Record<string, DocumentValue> = { ...tree };
  for (const node of nodesHolding(week)) {
    out[node] = countedToDoc(plus(countedFromDoc(tree[node]), c));
  }
  return out;
}

/** The movements of the tree filed before `week` (a week key). */
export function treeBefore(tree: EmbeddedTree, week: string): Counted {
  let sum = NONE;
  for (const node of nodesBefore(week)) sum = plus(sum, countedFromDoc(tree[node]));
  return sum;
}

/** The root: the node whose range is every week, so it holds every movement of the tree. */
export const ROOT_NODE = weekAt(SIZE);

export function treeTotal(tree: EmbeddedTree): Counted {
  return countedFromDoc(tree[ROOT_NODE]);
}
