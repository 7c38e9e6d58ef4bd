import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@app/event-store';
import {
  ALL_PROJECTIONS,
  collectionsOf,
  projectPage,
  projectRange,
  servingGeneration,
  SqliteDocumentStore,
  type Doc,
  type DocumentStore,
} from '@app/read-models';
import { generateBudgetHistory, ManualClock, type SeededRandom } from '@app/testing';
import { faultSeed, faultSize, randomFor, recordFigures, trial } from '@app/testing/faults';
import { wholeLog } from '@app/testing/faults';

const SEED = faultSeed(20240701);
const HISTORIES = faultSize('DUPLICATE_HISTORIES', 1, 5);
const OPERATIONS = faultSize('DUPLICATE_OPERATIONS', 60, 300);

async function everything(docs: DocumentStore): Promise<Record<string, Doc[]>> {
  const out: Record<string, Doc[]> = {};
  for (const projection of ALL_PROJECTIONS) {
    const generation = await servingGeneration(docs, projection);
    for (const collection of collectionsOf(generation)) {
      out[collection.replace(/__g\d+$/, '')] = await docs.scan(collection, null, 1_000_000);
    }
  }
  return out;
}

/** Ways a subscription can hand the same events over again; each delivers every event at least twice. */
const DELIVERIES: Record<
  string,
  (log: readonly RecordedEvent[], random: SeededRandom) => RecordedEvent[][]
> = {
  // Each event alone, twice in a row (a consumer that dies before storing its checkpoint).
  'each event twice in a row': (log) => log.flatMap((e) => [[e], [e]]),
  // Pages of random sizes, each starting some way back into what was already applied.
  'overlapping pages': (log, random) => {
    const pages: RecordedEvent[][] = [];
    for (let next = 0; next < log.length;) {
      const size = random.int(1, 40);
      const back = Math.min(next, random.int(1, 40));
      pages.push(log.slice(next - back, next + size));
      next += size;
    }
    // Whatever the overlaps missed at the start is covered by a second full pass.
    return [...pages, ...pages];
  },
  // The whole log again after it was applied (a restart from a lost checkpoint).
  'the whole log twice': (log, random) => {
    const size = random.int(50, 500);
    const pages: RecordedEvent[][] = [];
    for (let i = 0; i < log.length; i += size) pages.push(log.slice(i, i + size));
    return [...pages, ...pages];
  },
};

describe(`duplicates (seed ${SEED}, ${HISTORIES} histories × ${OPERATIONS} operations)`, () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'budget-dup-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives every projection the same read models when every event is delivered twice', async () => {
    const random = randomFor(SEED, 'duplicates');
    const started = Date.now();
    let events = 0;
    let deliveries = 0;
    for (let h = 0; h < HISTORIES; h++) {
      const historySeed = random.int(0, 2 ** 31);
      const roundDir = mkdtempSync(join(dir, 'h-'));
      const clock = new ManualClock(new Date('2024-03-19T01:00:00.000Z'));
      const store = new SqliteEventStore({
        file: join(roundDir, 'events.sqlite'),
        clock: clock.now,
      });
      try {
        await generateBudgetHistory(store, clock, { seed: historySeed, operations: OPERATIONS });
        const log = await wholeLog(store);
        events += log.length;
        const reference = new SqliteDocumentStore({ file: join(roundDir, 'reference.sqlite') });
        try {
          for (const projection of ALL_PROJECTIONS) {
            await projectRange(store, reference, await servingGeneration(reference, projection));
          }
          const expected = await everything(reference);
          for (const [name, deliver] of Object.entries(DELIVERIES)) {
            await trial(
              { file: __filename, seed: SEED, label: `${name} (history seed ${historySeed})` },
              async () => {
                const docs = new SqliteDocumentStore({
                  file: join(roundDir, `${name.replace(/\W+/g, '-')}.sqlite`),
                });
                try {
                  for (const projection of ALL_PROJECTIONS) {
                    const generation = await servingGeneration(docs, projection);
                    for (const page of deliver(log, random)) {
                      await projectPage(docs, generation, page);
                      deliveries += page.length;
                    }
                  }
                  expect(await everything(docs)).toEqual(expected);
                } finally {
                  await docs.close();
                }
              },
            );
          }
        } finally {
          await reference.close();
        }
      } finally {
        await store.close();
      }
    }
    recordFigures('duplicates', {
      seed: SEED,
      histories: HISTORIES,
      events,
      deliveryShapes: Object.keys(DELIVERIES).length,
      eventsDelivered: deliveries,
      durationMs: Date.now() - started,
    });
  });
});
