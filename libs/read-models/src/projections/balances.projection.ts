import { available, parseBudgetLineId, type BudgetLineEvent } from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import type { Doc, DocumentValue, Write } from '../document-store.port';
import type { DocLookup, Projection } from '../projection';
import { SNAPSHOTS, snapshotReads, sparseWire, trackMovement } from './balance-snapshots';
import { lineEventOf, str, type StoredLineEvent } from './event-fields';
import { crossingKey } from './time-axes';
import {
  addDeltas,
  amountsFromDoc,
  BALANCE_COLUMNS,
  lineDeltas,
  onMoneyDate,
  type Amounts,
} from './line-deltas';

export const LINES = 'lines';
export const MOVEMENTS = 'movements';
export { SNAPSHOTS, LATENESS } from './balance-snapshots';

// Names checked against the domain's union of line events: a renamed event fails here.
const LINE_EVENTS = new Set<BudgetLineEvent['type']>([
  'BudgetLineOpened',
  'FundsAllocated',
  'FundsCarriedIn',
  'FundsCarriedOut',
  'FundsTransferredIn',
  'FundsTransferredOut',
  'TransferOutReversed',
  'FundsCancelled',
  'CarryOverLapsed',
  'ExpenditureLapsed',
  'LapseCorrected',
  'FundsReturned',
  'CarryOverDeadlineExtended',
  'ExpenditureApproved',
  'ExpenditureDisbursed',
  'ExpenditureSentToTreasury',
  'ExpenditureRefusedByTreasury',
  'ExpenditureReversed',
  'AdvanceSettled',
  'AdvanceRecovered',
]);

/** Back-dated movements only: where a query for those crossing a date finds it. */
function crossingField(event: RecordedEvent): { crossing?: string } {
  const key = crossingKey(event.metadata.effectiveDate, event.metadata.recordedAt);
  return key === null ? {} : { crossing: key };
}

/**
 * A carried-over line's deadline as its events set it: the carry-over's, with its basis
 * (events before 0.9.0 carry none: the default) and the decision that set it (or stated
 * none), then each extension's, with its decision. Each setting is also kept with both of
 * its dates (`deadlineSettings`: one per carry-in or extension, so a handful per line), so
 * an as-of / known-at answer shows the deadline in effect then as known then.
 */
function deadlineFields(recorded: RecordedEvent, line: Doc): Record<string, DocumentValue> {
  const event = lineEventOf(recorded);
  if (event.type === 'FundsTransferredIn') return carriedDeadlineFields(event, line);
  if (event.type !== 'FundsCarriedIn' && event.type !== 'CarryOverDeadlineExtended') return {};
  const dated = { on: event.metadata.effectiveDate, at: event.metadata.recordedAt };
  const settings = Array.isArray(line.deadlineSettings) ? line.deadlineSettings : [];
  if (event.type === 'FundsCarriedIn') {
    const fields = {
      carryOverDeadline: event.data.deadline,
      // Carry-overs recorded before 0.9.0 state no basis: the default deadline.
      deadlineBasis: event.data.deadlineBasis === 'decision' ? 'decision' : 'default',
      // The first carry-in's decision set the deadline; a later one under the same deadline
      // does not change it (the domain's rule, BudgetLineState.deadlineDecision).
      deadlineDecision:
        typeof line.deadlineDecision === 'string' ? line.deadlineDecision : event.data.decision,
    };
    return { ...fields, deadlineSettings: [...settings, { ...dated, ...fields }] };
  }
  // Typed as required, but read defensively: an extension cites its decision.
  const cited: unknown = event.data.decision?.number;
  const number = typeof cited === 'string' ? cited : '';
  const before = Array.isArray(line.deadlineExtensions)
    ? (line.deadlineExtensions as string[])
    : [];
  const { deadline } = event.data;
  return {
    carryOverDeadline: deadline,
    deadlineExtensions: [...before, number],
    deadlineSettings: [...settings, { ...dated, carryOverDeadline: deadline, extension: number }],
    lapsed: false,
  };
}

/**
 * The deadline reallocated carried-over money keeps, on a line that had none (as the line's
 * own state takes it): set like a carry-in's, with the decision that set it at the source,
 * then one setting per extension it carried, so as-of answers read it as they read those.
 */
