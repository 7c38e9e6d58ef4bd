import type { RecordedEvent } from '@app/event-store';
import type { Doc, Write } from '../document-store.port';
import { evolveDocs } from '../runner/states';
import { balancesProjection, LINES, SNAPSHOTS } from './balances.projection';

const LINE = '2024.DA1.central.2024.UNIT-A';

function allocated(position: number, effectiveDate: string, recordedAt: string): RecordedEvent {
  return {
    id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    streamId: `budget-line-${LINE}`,
    revision: BigInt(position),
    position: BigInt(position),
    type: 'FundsAllocated',
    schemaVersion: 1,
    data: { budgetLineId: LINE, amount: '1000' },
    metadata: { actor: 't', correlationId: 'c', causationId: null, effectiveDate, recordedAt },
    previousHash: null,
    hash: '',
  };
}

/** Projects the events one by one on an in-memory copy; returns the last event's writes. */
function project(events: RecordedEvent[]): Write[] {
  const docs = new Map<string, Doc>();
  let last: readonly Write[] = [];
  for (const event of events) {
    const named = new Set(balancesProjection.reads(event).map((r) => `${r.collection}/${r.id}`));
    last = evolveDocs(
      balancesProjection,
      (collection, id) => {
        const key = `${collection}/${id}`;
        if (!named.has(key)) throw new Error(`read of ${key}, not named by reads`);
        return docs.get(key) ?? null;
      },
      event,
    );
    for (const w of last) if (w.op === 'put') docs.set(`${w.collection}/${w.doc.id}`, w.doc);
  }
  return [...last];
}

function snapshotWrites(writes: Write[]): Write[] {
  return writes.filter(
    (w) => w.collection === SNAPSHOTS && w.op === 'put' && w.doc.axis !== 'stats',
  );
}

describe('the balances snapshots of a back-dated movement', () => {
  // A line busy all year, then an entry back-dated by 1, 10 and 50 weeks.
  const year: RecordedEvent[] = [];
  for (let day = 0; day < 360; day += 3) {
    const date = new Date(Date.parse('2024-01-02') + day * 86_400_000).toISOString().slice(0, 10);
    year.push(allocated(year.length + 1, date, `${date}T03:00:00.000Z`));
  }
  const recordedAt = '2024-12-30T03:00:00.000Z';

  it.each([
    ['2024-12-20', 1],
    ['2024-10-21', 10],
    ['2024-01-08', 50],
  ])(
    'costs O(log n) writes, not one per week of lateness (effective %s, %i weeks late)',
    (effective) => {
      const writes = project([...year, allocated(year.length + 1, effective, recordedAt)]);
      const snapshots = snapshotWrites(writes);
      // The dense snapshots are not rewritten: only the tree's nodes holding its week.
      expect(snapshots.filter((w) => w.op === 'put' && w.doc.axis === 'e')).toEqual([]);
      expect(snapshots.length).toBeGreaterThan(0);
      expect(snapshots.length).toBeLessThanOrEqual(14);
      expect(writes.some((w) => w.collection === LINES)).toBe(true);
    },
  );

  it('versions a node once per recorded week: a copy on its first change of a week, none after', () => {
    const first = allocated(year.length + 1, '2024-01-08', recordedAt);
    const nextWeek = '2025-01-07T03:00:00.000Z';
    const second = allocated(year.length + 2, '2024-02-05', nextWeek);
    const third = allocated(year.length + 3, '2024-03-04', nextWeek);
    const kinds = (writes: Write[]) =>
      snapshotWrites(writes).map((w) => (w.op === 'put' ? w.doc.axis : null));
    const atSecond = kinds(project([...year, first, second]));
    const atThird = kinds(project([...year, first, second, third]));
    // The nodes both entries share (those above their weeks) are copied as they stood on
    // 30/12, then both updated; in the same recorded week, no copy again.
    expect(atSecond.filter((a) => a === 'v').length).toBeGreaterThan(0);
    expect(atSecond.filter((a) => a === 'f').length).toBeLessThanOrEqual(14);
    expect(atSecond.length).toBeLessThanOrEqual(28);
    expect(atThird.filter((a) => a === 'v')).toEqual([]);
    const nodes = project([...year, first, second]).filter(
      (w) => w.op === 'put' && w.doc.axis === 'f',
    );
    for (const w of nodes) {
      expect(w.op === 'put' && (w.doc.vs as number[]).length).toBeGreaterThanOrEqual(1);
    }
  });

  it("keeps its year's latest effective week and latest week filed in the tree, rewritten only when they move", () => {
    const stats = (writes: Write[]) =>
      writes.find((w) => w.op === 'put' && w.doc.axis === 'stats') ?? null;
    // The year's last on-time movement, the first of its week, moved the effective week;
    // nothing was filed in the tree yet.
    expect(stats(project(year))).toMatchObject({
      doc: { maxDaysLate: 0, years: { 2024: { e: '2024-12-23' } } },
    });
    // One back-dated across weeks: filed in the tree in the week it was recorded.
    const late = project([...year, allocated(year.length + 1, '2024-01-08', recordedAt)]);
    expect(stats(late)).toMatchObject({
      doc: { maxDaysLate: 357, years: { 2024: { e: '2024-12-23', l: '2024-12-30' } } },
    });
    // Again in the same week, nothing moves: no write.
    const again = project([
      ...year,
      allocated(year.length + 1, '2024-01-08', recordedAt),
      allocated(year.length + 2, '2024-02-05', '2024-12-31T03:00:00.000Z'),
    ]);
    expect(stats(again)).toBeNull();
  });

  it('writes no global flag for a movement recorded a year behind its line', () => {
    const writes = project([
      ...year,
      allocated(year.length + 1, '2023-12-01', '2023-12-01T03:00:00.000Z'),
    ]);
    const line = writes.find((w) => w.collection === LINES);
    expect(line?.op === 'put' && line.doc.outOfOrder).toBe(1);
    expect(
      writes.filter((w) => w.collection === SNAPSHOTS && w.op === 'put' && w.doc.id !== 'lateness'),
    ).toEqual([]);
  });
});

