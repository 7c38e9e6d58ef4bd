import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { budgetLineDecider, type BudgetLineEvent } from '@app/budgeting';
import type { JsonObject, RecordedEvent } from '@app/event-store';
import {
  balancesProjection,
  projectPage,
  queryBalances,
  ReadModels,
  servingGeneration,
  SqliteDocumentStore,
} from '@app/read-models';

const LINE = '2024.DA7.TDA1.central.2023.LDTBXH';

interface Entry {
  readonly event: BudgetLineEvent;
  readonly on: string;
  readonly at: string;
}

const opened: BudgetLineEvent = {
  type: 'BudgetLineOpened',
  data: {
    budgetLineId: LINE,
    fiscalYear: 2024,
    programPart: 'DA7.TDA1',
    fundSource: 'central',
    sourceYear: 2023,
    unit: 'LDTBXH',
  },
};

function carryIn(transferId: string, decision: string, basis: 'decision' | 'default') {
  return {
    type: 'FundsCarriedIn',
    data: {
      budgetLineId: LINE,
      amount: 100_000n,
      decision,
      transferId,
      fromLine: null,
      deadline: '2024-12-31',
      deadlineBasis: basis,
    },
  } as BudgetLineEvent;
}

/**
 * Two carry-ins under one deadline: the first's decision stated 31/12/2024, the second
 * (a later decision, six weeks on, with no stated deadline) fell to the same default.
 */
const ENTRIES: Entry[] = [
  { event: opened, on: '2024-03-19', at: '2024-03-19T02:00:00.000Z' },
  {
    event: carryIn('c1', '699/QĐ-UBND', 'decision'),
    on: '2024-03-19',
    at: '2024-03-19T02:00:00.000Z',
  },
  {
    event: carryIn('c2', '815/QĐ-UBND', 'default'),
    on: '2024-05-02',
    at: '2024-05-03T02:00:00.000Z',
  },
];

/** The wire form the log stores: amounts as decimal strings. */
function wire(data: object): JsonObject {
  return JSON.parse(
    JSON.stringify(data, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
  ) as JsonObject;
}

const log: RecordedEvent[] = ENTRIES.map(({ event, on, at }, i) => ({
  id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
  streamId: `budget-line-${LINE}`,
  revision: BigInt(i),
  position: BigInt(i + 1),
  type: event.type,
  schemaVersion: 1,
  data: wire(event.data),
  metadata: {
    actor: 'test',
    correlationId: 'c',
    causationId: null,
    effectiveDate: on,
    recordedAt: at,
  },
  previousHash: null,
  hash: '',
}));

type Point = { asOf?: string; knownAt?: string };

/** The domain's deadline at a point: its fold of the events in effect and recorded by then. */
function domainDeadline(point: Point) {
  const selected = ENTRIES.filter(
    (e) =>
      (point.asOf === undefined || e.on <= point.asOf) &&
      (point.knownAt === undefined || e.at <= point.knownAt),
  );
  const state = budgetLineDecider.fold(selected.map((e) => e.event));
  return {
    carryOverDeadline: state.carryOverDeadline,
    deadlineBasis: state.deadlineBasis,
    deadlineDecision: state.deadlineDecision,
    deadlineExtensions: [...state.deadlineExtensions],
  };
}

/**
 * The present-day report, the as-of and known-at reads and the domain agree on a line's
 * deadline when two carry-ins arrive under one deadline: the decision that set it is the
 * first (a later carry-in under the same deadline does not change it).
 */
describe('the balances read model and two carry-ins under one deadline', () => {
  let dir: string;
  let docs: SqliteDocumentStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'carry-ins-one-deadline-'));
    docs = new SqliteDocumentStore({ file: join(dir, 'read.sqlite') });
    await projectPage(docs, await servingGeneration(docs, balancesProjection), log);
  });
  afterEach(async () => {
    await docs.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const readDeadline = async (point: Point) => {
    const answer = await queryBalances(new ReadModels(docs), { fiscalYear: 2024, ...point });
    const line = answer.lines.find((l) => l.id === LINE);
    if (!line) throw new Error(`${LINE} missing at ${JSON.stringify(point)}`);
    const { carryOverDeadline, deadlineBasis, deadlineDecision, deadlineExtensions } = line;
    return { carryOverDeadline, deadlineBasis, deadlineDecision, deadlineExtensions };
  };

  it('keeps the first carry-in decision now, as the domain does', async () => {
    expect(domainDeadline({}).deadlineDecision).toBe('699/QĐ-UBND');
    expect(await readDeadline({})).toEqual(domainDeadline({}));
  });

  it.each<Point>([
    { asOf: '2024-04-01' },
    { asOf: '2024-06-01' },
    { knownAt: '2024-05-01T00:00:00.000Z' },
    { knownAt: '2024-06-01T00:00:00.000Z' },
    { asOf: '2024-06-01', knownAt: '2024-05-03T01:59:59.999Z' },
  ])('agrees with the domain at %o', async (point) => {
    expect(await readDeadline(point)).toEqual(domainDeadline(point));
  });
});