function carriedDeadlineFields(
  event: Extract<StoredLineEvent, { type: 'FundsTransferredIn' }>,
  line: Doc,
): Record<string, DocumentValue> {
  const carried = event.data.carriedDeadline;
  if (!carried || typeof line.carryOverDeadline === 'string') return {};
  const dated = { on: event.metadata.effectiveDate, at: event.metadata.recordedAt };
  const settings = Array.isArray(line.deadlineSettings) ? line.deadlineSettings : [];
  const fields = {
    carryOverDeadline: carried.deadline,
    deadlineBasis: carried.deadlineBasis === 'decision' ? 'decision' : 'default',
    deadlineDecision: carried.decision ?? null,
  };
  const extensions = [...carried.extensions];
  const extended = extensions.map((extension) => ({
    ...dated,
    carryOverDeadline: carried.deadline,
    extension,
  }));
  return {
    ...fields,
    deadlineExtensions: extensions,
    deadlineSettings: [...settings, { ...dated, ...fields }, ...extended],
  };
}

/** A line's deadline as its document keeps it (deadlineFields): what a deadline document copies. */
const DEADLINE_FIELDS = [
  'carryOverDeadline',
  'deadlineBasis',
  'deadlineDecision',
  'deadlineExtensions',
  'deadlineSettings',
] as const;

/**
 * A line's deadline on its own (v12): `d|<line>` in SNAPSHOTS, rewritten with the line
 * whenever an event sets its deadline (a carry-in, an extension: a few per line). A
 * time-travel report shows each carried-over line's deadline then: it reads these
 * (~250 bytes) instead of the lines' documents (~900 bytes with their trees and totals).
 */
function deadlineDoc(line: Doc, scope: { fiscalYear: number; unit: string }): Write {
  const doc: Record<string, DocumentValue> = {
    id: `d|${line.id}`,
    axis: 'd',
    // Its week is none: a report finds them all by `axis`, the snapshots' index.
    week: '',
    fiscalYear: scope.fiscalYear,
    unit: scope.unit,
  };
  for (const field of DEADLINE_FIELDS) if (line[field] !== undefined) doc[field] = line[field]!;
  return { op: 'put', collection: SNAPSHOTS, doc: doc as Doc };
}

/** The line document's totals: every field totalsToDoc may write (or leave out). */
const TOTAL_FIELDS = new Set<string>([...BALANCE_COLUMNS, 'available']);

/** The line's other fields (its key, deadline, bookkeeping), to be written with new totals. */
function withoutTotals(line: Doc): Doc {
  const out: Record<string, DocumentValue> = {};
  for (const key in line) if (!TOTAL_FIELDS.has(key)) out[key] = line[key]!;
  return out as Doc;
}

/**
 * A line's totals as stored: nonzero columns only (absent is zero, as in snapshots), and
 * `available`, which the plan's report sums per part, when nonzero. Half the size of
 * every column written out (v10): a report reads up to one line document per line.
 */
function totalsToDoc(amounts: Amounts): Record<string, string> {
  const out = sparseWire(amounts);
  const left = available(amounts);
  if (left !== 0n) out.available = left.toString();
  return out;
}

function unitOf(line: Doc): string {
  if (typeof line.unit !== 'string') throw new TypeError(`${line.id}: no unit`);
  return line.unit;
}

/**
 * The key fields a line document keeps (v12): those its indexes and the plan's sums use.
 * Its fund source and source year are read from its id (parseBudgetLineId), by every
 * report alike.
 */
function lineKeyFields(lineId: string): Record<string, string | number | boolean> {
  const { fiscalYear, programPart, unit, sourceYear } = parseBudgetLineId(lineId);
  return { fiscalYear, programPart, unit, carriedOver: sourceYear < fiscalYear };
}

