import type { BudgetLineEvent } from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import type { Doc, DocumentValue, Write } from '../document-store.port';
import type { DocLookup, DocRef } from '../projection';
import { str } from './event-fields';
import {
  addDeltas,
  amountsFromDoc,
  BALANCE_COLUMNS,
  type Amounts,
  type Deltas,
} from './line-deltas';
import {
  addWeeks,
  businessDate,
  daysLate,
  lagOf,
  weekOf,
  weeksBetween,
  type Lag,
} from './time-axes';

/*
 * Weekly per-line snapshots on both time axes, so that a time-travel report reads one
 * document per line plus the few movements since the snapshot, instead of summing every
 * movement (O(lines), not O(movements)).
 *
 * Recorded axis ('r'): r|W|line = the line's totals over the movements recorded before
 * week W began. Recording only moves forward, so a snapshot never changes once written:
 * it is written when the line's first movement after W arrives, for every week since the
 * line's previous movement (dense between its first and last movement, so a query finds
 * every line's snapshot for a week with one range read).
 *
 * Effective axis ('e'): e|W|line = the line's totals over the movements effective before
 * week W, as known now, counting only movements that are not future-dated ("early": those
 * are rare, and a query adds them one by one). A back-dated movement changes the snapshots
 * of the weeks after its effective date; those weeks all lie between its effective week
 * and the week it is recorded in (nothing later is effective yet, bar early ones), so the
 * documents to update are known from the event alone (`reads`). That costs one write per
 * week of lateness: ~0.3 writes per movement on the generated histories.
 *
 * Both rest on each line's movements being recorded in (nearly) non-decreasing time. The
 * store records under its write lock, so that holds unless the clock steps back. A movement
 * recorded up to RECORDING_SLACK_WEEKS behind its line's latest week updates the snapshots
 * after it in place (the weeks are named by `reads`); further back, the projection says so
 * (CLOCK_FLAG) and the queries sum the movements instead: slower, still exact.
 */

export const SNAPSHOTS = 'balanceSnapshots';
/** Present in SNAPSHOTS once a line's movements were recorded out of time order. */
export const CLOCK_FLAG = 'recorded-out-of-order';
/**
 * In SNAPSHOTS: `maxDaysLate`, the most days any movement was back-dated. A query looking
 * for entries back-dated to a date needs to look no further than that many days after it.
 */
export const LATENESS = 'lateness';

export type Axis = 'r' | 'e';

