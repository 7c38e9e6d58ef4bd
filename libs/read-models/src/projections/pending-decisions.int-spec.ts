import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeEvent } from '@app/application';
import {
  budgetLineDecider,
  parseBudgetLineId,
  type BudgetLineEvent,
  type BudgetLineState,
} from '@app/budgeting';
import { SqliteEventStore } from '@app/event-store';
import { generateBudgetHistory, ManualClock } from '@app/testing';
import {
  PENDING_DECISIONS,
  pendingDecisionsProjection,
  projectRange,
  queryPendingDecisions,
  ReadModels,
  rebuildProjection,
  servingGeneration,
  SqliteDocumentStore,
  type Doc,
} from '@app/read-models';

const SEED = 20241107;

/** The command side's answer: every line folded by the domain's own evolve. */
async function commandSide(events: SqliteEventStore): Promise<Map<string, BudgetLineState>> {
  const lines = new Map<string, BudgetLineState>();
  for (const e of await events.readAll({ maxCount: 10_000_000 })) {
    if (!e.streamId.startsWith('budget-line-')) continue;
    const event = decodeEvent<BudgetLineEvent>(e);
    const id = event.data.budgetLineId;
    const before = lines.get(id) ?? budgetLineDecider.initialState;
    lines.set(id, budgetLineDecider.evolveRecorded(before, event, e.metadata));
  }
  return lines;
}

/** What the index must hold of it: every expenditure still open or lapsed, as its state says. */
function expected(lines: Map<string, BudgetLineState>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const [lineId, line] of lines) {
    const key = parseBudgetLineId(lineId);
    for (const [, e] of line.expenditures) {
      if (!['proposed', 'approved', 'sent', 'lapsed'].includes(e.status)) continue;
      out.push({
        id: `expenditure:${e.id}`,
        fiscalYear: key.fiscalYear,
        unit: key.unit,
        status: e.status,
        waiting: e.status !== 'lapsed',
        amount: e.amount.toString(),
        on: e.proposedOn,
        askedBy: e.proposedBy,
        signed: e.signatures.map((s) => s.capacity),
        treasuryAnswer: e.treasuryAnswer?.outcome === 'refused_kept' ? 'refused_kept' : null,
      });
    }
  }
  return out.sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

function comparable(docs: readonly Doc[]): Record<string, unknown>[] {
  return docs
    .map((d) => ({
      id: d.id,
      fiscalYear: d.fiscalYear,
      unit: d.unit,
      status: d.status,
      waiting: d.waiting,
      amount: d.amount,
      on: d.on,
      askedBy: d.askedBy,
      signed: d.signed,
      treasuryAnswer: d.treasuryAnswer,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

describe(`pending decisions on a seeded budget history (seed ${SEED})`, () => {
  let dir: string;
  let events: SqliteEventStore;
  let live: SqliteDocumentStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-pending-'));
    const clock = new ManualClock(new Date('2024-03-19T01:00:00.000Z'));
    events = new SqliteEventStore({ file: join(dir, 'events.sqlite'), clock: clock.now });
    live = new SqliteDocumentStore({ file: join(dir, 'live.sqlite') });
    const project = async (): Promise<void> => {
      const generation = await servingGeneration(live, pendingDecisionsProjection);
      await projectRange(events, live, generation, { batchSize: 7 });
    };
    // Projected as the history is written, the way the API's runner follows the log.
    await generateBudgetHistory(events, clock, {
      seed: SEED,
      operations: 300,
      maxDaysLate: 120,
      onStep: async (i) => {
        if (i % 5 === 0) await project();
      },
    });
    await project();
  }, 120_000);

  afterAll(async () => {
    await live.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function all(models: ReadModels): Promise<Doc[]> {
    return models.find('pendingDecisions', PENDING_DECISIONS, {});
  }

  it('holds, live, exactly the open and lapsed expenditures the command side holds', async () => {
    const want = expected(await commandSide(events));
    // Something waits and something lapsed or ended: equal empty sets would prove nothing.
    expect(want.filter((e) => e.waiting).length).toBeGreaterThan(0);
    expect(new Set(want.map((e) => e.status)).size).toBeGreaterThan(1);
    expect(comparable(await all(new ReadModels(live)))).toEqual(want);
  });

  it('is the same once rebuilt from the log', async () => {
    const before = await all(new ReadModels(live));
    await rebuildProjection(events, live, pendingDecisionsProjection);
    const after = await all(new ReadModels(live));
    const byId = (docs: Doc[]) => [...docs].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(after)).toEqual(byId(before));
  });

  it("answers a year's waiting items from the index alone, per unit when asked", async () => {
    const models = new ReadModels(live);
    const want = expected(await commandSide(events)).filter(
      (e) => e.waiting && e.fiscalYear === 2024,
    );
    const year = await queryPendingDecisions(models, { fiscalYear: 2024 });
    expect(year.map((d) => d.id).sort()).toEqual(want.map((e) => e.id).sort());
    const unit = String(want[0]?.unit);
    const ofUnit = await queryPendingDecisions(models, { fiscalYear: 2024, unit });
    expect(ofUnit.map((d) => d.id).sort()).toEqual(
      want
        .filter((e) => e.unit === unit)
        .map((e) => e.id)
        .sort(),
    );
  });
});