/**
 * Balances: the current balance of every line (`lines`), one movement per money event
 * (`movements`: its line, both dates, where its effective date stands against its recorded
 * day, and the columns it moves) and per-line snapshots and trees on both time axes
 * (`balanceSnapshots`, see balance-snapshots.ts). A balance as of any effective date and as
 * known at any instant is a few documents per line plus the movements near it — no replay.
 *
 * Version 6: snapshots and the lines' bookkeeping for them; compact movements.
 * Version 7 (0.9.0): the `returned` column, lapsed commitments and lapse corrections;
 * each carried-over line's deadline with its basis and extensions.
 * Version 8: the decision that set the deadline, and every setting of it with its dates.
 * Version 9: back-dated movements in a per-line tree over effective weeks (O(log n) writes
 * each, not one per week of lateness), movements out of order in the line's own trees —
 * no global "recorded out of order" flag and no summing fallback; and advances paid, settled
 * and recovered (columns `advanced`, `advanceSettled`, `advanceRecovered`; open advances
 * are their difference, `advancesOpen` on the wire).
 * The `awaitingTreasury` column (dossiers at the Treasury, 0.9.0) came with it too.
 * Version 10: the back-dated tree's nodes versioned by recorded week (`vs`, v|N|R|line),
 * so that a query on both axes is O(log n) documents a line too, whatever the lateness;
 * back-dated movements recorded behind their line in `behind.e` and `behind.l`.
 * Version 11: smaller documents for the reports that read one or more a line — a line's
 * nonzero totals only (and `available`; no `advancesOpen`, `lastPosition`, `updatedAt`,
 * which nothing read), snapshots and nodes without `lineId` (the tail of their id).
 * Version 12: per fiscal year, the latest effective week and the latest recorded week of
 * the back-dated trees (`years` in the statistics document, yearStats): a report skips the
 * tree nodes of years whose lines are all settled at its point; and each line's deadline in
 * a small document of its own (`d|line`), which such a report reads instead of the lines'.
 * Version 13: a line with two carry-ins under one deadline keeps the first's decision as
 * `deadlineDecision`, as the domain and the as-of read do (it kept the last).
 */
export const balancesProjection: Projection = {
  name: 'balances',
  version: 13,
  collections: {
    // A time-travel query reads only the lines it needs: carried over (their deadline),
    // filed out of order (their trees), nothing on the point's axis since (effMax, recWeek).
    // A one-year report reads them through the year first: on `carriedOver` or `effMax`
    // alone SQLite ranges over every year's lines (~1 kB each) and filters the year out.
    [LINES]: [
      ['fiscalYear'],
      ['unit'],
      ['carriedOver'],
      ['outOfOrder'],
      ['effMax'],
      ['recWeek'],
      ['fiscalYear', 'carriedOver'],
      ['fiscalYear', 'effMax'],
      ['fiscalYear', 'recWeek'],
    ],
    // The movements near a point on either axis, and the back- or future-dated ones; with
    // the fiscal year first for one year's report (a filter on a field outside the index
    // would read every other year's movement in the range too).
    [MOVEMENTS]: [
      ['recordedAt'],
      ['effectiveDate'],
      ['lag', 'recordedAt'],
      ['fiscalYear', 'recordedAt'],
      ['fiscalYear', 'effectiveDate'],
      // Back-dated movements crossing a date (time-axes.ts), recorded in a range.
      ['crossing', 'recordedAt'],
    ],
    [SNAPSHOTS]: [['axis', 'week', 'fiscalYear']],
  },
  handles: LINE_EVENTS,
  reads: (event) => [
    { collection: LINES, id: str<BudgetLineEvent>(event, 'budgetLineId') },
    ...snapshotReads(onMoneyDate(event)),
  ],
  evolve(lookup: DocLookup, recorded: RecordedEvent): Write[] {
    const event = onMoneyDate(recorded);
    const lineId = str<BudgetLineEvent>(event, 'budgetLineId');
    const current = lookup(LINES, lineId);
    const deltas = lineDeltas(event);
    const before = amountsFromDoc(current);
    const amounts = addDeltas(before, deltas ?? {});
    // The key's fields are parsed from the id once, when the line opens; then it keeps them.
    const base: Doc = current ?? {
      id: lineId,
      ...lineKeyFields(lineId),
      carryOverDeadline: null,
      lapsed: false,
    };
    const writes: Write[] = [];
    let tracking = {};
    if (deltas) {
      const scope = { lineId, fiscalYear: Number(base.fiscalYear), unit: unitOf(base) };
      const tracked = trackMovement(lookup, current, before, event, deltas, scope);
      tracking = tracked.fields;
      writes.push(...tracked.writes, {
        op: 'put',
        collection: MOVEMENTS,
        doc: {
          id: event.id,
          ...scope,
          type: event.type,
          lag: tracked.lag,
          ...crossingField(event),
          effectiveDate: event.metadata.effectiveDate,
          recordedAt: event.metadata.recordedAt,
          ...sparseWire(deltas),
        },
      });
    }
    const deadline = deadlineFields(event, base);
    const line: Doc = {
      ...withoutTotals(base),
      id: lineId,
      ...totalsToDoc(amounts),
      ...deadline,
      ...(event.type === 'CarryOverLapsed' ? { lapsed: true } : {}),
      ...tracking,
    };
    if (Object.keys(deadline).length > 0) {
      writes.push(deadlineDoc(line, { fiscalYear: Number(base.fiscalYear), unit: unitOf(base) }));
    }
    writes.unshift({ op: 'put', collection: LINES, doc: line });
    return writes;
  },
};
