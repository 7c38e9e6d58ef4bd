import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonObject, RecordedEvent } from '@app/event-store';
import fc from 'fast-check';
import { SeededRandom } from '@app/testing';
import { residualProbe } from './balances-at';
import { deadlineAt, NO_DEADLINE } from './line-deadline';
import {
  balancesProjection,
  BALANCE_COLUMNS,
  lineDeltas,
  projectPage,
  queryBalances,
  ReadModels,
  servingGeneration,
  LINES as LINES_COLLECTION,
  SqliteDocumentStore,
  ZERO_AMOUNTS,
  type Amounts,
} from '@app/read-models';

/*
 * The time-travel report against a plain fold of exactly the events each point selects,
 * on a synthetic log built to hit the snapshots' edges: entries back-dated by up to a year
 * (before their line's first effective date too), future-dated ones, entries recorded in
 * the evening UTC (the next business day in Vietnam), lines silent for months, a line
 * woken up after two years, every query kind, all years or one, one unit.
 */

const DAY = 86_400_000;
const LINES = [
  '2023.DA1.central.2023.UNIT-A',
  '2023.DA2.provincial.2023.UNIT-B',
  '2024.DA1.central.2024.UNIT-A',
  '2024.DA1.central.2023.UNIT-A',
  '2024.DA3.district.2024.UNIT-B',
  '2025.DA1.central.2025.UNIT-B',
];

function dateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A line's event at a position of the log. */
function lineEvent(
  position: number,
  revision: bigint,
  lineId: string,
  type: string,
  data: JsonObject,
  at: { effectiveDate: string; recordedAt: string },
): RecordedEvent {
  return {
    id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    streamId: `budget-line-${lineId}`,
    revision,
    position: BigInt(position),
    type,
    schemaVersion: 1,
    data: { budgetLineId: lineId, ...data },
    metadata: { actor: 'test', correlationId: 'c', causationId: null, ...at },
    previousHash: null,
    hash: '',
  };
}

/** A log whose recorded times rise with positions, as the store writes it. */
function syntheticLog(seed: number, count: number, stepsBack = false): RecordedEvent[] {
  const random = new SeededRandom(seed);
  const events: RecordedEvent[] = [];
  const revisions = new Map<string, bigint>();
  let now = Date.parse('2023-01-02T02:00:00.000Z');
  const push = (lineId: string, type: string, data: JsonObject, effectiveDate: string): void => {
    const revision = revisions.get(lineId) ?? 0n;
    revisions.set(lineId, revision + 1n);
    const at = { effectiveDate, recordedAt: new Date(now).toISOString() };
    events.push(lineEvent(events.length + 1, revision, lineId, type, data, at));
  };
  for (const lineId of LINES) push(lineId, 'BudgetLineOpened', {}, dateOf(now));
  for (let i = 0; i < count; i++) {
    // Mostly minutes to hours apart; sometimes weeks of silence; evenings UTC too.
    now += random.chance(0.03) ? random.int(7, 60) * DAY : random.int(1, 600) * 60_000;
    // A clock that sometimes steps back by up to 5 days (never past a week boundary twice).
    if (stepsBack && random.chance(0.03)) now -= random.int(1, 5 * 24) * 3_600_000;
    const year = new Date(now).getUTCFullYear();
    const active = LINES.filter((l) => Number(l.slice(0, 4)) <= year);
    // The 2023 lines fall silent after their year, bar rare late corrections.
    const candidates = active.filter((l) => Number(l.slice(0, 4)) >= year || random.chance(0.05));
    const lineId = random.pick(candidates.length > 0 ? candidates : active);
    const today = dateOf(now + 7 * 3_600_000);
    const roll = random.next();
    const effectiveDate =
      roll < 0.2
        ? dateOf(now - random.int(1, 365) * DAY)
        : roll < 0.27
          ? dateOf(now + random.int(1, 60) * DAY)
          : roll < 0.32
            ? dateOf(now) // the UTC date, a day behind in the Vietnamese evening
            : today;
    const amount = String(random.int(1, 900) * 1000);
    const kind = random.int(0, 5);
    if (kind === 0) push(lineId, 'FundsAllocated', { amount }, effectiveDate);
    else if (kind === 1) push(lineId, 'ExpenditureApproved', { amount }, effectiveDate);
    else if (kind === 2) push(lineId, 'ExpenditureDisbursed', { amount }, effectiveDate);
    else if (kind === 3)
      push(
        lineId,
        'ExpenditureReversed',
        { committedAmount: amount, disbursedAmount: String(random.int(0, 3) * 1000) },
        effectiveDate,
      );
    else if (kind === 4) push(lineId, 'FundsTransferredOut', { amount }, effectiveDate);
    else push(lineId, 'TransferOutReversed', { column: 'transferredOut', amount }, effectiveDate);
  }
  // The carried-over line's deadline: set by a carry-over decision, then extended, both
  // back-dated, so that a point before either shows the default, one between the first.
  push(
    LINES[3]!,
    'FundsCarriedIn',
    { amount: '9000', deadline: '2024-06-30', deadlineBasis: 'decision', decision: 'QĐ-1' },
    '2024-02-01',
  );
  now += 40 * DAY;
  push(
    LINES[3]!,
    'CarryOverDeadlineExtended',
    { deadline: '2024-12-31', decision: { number: 'QĐ-2' }, restoredAmount: '0' },
    '2024-06-20',
  );
  // A line woken up two years after its last movement, back-dated into its own year.
  now += 730 * DAY;
  push(
    LINES[0]!,
    'ExpenditureReversed',
    { committedAmount: '5000', disbursedAmount: '0' },
    '2023-06-30',
  );
  push(LINES[0]!, 'FundsAllocated', { amount: '7000' }, dateOf(now));
  return events;
}

