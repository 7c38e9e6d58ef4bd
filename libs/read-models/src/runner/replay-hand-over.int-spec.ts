import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { generateBudgetHistory, ManualClock } from '@app/testing';
import type { BulkWriter, Doc, Write } from '../document-store.port';
import { ALL_PROJECTIONS } from '../projections';
import { SqliteDocumentStore } from '../sqlite/sqlite-document-store';
import { collectionsOf, type Generation } from './generations';
import { replayGenerations } from './replay';

/**
 * A writer that commits each batch only once `hold` later ones were handed over (or the
 * replay waits for the last ones): the longest a batch can stay unreadable in the store.
 * The documents are copied when handed over, as the thread's writer encodes them then.
 */
class HoldingWriter implements BulkWriter {
  private readonly waiting: {
    run: () => Promise<boolean>;
    settle: (p: Promise<boolean>) => void;
  }[] = [];
  private idle: NodeJS.Timeout | null = null;
  handedOver = 0;

  constructor(
    private readonly store: SqliteDocumentStore,
    private readonly hold: number,
  ) {}

  applyBatch(
    projection: string,
    writes: readonly Write[],
    position: bigint,
    version: number,
    expectedPrevious?: bigint | null,
  ): Promise<boolean> {
    const copy = JSON.parse(JSON.stringify(writes)) as Write[];
    this.handedOver++;
    const done = new Promise<boolean>((resolve, reject) => {
      this.waiting.push({
        run: () => this.store.applyBatch(projection, copy, position, version, expectedPrevious),
        settle: (p) => void p.then(resolve, reject),
      });
    });
    this.release(this.hold);
    if (this.idle) clearTimeout(this.idle);
    // The replay drains at its end: then nothing more comes, and everything is written.
    this.idle = setTimeout(() => this.release(0), 50);
    return done;
  }

  /** In order: SQLite's applyBatch runs its transaction when called. */
  private release(keep: number): void {
    while (this.waiting.length > keep) {
      const next = this.waiting.shift()!;
      next.settle(next.run());
    }
  }

  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.release(0);
  }

  async abort(): Promise<void> {
    await this.close();
  }
}

async function everything(docs: SqliteDocumentStore, tag: string): Promise<Record<string, Doc[]>> {
  const out: Record<string, Doc[]> = {};
  for (const projection of ALL_PROJECTIONS) {
    for (const collection of collectionsOf({ projection, tag })) {
      out[collection] = await docs.scan(collection, null, 1_000_000);
    }
  }
  return out;
}

describe('replay handing its batches to a writer (a rebuild on two threads)', () => {
  let dir: string;
  let events: SqliteEventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-hand-over-'));
    const clock = new ManualClock(new Date('2024-03-19T01:00:00.000Z'));
    events = new SqliteEventStore({ file: join(dir, 'events.sqlite'), clock: clock.now });
    await generateBudgetHistory(events, clock, { seed: 7, operations: 120, maxDaysLate: 365 });
  }, 120_000);
  afterAll(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads what it handed over before the store has it: the same documents as committing each batch', async () => {
    const generations: Generation[] = ALL_PROJECTIONS.map((projection) => ({
      projection,
      tag: '2',
    }));
    // Tiny pages, commits and caches: documents leave the cache while their batch waits.
    const tuning = { pageSize: 5, commitEvery: 5, maxCachedDocs: 1 };
    const direct = new SqliteDocumentStore({ file: join(dir, 'direct.sqlite') });
    const held = new SqliteDocumentStore({ file: join(dir, 'held.sqlite') });
    try {
      const read = await replayGenerations(events, direct, generations, tuning);
      const writer = new HoldingWriter(held, 12);
      const readHeld = await replayGenerations(events, held, generations, {
        ...tuning,
        writer,
        maxInFlight: 12,
      });
      await writer.close();
      expect(readHeld).toBe(read);
      expect(writer.handedOver).toBeGreaterThan(12 * 3);
      expect(await everything(held, '2')).toEqual(await everything(direct, '2'));
      for (const g of generations) {
        const name = `${g.projection.name}__g2`;
        expect((await held.checkpoint(name))?.position).toBe(
          (await direct.checkpoint(name))?.position,
        );
      }
    } finally {
      await direct.close();
      await held.close();
    }
  });
});