describe('the line document (v11: nonzero totals only)', () => {
  function moved(position: number, type: string, data: object): RecordedEvent {
    return {
      ...allocated(position, '2024-03-04', '2024-03-04T03:00:00.000Z'),
      type,
      data: { budgetLineId: LINE, ...data },
    };
  }
  function lineOf(writes: Write[]): Doc {
    const put = writes.find((w) => w.op === 'put' && w.collection === LINES);
    if (!put || put.op !== 'put') throw new Error('no line written');
    return put.doc;
  }

  it('keeps its nonzero columns and what is available; a column back to zero is gone', () => {
    const opened = allocated(1, '2024-03-04', '2024-03-04T03:00:00.000Z');
    const out = moved(2, 'FundsTransferredOut', { amount: '400' });
    const back = moved(3, 'TransferOutReversed', { column: 'transferredOut', amount: '400' });
    const afterOut = lineOf(project([opened, out]));
    expect(afterOut).toMatchObject({ allocated: '1000', transferredOut: '400', available: '600' });
    expect(afterOut).not.toHaveProperty('committed');
    const afterBack = lineOf(project([opened, out, back]));
    expect(afterBack).toMatchObject({ allocated: '1000', available: '1000', moves: 3 });
    expect(afterBack).not.toHaveProperty('transferredOut');
    for (const gone of ['advancesOpen', 'lastPosition', 'updatedAt']) {
      expect(afterBack).not.toHaveProperty(gone);
    }
  });

  it('copies its deadline into a small document of its own (v12) when an event sets it, and only then', () => {
    const opened = allocated(1, '2024-03-04', '2024-03-04T03:00:00.000Z');
    const carried = moved(2, 'FundsCarriedIn', {
      amount: '500',
      deadline: '2024-06-30',
      deadlineBasis: 'decision',
      decision: 'QĐ-1',
    });
    const extended = moved(3, 'CarryOverDeadlineExtended', {
      deadline: '2024-12-31',
      decision: { number: 'QĐ-2' },
      restoredAmount: '0',
    });
    const deadlineOf = (writes: Write[]) =>
      writes
        .filter((w) => w.op === 'put' && w.doc.axis === 'd')
        .map((w) => w.op === 'put' && w.doc);
    expect(deadlineOf(project([opened]))).toEqual([]);
    const afterExtension = project([opened, carried, extended]);
    const line = lineOf(afterExtension);
    expect(deadlineOf(afterExtension)).toEqual([
      {
        id: `d|${LINE}`,
        axis: 'd',
        week: '',
        fiscalYear: 2024,
        unit: 'UNIT-A',
        carryOverDeadline: '2024-12-31',
        deadlineBasis: 'decision',
        deadlineDecision: 'QĐ-1',
        deadlineExtensions: ['QĐ-2'],
        deadlineSettings: line.deadlineSettings,
      },
    ]);
    expect(
      deadlineOf(project([opened, carried, extended, moved(4, 'FundsAllocated', { amount: '1' })])),
    ).toEqual([]);
  });

  it('leaves out available when nothing is left', () => {
    const opened = allocated(1, '2024-03-04', '2024-03-04T03:00:00.000Z');
    const out = moved(2, 'FundsTransferredOut', { amount: '1000' });
    expect(lineOf(project([opened, out]))).not.toHaveProperty('available');
  });
});