interface Point {
  asOf?: string;
  knownAt?: string;
  fiscalYear?: number;
  unit?: string;
}

/** The reference: each line's columns folded over exactly the events the point selects. */
function fold(log: readonly RecordedEvent[], p: Point): Map<string, Amounts> {
  const out = new Map<string, Amounts>();
  for (const e of log) {
    const deltas = lineDeltas(e);
    if (!deltas) continue;
    const lineId = e.data.budgetLineId as string;
    if (p.fiscalYear !== undefined && !lineId.startsWith(`${p.fiscalYear}.`)) continue;
    if (p.unit !== undefined && !lineId.endsWith(`.${p.unit}`)) continue;
    if (p.asOf !== undefined && e.metadata.effectiveDate > p.asOf) continue;
    if (p.knownAt !== undefined && e.metadata.recordedAt > p.knownAt) continue;
    const amounts = out.get(lineId) ?? { ...ZERO_AMOUNTS };
    for (const c of BALANCE_COLUMNS) amounts[c] += deltas[c] ?? 0n;
    out.set(lineId, amounts);
  }
  return out;
}

async function project(
  docs: SqliteDocumentStore,
  log: readonly RecordedEvent[],
  random: SeededRandom,
) {
  const generation = await servingGeneration(docs, balancesProjection);
  for (let start = 0; start < log.length;) {
    const size = random.int(1, 40);
    await projectPage(docs, generation, log.slice(start, start + size));
    start += size;
  }
}

function pointsOf(log: readonly RecordedEvent[], random: SeededRandom): Point[] {
  const instants = log.map((e) => e.metadata.recordedAt);
  const dates = log.map((e) => e.metadata.effectiveDate);
  const instant = (): string => {
    const at = random.pick(instants);
    const roll = random.next();
    if (roll < 0.4) return at;
    if (roll < 0.6) return new Date(Date.parse(at) - 1).toISOString();
    if (roll < 0.7) return '2022-06-01T00:00:00.000Z';
    if (roll < 0.8) return '2030-01-01T00:00:00.000Z';
    // Around a week boundary of the recorded axis (Monday 00:00 in Vietnam).
    const monday = Date.parse('2023-01-01T17:00:00.000Z') + random.int(0, 200) * 7 * DAY;
    return new Date(monday + random.int(-1, 1)).toISOString();
  };
  const date = (): string => {
    const roll = random.next();
    if (roll < 0.6) return random.pick(dates);
    if (roll < 0.7) return '2022-12-31';
    if (roll < 0.75) return '2029-12-31';
    return dateOf(Date.parse('2023-01-02') + random.int(0, 1200) * DAY);
  };
  const points: Point[] = [];
  for (let i = 0; i < 120; i++) {
    const kind = i % 3;
    const scope: Point =
      i % 4 === 0
        ? {}
        : i % 4 === 1
          ? { fiscalYear: random.pick([2023, 2024, 2025]) }
          : i % 4 === 2
            ? { unit: random.pick(['UNIT-A', 'UNIT-B']) }
            : { fiscalYear: 2024, unit: 'UNIT-A' };
    points.push({
      ...(kind !== 1 ? { asOf: date() } : {}),
      ...(kind !== 0 ? { knownAt: instant() } : {}),
      ...scope,
    });
  }
  return points;
}