export function snapshotId(axis: Axis, week: string, lineId: string): string {
  return `${axis}|${week}|${lineId}`;
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

function subtract(a: Amounts, b: Amounts): Amounts {
  const out = { ...a };
  for (const column of BALANCE_COLUMNS) out[column] -= b[column];
  return out;
}

function field(doc: Doc | null, name: string): string | undefined {
  const value = doc?.[name];
  return typeof value === 'string' ? value : undefined;
}

function count(doc: Doc | null, name: string): number {
  const value = doc?.[name];
  return typeof value === 'number' ? value : 0;
}

export interface LineScope {
  readonly lineId: string;
  readonly fiscalYear: number;
  readonly unit: string;
}

/**
 * How far back (in weeks) a movement may be recorded behind its line's latest one and
 * still update the snapshots in place: a clock stepping back by a few days, or entries
 * stamped a little out of order. Further back, the queries fall back to summing.
 */
const RECORDING_SLACK_WEEKS = 1;

/**
 * The snapshots an event may update (none for non-money events): on the recorded axis
 * the weeks it may be recorded behind its line's latest movement; on the effective axis,
 * unless it is future-dated, the weeks from its effective date to its recorded week.
 */
export function snapshotReads(event: RecordedEvent): DocRef[] {
  if (event.type === 'BudgetLineOpened') return [];
  const { effectiveDate, recordedAt } = event.metadata;
  const lineId = str<BudgetLineEvent>(event, 'budgetLineId');
  const recWeek = weekOf(businessDate(recordedAt));
  const horizon = addWeeks(recWeek, RECORDING_SLACK_WEEKS);
  const refs = weeksBetween(recWeek, horizon).map((week) => ({
    collection: SNAPSHOTS,
    id: snapshotId('r', week, lineId),
  }));
  refs.push({ collection: SNAPSHOTS, id: LATENESS });
  if (lagOf(effectiveDate, recordedAt) === 'early') return refs;
  for (const week of weeksBetween(weekOf(effectiveDate), horizon)) {
    refs.push({ collection: SNAPSHOTS, id: snapshotId('e', week, lineId) });
  }
  return refs;
}

function snapshot(axis: Axis, week: string, scope: LineScope, n: number, amounts: Amounts): Write {
  return {
    op: 'put',
    collection: SNAPSHOTS,
    doc: {
      id: snapshotId(axis, week, scope.lineId),
      axis,
      week,
      lineId: scope.lineId,
      fiscalYear: scope.fiscalYear,
      unit: scope.unit,
      n,
      ...sparseWire(amounts),
    },
  };
}

const clockFlag: Write = {
  op: 'put',
  collection: SNAPSHOTS,
  doc: { id: CLOCK_FLAG, axis: 'flag' },
};

/**
 * The snapshot writes of one movement, and the line document's new bookkeeping fields:
 * moves (count), recWeek (latest recorded week), effMin/effMax (span of the snapshots on the
 * effective axis), earlyMoves/early (future-dated movements, kept out of that axis).
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
  const moves = count(line, 'moves');
  const writes: Write[] = [];
  let disordered = false;

  // Recorded axis: fill the weeks since the line's previous movement with its totals;
  // a movement recorded behind that week counts in the snapshots after its own week.
  const recWeek = weekOf(businessDate(recordedAt));
  const horizon = addWeeks(recWeek, RECORDING_SLACK_WEEKS);
  const lastRecWeek = field(line, 'recWeek');
  // Further behind than the slack, the weeks to update were not named by `reads`: only the
  // flag is written (a lookup of them would see whatever the runner happened to hold).
  if (lastRecWeek !== undefined && lastRecWeek > horizon) {
    disordered = true;
  } else if (lastRecWeek !== undefined && lastRecWeek > recWeek) {
    for (const w of weeksBetween(recWeek, lastRecWeek)) {
      const stored = lookup(SNAPSHOTS, snapshotId('r', w, scope.lineId));
      if (!stored) disordered = true;
      writes.push(
        snapshot('r', w, scope, count(stored, 'n') + 1, addDeltas(amountsFromDoc(stored), deltas)),
      );
    }
  } else if (lastRecWeek !== undefined) {
    for (const week of weeksBetween(lastRecWeek, recWeek)) {
      writes.push(snapshot('r', week, scope, moves, before));
    }
  }
  const fields: Record<string, DocumentValue> = {
    moves: moves + 1,
    recWeek: lastRecWeek !== undefined && lastRecWeek > recWeek ? lastRecWeek : recWeek,
  };

  const earlyMoves = count(line, 'earlyMoves');
  const earlyDoc = line?.early;
  const early = amountsFromDoc(
    earlyDoc && typeof earlyDoc === 'object' && !Array.isArray(earlyDoc) ? earlyDoc : null,
  );
  let effMin = field(line, 'effMin');
  let effMax = field(line, 'effMax');
  if (lag === 'early') {
    fields.earlyMoves = earlyMoves + 1;
    fields.early = sparseWire(addDeltas(early, deltas));
  } else {
    if (earlyMoves > 0) {
      fields.earlyMoves = earlyMoves;
      fields.early = sparseWire(early);
    }
    const week = weekOf(effectiveDate);
    if (effMin === undefined || effMax === undefined) {
      effMin = effMax = week;
    } else {
      // Effective after the weeks `reads` named: recorded further out of order than the
      // slack. The flag alone is written; the snapshots past the horizon are not read.
      const beyondReads = effMax > horizon;
      if (beyondReads) disordered = true;
      if (week > effMax) {
        const regular = subtract(before, early);
        for (const w of weeksBetween(effMax, week)) {
          writes.push(snapshot('e', w, scope, moves - earlyMoves, regular));
        }
        effMax = week;
      }
      // Every snapshot after the movement's week counts it from now on.
      for (const w of beyondReads ? [] : weeksBetween(week, effMax)) {
        const stored = w > effMin ? lookup(SNAPSHOTS, snapshotId('e', w, scope.lineId)) : null;
        if (w > effMin && !stored) disordered = true;
        writes.push(
          snapshot(
            'e',
            w,
            scope,
            count(stored, 'n') + 1,
            addDeltas(amountsFromDoc(stored), deltas),
          ),
        );
      }
      if (week < effMin) effMin = week;
    }
  }
  if (effMin !== undefined && effMax !== undefined) {
    fields.effMin = effMin;
    fields.effMax = effMax;
  }
  if (disordered) writes.push(clockFlag);
  const late = daysLate(effectiveDate, recordedAt);
  const lateness = lookup(SNAPSHOTS, LATENESS);
  if (late > 0 && late > count(lateness, 'maxDaysLate')) {
    writes.push({
      op: 'put',
      collection: SNAPSHOTS,
      doc: { id: LATENESS, axis: 'stats', maxDaysLate: late },
    });
  }
  return { fields, writes, lag };
}