/** A carried-over line's deadline at the point, from its document read on its own. */
async function deadlineThen(models: ReadModels, lineId: string, p: Point) {
  const [doc] = await models.find('balances', LINES_COLLECTION, { id: lineId });
  const at = doc ? deadlineAt(doc, p) : NO_DEADLINE;
  return at.date === null
    ? { date: `${lineId.slice(0, 4)}-12-31`, decision: null, extensions: [] }
    : { date: at.date, decision: at.decision, extensions: at.extensions };
}

async function expectExact(models: ReadModels, log: readonly RecordedEvent[], p: Point) {
  const answer = await queryBalances(models, p);
  const got = Object.fromEntries(answer.lines.map((l) => [l.id, l.amounts]));
  expect({ ...p, lines: got }).toEqual({ ...p, lines: Object.fromEntries(fold(log, p)) });
  // The report reads only some lines' documents: a carried-over line's deadline is still
  // the one in effect at the point.
  for (const line of answer.lines.filter((l) => l.carriedOver)) {
    const shown = {
      date: line.carryOverDeadline,
      decision: line.deadlineDecision,
      extensions: line.deadlineExtensions,
    };
    expect({ ...p, line: line.id, shown }).toEqual({
      ...p,
      line: line.id,
      shown: await deadlineThen(models, line.id, p),
    });
  }
}

describe('balances at any point of both time axes, from weekly snapshots', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'balances-at-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([1, 2, 3])('equals a fold of the selected events (log %i)', async (seed) => {
    const log = syntheticLog(seed, 1500);
    const docs = new SqliteDocumentStore({ file: join(dir, `log-${seed}.sqlite`) });
    try {
      const random = new SeededRandom(seed * 31);
      await project(docs, log, random);
      const models = new ReadModels(docs);
      for (const p of pointsOf(log, random)) await expectExact(models, log, p);
    } finally {
      await docs.close();
    }
  });

  it('answers random (line, as-of, known-at) as a fold of the events it selects (seeded, bounded)', async () => {
    // Back-dated entries up to a year late, future-dated ones, evenings UTC, long silences.
    const log = syntheticLog(12, 2500);
    const docs = new SqliteDocumentStore({ file: join(dir, 'property.sqlite') });
    try {
      await project(docs, log, new SeededRandom(12));
      const models = new ReadModels(docs);
      const first = Date.parse(log[0]!.metadata.recordedAt) - 30 * DAY;
      const last = Date.parse(log.at(-1)!.metadata.recordedAt) + 30 * DAY;
      const instant = fc.integer({ min: first, max: last }).map((t) => new Date(t).toISOString());
      const date = instant.map((i) => i.slice(0, 10));
      const point = fc.record({
        line: fc.constantFrom(...LINES),
        asOf: fc.option(date, { nil: undefined }),
        knownAt: fc.option(instant, { nil: undefined }),
      });
      await fc.assert(
        fc.asyncProperty(point, async ({ line, asOf, knownAt }) => {
          if (asOf === undefined && knownAt === undefined) return;
          const p: Point = {
            ...(asOf === undefined ? {} : { asOf }),
            ...(knownAt === undefined ? {} : { knownAt }),
            fiscalYear: Number(line.slice(0, 4)),
            unit: line.slice(line.lastIndexOf('.') + 1),
          };
          const answer = await queryBalances(models, p);
          const got = answer.lines.find((l) => l.id === line)?.amounts ?? null;
          expect({ ...p, line, got }).toEqual({ ...p, line, got: fold(log, p).get(line) ?? null });
        }),
        { seed: 2020, numRuns: 300 },
      );
    } finally {
      await docs.close();
    }
  });

  it.each([0, 3])(
    'takes the snapshot after the point, or reads on, when a side has more than %i movements',
    async (size) => {
      const log = syntheticLog(8, 1500);
      const docs = new SqliteDocumentStore({ file: join(dir, `probe-${size}.sqlite`) });
      const saved = { ...residualProbe };
      try {
        const random = new SeededRandom(88);
        await project(docs, log, random);
        const models = new ReadModels(docs);
        residualProbe.size = size;
        residualProbe.strip = size;
        for (const p of pointsOf(log, random)) await expectExact(models, log, p);
      } finally {
        Object.assign(residualProbe, saved);
        await docs.close();
      }
    },
  );

  it.each([
    [21, 4000],
    [22, 0],
    [23, 3],
  ])(
    'answers as of a date as known weeks to a year later, from the versioned tree (log %i, probe %i)',
    async (seed, size) => {
      // Back-dated entries up to a year late, so that most points have many of them
      // effective by asOf and recorded between its day and knownAt (or after knownAt).
      const log = syntheticLog(seed, 1500, seed === 23);
      const docs = new SqliteDocumentStore({ file: join(dir, `both-${seed}.sqlite`) });
      const saved = { ...residualProbe };
      try {
        const random = new SeededRandom(seed);
        await project(docs, log, random);
        const models = new ReadModels(docs);
        residualProbe.size = size;
        // 4000: back-dated strips mostly read whole; 0 and 3: the versioned tree mostly.
        residualProbe.strip = size;
        const dates = log.map((e) => e.metadata.effectiveDate);
        for (let i = 0; i < 90; i++) {
          const asOf = random.chance(0.7)
            ? random.pick(dates)
            : dateOf(Date.parse('2023-01-02') + random.int(0, 900) * DAY);
          const later = Date.parse(`${asOf}T00:00:00.000Z`) + random.int(1, 400) * DAY;
          // At any time of day, at a week boundary of the recorded axis now and then.
          const knownAt = new Date(
            random.chance(0.2)
              ? later - ((later / DAY + 3) % 7) * DAY - 7 * 3_600_000 + random.int(-1, 1)
              : later + random.int(0, DAY - 1),
          ).toISOString();
          const scope: Point =
            i % 3 === 0
              ? {}
              : i % 3 === 1
                ? { fiscalYear: random.pick([2023, 2024]) }
                : { unit: 'UNIT-A' };
          await expectExact(models, log, { asOf, knownAt, ...scope });
        }
      } finally {
        Object.assign(residualProbe, saved);
        await docs.close();
      }
    },
  );

  it('reads as many documents as of a date as known later whether 10 or 600 entries back-dated across it were recorded between', async () => {
    const line = LINES[2]!;
    const logOf = (lateEntries: number): RecordedEvent[] => {
      const events: RecordedEvent[] = [];
      const push = (type: string, data: JsonObject, effectiveDate: string, recordedAt: string) =>
        events.push(
          lineEvent(events.length + 1, BigInt(events.length), line, type, data, {
            effectiveDate,
            recordedAt,
          }),
        );
      const day = (n: number) => dateOf(Date.parse('2024-01-01') + n * DAY);
      push('BudgetLineOpened', {}, day(0), `${day(0)}T02:00:00.000Z`);
      // One movement a day, on time, all year; back-dated ones among them from 21/3:
      // effective in January or February, recorded on a weekday from March to November.
      for (let n = 1, late = 0; n < 330; n++) {
        push('FundsAllocated', { amount: '1000' }, day(n), `${day(n)}T02:00:00.000Z`);
        const weekday = n % 7;
        for (
          let k = 0;
          n >= 80 && weekday < 5 && k < lateEntries / 190 && late < lateEntries;
          k++
        ) {
          late++;
          push(
            'ExpenditureApproved',
            { amount: String(late) },
            day((late * 7) % 58),
            `${day(n)}T0${3 + (k % 6)}:00:00.000Z`,
          );
        }
      }
      return events;
    };
    const read = async (lateEntries: number, strip: number) => {
      const log = logOf(lateEntries);
      const docs = new SqliteDocumentStore({
        file: join(dir, `bounded-${lateEntries}-${strip}.sqlite`),
      });
      const saved = { ...residualProbe };
      residualProbe.strip = strip;
      try {
        await project(docs, log, new SeededRandom(lateEntries));
        const models = new ReadModels(docs);
        let count = 0;
        const find = models.find.bind(models);
        const getMany = models.getMany.bind(models);
        models.find = async (...args: Parameters<typeof find>) => {
          const found = await find(...args);
          count += found.length;
          return found;
        };
        models.getMany = async (...args: Parameters<typeof getMany>) => {
          const found = await getMany(...args);
          count += found.length;
          return found;
        };
        // Effective by 15/3, known on a Saturday in October (no entry that week-end).
        const p = { asOf: '2024-03-15', knownAt: '2024-10-12T03:00:00.000Z' };
        await expectExact(models, log, p);
        const crossing = log.filter(
          (e) =>
            e.metadata.effectiveDate <= p.asOf &&
            e.metadata.recordedAt > '2024-03-16' &&
            e.metadata.recordedAt <= p.knownAt,
        );
        return { count, crossing: crossing.length };
      } finally {
        Object.assign(residualProbe, saved);
        await docs.close();
      }
    };
    // Both from the versioned tree (no strip read first).
    const few = await read(10, 0);
    const many = await read(600, 0);
    expect(few.crossing).toBeGreaterThanOrEqual(5);
    expect(many.crossing).toBeGreaterThan(300);
    // The tree's nodes before asOf's week and at most one version of each: ≤ 2 × 14 more.
    expect(many.count).toBeLessThanOrEqual(few.count + 28);
    // As configured: a strip of at most residualProbe.strip read first, then the tree.
    const bound = residualProbe.strip + 1;
    expect((await read(600, residualProbe.strip)).count).toBeLessThanOrEqual(many.count + bound);
  });

  it('reads no tree node of a year whose lines are all settled at the point, and stays exact', async () => {
    // The 2023 lines silent after their year (no late correction, no line woken up)…
    const silent = syntheticLog(41, 2500).filter(
      (e) =>
        !(
          (e.data.budgetLineId as string).startsWith('2023.') &&
          e.metadata.recordedAt >= '2023-12-31'
        ),
    );
    // …bar one entry back-dated into 2023, recorded on Monday 2/9/2024: that year's lines
    // stay settled from 2024 on, but its tree changed then.
    const late = '2024-09-02T03:00:00.000Z';
    const at = silent.findIndex((e) => e.metadata.recordedAt > late);
    const correction: RecordedEvent = {
      ...silent[0]!,
      streamId: `budget-line-${LINES[0]}`,
      revision: 999n,
      type: 'ExpenditureReversed',
      data: { budgetLineId: LINES[0]!, committedAmount: '4000', disbursedAmount: '0' },
      metadata: { ...silent[0]!.metadata, effectiveDate: '2023-06-30', recordedAt: late },
    };
    const log = [...silent.slice(0, at), correction, ...silent.slice(at)].map((e, i) => ({
      ...e,
      id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      position: BigInt(i + 1),
    }));
    const docs = new SqliteDocumentStore({ file: join(dir, 'settled-years.sqlite') });
    const saved = { ...residualProbe };
    try {
      const random = new SeededRandom(41);
      await project(docs, log, random);
      const models = new ReadModels(docs);
      let nodesOf2023 = 0;
      const find = models.find.bind(models);
      models.find = async (...args: Parameters<typeof find>) => {
        const found = await find(...args);
        nodesOf2023 += found.filter((d) => d.id.startsWith('f|') && d.fiscalYear === 2023).length;
        return found;
      };
      const counted = async (p: Point): Promise<number> => {
        nodesOf2023 = 0;
        await expectExact(models, log, p);
        return nodesOf2023;
      };
      // Within 2023 its nodes are read (the log has them)…
      let within = 0;
      for (const asOf of ['2023-06-30', '2023-09-15', '2023-11-20'])
        within += await counted({ asOf });
      expect(within).toBeGreaterThan(0);
      // …from 2024 on none, for every kind of point; on both axes known before the week of
      // the correction they are (the nodes as they stood then), known after it none.
      const weekOfLate = '2024-09-01T17:00:00.000Z';
      const weekAfter = '2024-09-08T17:00:00.000Z';
      let before = 0;
      // As configured (the strip of entries crossing asOf added when small), and always
      // from the versioned tree (-1: no strip is small enough).
      for (const strip of [residualProbe.strip, -1]) {
        residualProbe.strip = strip;
        for (let i = 0; i < 40; i++) {
          // Half of them known before the correction's week, mostly.
          const asOf = dateOf(Date.parse('2024-01-15') + random.int(0, i < 20 ? 100 : 500) * DAY);
          const knownAt = new Date(
            Date.parse(`${asOf}T00:00:00.000Z`) +
              random.int(7, i < 20 ? 90 : 300) * DAY +
              random.int(0, DAY),
          ).toISOString();
          const scope: Point = i % 2 === 0 ? {} : { unit: 'UNIT-A' };
          const both = await counted({ asOf, knownAt, ...scope });
          if (strip < 0 && knownAt < weekOfLate) {
            before++;
            expect({ asOf, knownAt, both: both > 0 }).toEqual({ asOf, knownAt, both: true });
          }
          if (knownAt >= weekAfter)
            expect({ asOf, knownAt, both }).toEqual({ asOf, knownAt, both: 0 });
          for (const p of [{ asOf }, { knownAt }]) {
            expect({ ...p, nodes: await counted({ ...p, ...scope }) }).toEqual({ ...p, nodes: 0 });
          }
        }
      }
      expect(before).toBeGreaterThan(10);
    } finally {
      Object.assign(residualProbe, saved);
      await docs.close();
    }
  });

  it('reads again when a batch lands between its reads', async () => {
    const log = syntheticLog(9, 800);
    const docs = new SqliteDocumentStore({ file: join(dir, 'concurrent.sqlite') });
    try {
      const generation = await servingGeneration(docs, balancesProjection);
      const head = log.length - 300;
      for (let start = 0; start < head; start += 50) {
        await projectPage(docs, generation, log.slice(start, Math.min(start + 50, head)));
      }
      const models = new ReadModels(docs);
      const find = models.find.bind(models);
      let landed = false;
      // The projector commits the rest of the log right after the query's first read.
      models.find = async (...args: Parameters<typeof find>) => {
        const found = await find(...args);
        if (!landed) {
          landed = true;
          await projectPage(docs, generation, log.slice(head));
        }
        return found;
      };
      const { recordedAt, effectiveDate } = log[head + 150]!.metadata;
      for (const p of [{ knownAt: recordedAt }, { asOf: effectiveDate }, { asOf: '2029-12-31' }]) {
        landed = false;
        await expectExact(models, log, p);
        expect(landed).toBe(true);
      }
    } finally {
      await docs.close();
    }
  });

  it('leaves out a back-dated correction recorded after knownAt, and shows it once known', async () => {
    const log = syntheticLog(4, 600);
    const docs = new SqliteDocumentStore({ file: join(dir, 'late.sqlite') });
    try {
      await project(docs, log, new SeededRandom(4));
      const models = new ReadModels(docs);
      const late = log.filter(
        (e) => lineDeltas(e) && e.metadata.effectiveDate < e.metadata.recordedAt.slice(0, 10),
      );
      expect(late.length).toBeGreaterThan(20);
      for (const e of late.slice(0, 20)) {
        const before = new Date(Date.parse(e.metadata.recordedAt) - 1).toISOString();
        const asOf = e.metadata.effectiveDate;
        await expectExact(models, log, { asOf, knownAt: before });
        await expectExact(models, log, { asOf, knownAt: e.metadata.recordedAt });
        await expectExact(models, log, { asOf });
      }
      const future = log.filter(
        (e) => lineDeltas(e) && e.metadata.effectiveDate > e.metadata.recordedAt.slice(0, 10),
      );
      expect(future.length).toBeGreaterThan(5);
      for (const e of future.slice(0, 10)) {
        const day = Date.parse(e.metadata.effectiveDate);
        await expectExact(models, log, {
          asOf: dateOf(day - DAY),
          knownAt: '2030-01-01T00:00:00.000Z',
        });
        await expectExact(models, log, { asOf: e.metadata.effectiveDate });
        await expectExact(models, log, { knownAt: e.metadata.recordedAt });
      }
    } finally {
      await docs.close();
    }
  });

  it('files entries recorded a few days out of order in their line, and stays exact', async () => {
    const log = syntheticLog(7, 1500, true);
    const docs = new SqliteDocumentStore({ file: join(dir, 'steps-back.sqlite') });
    try {
      const random = new SeededRandom(77);
      await project(docs, log, random);
      const models = new ReadModels(docs);
      expect(
        (await models.find('balances', LINES_COLLECTION, { outOfOrder: 1 })).length,
      ).toBeGreaterThan(0);
      for (const p of pointsOf(log, random)) await expectExact(models, log, p);
    } finally {
      await docs.close();
    }
  });

  it('stays exact on both axes for an entry back-dated across weeks and recorded behind its line', async () => {
    const log = syntheticLog(31, 300).filter((e) => e.metadata.recordedAt < '2024-01-01');
    const line = LINES[2]!;
    const at = (date: string, hour: number) =>
      `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`;
    const push = (effectiveDate: string, recordedAt: string, amount: string) =>
      log.push({
        ...log[0]!,
        id: `00000000-0000-4000-9000-${String(log.length + 1).padStart(12, '0')}`,
        streamId: `budget-line-${line}`,
        position: BigInt(log.length + 1),
        type: 'FundsAllocated',
        data: { budgetLineId: line, amount },
        metadata: { ...log[0]!.metadata, effectiveDate, recordedAt },
      });
    for (let n = 0; n < 180; n += 2) {
      const date = dateOf(Date.parse('2024-01-02') + n * DAY);
      push(date, at(date, 2), '1000');
    }
    // The clock steps back two months: two entries back-dated to February, recorded on
    // 1/5 (a Wednesday) and on 29/4 (the Monday), behind the line's latest week.
    push('2024-02-10', at('2024-05-01', 3), '7');
    push('2024-02-12', at('2024-04-29', 1), '70');
    push('2024-07-01', at('2024-07-01', 2), '1000');
    const docs = new SqliteDocumentStore({ file: join(dir, 'behind-both.sqlite') });
    const saved = { ...residualProbe };
    // From the versioned tree, not from the strip of the two entries.
    residualProbe.strip = 0;
    try {
      await project(docs, log, new SeededRandom(31));
      const models = new ReadModels(docs);
      const disordered = await models.find('balances', LINES_COLLECTION, { outOfOrder: 1 });
      expect(disordered.map((d) => d.id)).toContain(line);
      const knownAts = [
        '2024-04-27T12:00:00.000Z',
        '2024-04-28T16:59:59.999Z',
        '2024-04-28T17:00:00.000Z',
        at('2024-04-29', 1),
        at('2024-04-30', 9),
        at('2024-05-01', 3),
        at('2024-05-02', 9),
        at('2024-05-04', 9),
        '2024-05-05T17:00:00.000Z',
        at('2024-06-30', 9),
      ];
      for (const asOf of ['2024-02-09', '2024-02-10', '2024-02-12', '2024-02-20', '2024-03-31']) {
        for (const knownAt of knownAts) await expectExact(models, log, { asOf, knownAt });
      }
    } finally {
      Object.assign(residualProbe, saved);
      await docs.close();
    }
  });

  it('stays exact, with no flag for the whole read model, once a line was recorded far out of time order', async () => {
    const log = syntheticLog(5, 400);
    // A clock stepping back: the last event recorded before the one ahead of it.
    const last = log.at(-1)!;
    const stepped: RecordedEvent = {
      ...last,
      metadata: { ...last.metadata, recordedAt: '2023-03-01T00:00:00.000Z' },
    };
    const skewed = [...log.slice(0, -1), stepped];
    const docs = new SqliteDocumentStore({ file: join(dir, 'skewed.sqlite') });
    try {
      await project(docs, skewed, new SeededRandom(5));
      const models = new ReadModels(docs);
      const disordered = await models.find('balances', LINES_COLLECTION, { outOfOrder: 1 });
      expect(disordered.map((d) => d.id)).toEqual([last.data.budgetLineId]);
      for (const p of pointsOf(skewed, new SeededRandom(6)).slice(0, 30)) {
        await expectExact(models, skewed, p);
      }
    } finally {
      await docs.close();
    }
  });
});
