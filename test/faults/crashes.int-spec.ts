import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConservation } from '@app/application';
import { SqliteEventStore, verifyLog, type RecordedEvent } from '@app/event-store';
import {
  ALL_PROJECTIONS,
  checkpointName,
  collectionsOf,
  compareGenerations,
  projectRange,
  servingGeneration,
  SqliteDocumentStore,
  type Doc,
  type DocumentStore,
} from '@app/read-models';
import { generateBudgetHistory, ManualClock } from '@app/testing';
import { sleep, startChild, type ChildRun } from '@app/testing/faults';
import { faultSeed, faultSize, randomFor, recordFigures, trial } from '@app/testing/faults';
import { readAppendJournal } from '@app/testing/faults';
import { crossOverlaps, FORCE_SERIAL, type Span } from '@app/testing/faults';
import { approveTransfers, openLines, wholeLog } from '@app/testing/faults';

const SEED = faultSeed(20240601);
const APPEND_KILLS = faultSize('CRASH_APPEND_KILLS', 4, 60);
/**
 * On a loaded machine the two appenders may take turns on the cores for a few trials; the
 * run goes on (same seed, so the same trials) until a kill has landed inside an append and
 * the two have appended at once, up to this many trials, and fails if that never happens.
 */
const APPEND_KILLS_AT_MOST = APPEND_KILLS * 5;
const PROJECTION_ROUNDS = faultSize('CRASH_PROJECTION_ROUNDS', 1, 6);
const PROJECTION_KILLS = faultSize('CRASH_PROJECTION_KILLS', 3, 10);
const PROJECTION_OPERATIONS = faultSize('CRASH_PROJECTION_OPERATIONS', 200, 600);
const TRANSFER_ROUNDS = faultSize('CRASH_TRANSFER_ROUNDS', 1, 8);
const TRANSFERS_PER_ROUND = faultSize('CRASH_TRANSFERS', 3, 8);
/** A run of the transfer process dies after 1 to this many of its own appends. */
const TRANSFER_TRIPWIRE = 5;
const TRANSFER_MAX_RUNS = 60;
const at = { file: __filename, seed: SEED };

/** PRAGMA integrity_check on a fresh connection (which also recovers the WAL of a killed writer). */
function integrityCheck(file: string): string {
  const db = new Database(file);
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
  } finally {
    db.close();
  }
}

interface BatchRow {
  position: bigint;
  data: string;
}

describe(`crashes (seed ${SEED})`, () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'budget-crash-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when two appenders are killed with SIGKILL at random moments, many times', () => {
    it(`passes integrity_check, holds no half batch and every acknowledged batch (${APPEND_KILLS} kills of 2 processes)`, async () => {
      const random = randomFor(SEED, 'append');
      const started = Date.now();
      const file = join(dir, 'events.sqlite');
      const acked = new Map<string, number>();
      const seen = new Map<string, { size: number; positions: bigint[] }>();
      let checkedUpTo = 0n;
      const spans: Span[] = [];
      let killedInsideAppend = 0;
      const raced = (): boolean => killedInsideAppend > 0 && crossOverlaps(spans) > 0;
      let trials = 0;
      for (let t = 0; t < APPEND_KILLS || (!raced() && t < APPEND_KILLS_AT_MOST); t++) {
        trials = t + 1;
        await trial({ ...at, label: `append kill ${t}` }, async () => {
          const seeds = [0, 1].map(() => random.int(0, 2 ** 31));
          const delays = seeds.map(() => random.int(10, 300));
          const journals = seeds.map((_, c) => join(dir, `journal-k${t}c${c}.txt`));
          const start = (c: number): ChildRun =>
            startChild('crash-appender.ts', [file, String(seeds[c]), `k${t}c${c}`, journals[c]!]);
          const killLater = async (child: ChildRun, c: number): Promise<void> => {
            await sleep(delays[c]!);
            const exit = await child.kill();
            if (exit.signal !== 'SIGKILL')
              throw new Error(`child ended on its own: ${child.stderr()}`);
          };
          const children: ChildRun[] = [];
          if (FORCE_SERIAL) {
            // One appender after the other (see overlap.ts): the overlap check must fail.
            for (const c of [0, 1]) {
              const child = start(c);
              children.push(child);
              await child.waitFor('ready');
              await killLater(child, c);
            }
          } else {
            children.push(start(0), start(1));
            await Promise.all(children.map((c) => c.waitFor('ready')));
            await Promise.all(children.map(killLater));
          }
          for (const [c, journalFile] of journals.entries()) {
            const journal = readAppendJournal(journalFile, c);
            spans.push(...journal.spans);
            if (journal.interrupted !== null) killedInsideAppend++;
          }
          for (const c of children) {
            for (const m of c.messages) if (m.kind === 'ack') acked.set(m.batchId, m.size);
          }
          expect(integrityCheck(file)).toBe('ok');
          // Only what was appended since the last check: the log grows with every trial.
          const db = new Database(file, { readonly: true });
          db.defaultSafeIntegers(true);
          const rows = db
            .prepare<[bigint], BatchRow>(
              `SELECT position, data FROM events WHERE type = 'CrashBatchAppended' AND position > ? ORDER BY position`,
            )
            .all(checkedUpTo);
          db.close();
          for (const row of rows) {
            const data = JSON.parse(row.data) as { batchId: string; size: number; index: number };
            const batch = seen.get(data.batchId) ?? { size: data.size, positions: [] };
            batch.positions[data.index] = row.position;
            seen.set(data.batchId, batch);
            checkedUpTo = row.position;
          }
          for (const [batchId, batch] of seen) {
            const whole =
              batch.positions.filter((p) => p !== undefined).length === batch.size &&
              batch.positions.every((p, i) => i === 0 || p === batch.positions[i - 1]! + 1n);
            if (!whole)
              throw new Error(`batch ${batchId} is not whole: ${batch.positions.join(',')}`);
          }
          const lost = [...acked.keys()].filter((id) => !seen.has(id));
          expect(lost).toEqual([]);
        });
      }
      const unacknowledgedButPresent = [...seen.keys()].filter((id) => !acked.has(id)).length;
      const store = new SqliteEventStore({ file });
      try {
        const verified = await verifyLog(store);
        expect(verified).toMatchObject({ ok: true });
        const events = verified.eventsChecked;
        recordFigures('crashes-append', {
          seed: SEED,
          kills: trials * 2,
          batchesAcknowledged: acked.size,
          batchesPresent: seen.size,
          presentButNotAcknowledged: unacknowledgedButPresent,
          killedInsideAppend,
          appendsOfOneOverlappingTheOther: crossOverlaps(spans),
          events,
          durationMs: Date.now() - started,
        });
      } finally {
        await store.close();
      }
      // The kills landed while batches were being written, not before the first, and at
      // least one inside an append (mid-batch); and the two appenders wrote at once.
      expect(seen.size).toBeGreaterThan(APPEND_KILLS);
      expect(killedInsideAppend).toBeGreaterThan(0);
      expect(crossOverlaps(spans)).toBeGreaterThan(0);
    });
  });

  describe('when the projection process is killed while catching up, many times', () => {
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

    it(`ends with read models equal to a clean rebuild (${PROJECTION_ROUNDS} histories × ${PROJECTION_KILLS} kills)`, async () => {
      const random = randomFor(SEED, 'projection');
      const started = Date.now();
      let kills = 0;
      let killsMidway = 0;
      let events = 0;
      for (let round = 0; round < PROJECTION_ROUNDS; round++) {
        const historySeed = random.int(0, 2 ** 31);
        await trial(
          { ...at, label: `projection round ${round} (history seed ${historySeed})` },
          async () => {
            const roundDir = mkdtempSync(join(dir, 'round-'));
            const eventsFile = join(roundDir, 'events.sqlite');
            const docsFile = join(roundDir, 'read-models.sqlite');
            const clock = new ManualClock(new Date('2024-03-19T01:00:00.000Z'));
            const store = new SqliteEventStore({ file: eventsFile, clock: clock.now });
            try {
              await generateBudgetHistory(store, clock, {
                seed: historySeed,
                operations: PROJECTION_OPERATIONS,
              });
              const head = await store.headPosition();
              events += (await wholeLog(store)).length;
              // Small batches: many commits, so that a kill can land between or inside them.
              const batchSize = random.int(1, 6);
              // How long a whole catch-up takes here, so that kills land during it.
              const scratch = new SqliteDocumentStore({ file: join(roundDir, 'scratch.sqlite') });
              const timing = Date.now();
              for (const projection of ALL_PROJECTIONS) {
                await projectRange(store, scratch, await servingGeneration(scratch, projection), {
                  batchSize,
                });
              }
              const fullMs = Math.max(20, Date.now() - timing);
              await scratch.close();
              const run = (killAfterBatches: number): ChildRun =>
                startChild('crash-projector.ts', [
                  eventsFile,
                  docsFile,
                  String(batchSize),
                  String(killAfterBatches),
                ]);
              // Gaps per projection: the runner catches them up one after another.
              let gaps = ALL_PROJECTIONS.map(() => Number(head ?? 0n));
              const total = gaps.reduce((a, b) => a + b, 0);
              for (let k = 0; k < PROJECTION_KILLS; k++) {
                const left = gaps.reduce((a, b) => a + b, 0);
                if (left === 0) break;
                // Most kills right after a random batch has committed; the rest at a random
                // moment, which may fall inside a commit. The first kill of every history is
                // a tripwire short of the last batch, so that one kill per run surely lands
                // mid-catch-up (a timed kill may come after a fast child has finished).
                const batchesLeft = gaps.reduce((a, g) => a + Math.ceil(g / batchSize), 0);
                const tripwire =
                  k === 0 && batchesLeft > 1
                    ? random.int(1, batchesLeft - 1)
                    : random.chance(0.6)
                      ? random.int(1, batchesLeft)
                      : 0;
                const child = run(tripwire);
                await child.waitFor('ready');
                if (tripwire === 0) await sleep(random.int(0, Math.ceil((fullMs * left) / total)));
                const exit = tripwire === 0 ? await child.kill() : await child.exited;
                if (exit.signal === 'SIGKILL') kills++;
                expect(integrityCheck(docsFile)).toBe('ok');
                const docs = new SqliteDocumentStore({ file: docsFile });
                try {
                  const now: number[] = [];
                  for (const projection of ALL_PROJECTIONS) {
                    const checkpoint = await docs.checkpoint(
                      checkpointName(await servingGeneration(docs, projection)),
                    );
                    now.push(Number((head ?? 0n) - (checkpoint?.position ?? 0n)));
                  }
                  const nowLeft = now.reduce((a, b) => a + b, 0);
                  // Killed after some progress and before the end: mid-catch-up.
                  if (exit.signal === 'SIGKILL' && nowLeft > 0 && nowLeft < left) killsMidway++;
                  gaps = now;
                } finally {
                  await docs.close();
                }
              }
              const last = run(0);
              await last.waitFor('done');
              await last.exited;

              const crashed = new SqliteDocumentStore({ file: docsFile });
              const fresh = new SqliteDocumentStore({ file: join(roundDir, 'fresh.sqlite') });
              try {
                for (const projection of ALL_PROJECTIONS) {
                  await projectRange(store, fresh, await servingGeneration(fresh, projection));
                  // And inside the crashed store: a clean generation beside the serving one.
                  const clean = { projection, tag: 'clean' };
                  await projectRange(store, crashed, clean);
                  const comparison = await compareGenerations(
                    crashed,
                    await servingGeneration(crashed, projection),
                    clean,
                  );
                  expect({
                    projection: projection.name,
                    differences: comparison.differences,
                  }).toEqual({
                    projection: projection.name,
                    differences: [],
                  });
                }
                expect(await everything(crashed)).toEqual(await everything(fresh));
              } finally {
                await crashed.close();
                await fresh.close();
              }
            } finally {
              await store.close();
            }
          },
        );
      }
      // At least one kill landed mid-catch-up: after some batches, before the last.
      expect(killsMidway).toBeGreaterThan(0);
      recordFigures('crashes-projection', {
        seed: SEED,
        histories: PROJECTION_ROUNDS,
        operationsPerHistory: PROJECTION_OPERATIONS,
        events,
        kills,
        killsWhileCatchingUp: killsMidway,
        durationMs: Date.now() - started,
      });
    });
  });

  describe('when the transfer process manager is killed between debit and credit', () => {
    interface Legs {
      amount: string | null;
      out: string[];
      in: string[];
      reversed: number;
      completed: number;
      failed: number;
    }

    function legsOf(log: readonly RecordedEvent[]): Map<string, Legs> {
      const legs = new Map<string, Legs>();
      const of = (id: string): Legs => {
        const found = legs.get(id) ?? {
          amount: null,
          out: [],
          in: [],
          reversed: 0,
          completed: 0,
          failed: 0,
        };
        legs.set(id, found);
        return found;
      };
      for (const e of log) {
        const id = e.data.transferId;
        if (typeof id !== 'string') continue;
        const amount = typeof e.data.amount === 'string' ? e.data.amount : '';
        switch (e.type) {
          case 'TransferRequested':
            of(id).amount = amount;
            break;
          case 'FundsTransferredOut':
            of(id).out.push(amount);
            break;
          case 'FundsTransferredIn':
            of(id).in.push(amount);
            break;
          case 'TransferOutReversed':
            of(id).reversed++;
            break;
          case 'TransferCompleted':
            of(id).completed++;
            break;
          case 'TransferFailed':
            of(id).failed++;
            break;
        }
      }
      return legs;
    }

    /** Holds at any moment, even mid-transfer: no step twice, no credit without its debit. */
    function checkPartial(id: string, l: Legs): void {
      const ok =
        l.out.length <= 1 &&
        l.in.length <= 1 &&
        l.reversed <= 1 &&
        l.completed + l.failed <= 1 &&
        (l.in.length === 0 || l.out.length === 1) &&
        !(l.in.length === 1 && l.reversed === 1);
      if (!ok) throw new Error(`transfer ${id} is in an impossible state: ${JSON.stringify(l)}`);
    }

    /** After the process manager ran to the end: both sides or neither. */
    function checkSettled(id: string, l: Legs): 'completed' | 'failed' {
      checkPartial(id, l);
      if (l.completed === 1) {
        if (l.out[0] !== l.amount || l.in[0] !== l.amount || l.reversed !== 0) {
          throw new Error(`completed transfer ${id} moved the wrong amounts: ${JSON.stringify(l)}`);
        }
        return 'completed';
      }
      const neither = l.out.length === 0 && l.in.length === 0;
      const undone = l.out.length === 1 && l.reversed === 1 && l.in.length === 0;
      if (l.failed !== 1 || !(neither || undone)) {
        throw new Error(`transfer ${id} is neither moved nor undone: ${JSON.stringify(l)}`);
      }
      return 'failed';
    }

    it(`moves both sides or neither, and conservation holds (${TRANSFER_ROUNDS} rounds of ${TRANSFERS_PER_ROUND} transfers, killed every 1–${TRANSFER_TRIPWIRE} appends)`, async () => {
      const random = randomFor(SEED, 'transfers');
      const started = Date.now();
      const file = join(dir, 'events.sqlite');
      const store = new SqliteEventStore({ file });
      const outcome = { completed: 0, failed: 0, kills: 0, midTransferStates: 0 };
      try {
        const lines = await openLines(store, 5, 200_000_000n);
        for (let round = 0; round < TRANSFER_ROUNDS; round++) {
          await trial({ ...at, label: `transfer round ${round}` }, async () => {
            const ids = await approveTransfers(
              store,
              random,
              lines,
              TRANSFERS_PER_ROUND,
              `tr-${SEED}-${round}`,
            );
            // Runs of the process manager, each killed right after its 1st to 5th append
            // (exactly between two steps: debit, credit, completion, compensation) or, one
            // time in five, at a random moment — until a run gets to the end.
            for (let runs = 0; ; runs++) {
              if (runs >= TRANSFER_MAX_RUNS) throw new Error('the transfers never completed');
              const tripwire = random.chance(0.8) ? random.int(1, TRANSFER_TRIPWIRE) : 0;
              const child = startChild('crash-transfers.ts', [file, String(tripwire)]);
              await child.waitFor('ready');
              if (tripwire === 0) {
                await sleep(random.int(0, 30));
                await child.kill();
              }
              const exit = await child.exited;
              if (exit.signal !== 'SIGKILL') {
                if (!child.messages.some((m) => m.kind === 'done')) {
                  throw new Error(`the transfer process failed: ${child.stderr()}`);
                }
                break;
              }
              outcome.kills++;
              const legs = legsOf(await wholeLog(store));
              for (const id of ids) {
                const l = legs.get(id)!;
                checkPartial(id, l);
                if (l.out.length === 1 && l.in.length === 0 && l.reversed === 0 && l.failed === 0) {
                  outcome.midTransferStates++;
                }
              }
              const conservation = await checkConservation(store);
              expect(conservation.problems).toEqual([]);
            }
            const legs = legsOf(await wholeLog(store));
            for (const id of ids) outcome[checkSettled(id, legs.get(id)!)]++;
            const conservation = await checkConservation(store);
            expect({ problems: conservation.problems, inFlight: conservation.inFlight }).toEqual({
              problems: [],
              inFlight: 0n,
            });
          });
        }
        expect((await verifyLog(store)).ok).toBe(true);
      } finally {
        await store.close();
      }
      // At least one kill left a transfer debited and not yet credited (mid-transfer).
      expect(outcome.midTransferStates).toBeGreaterThan(0);
      recordFigures('crashes-transfers', {
        seed: SEED,
        rounds: TRANSFER_ROUNDS,
        transfers: TRANSFER_ROUNDS * TRANSFERS_PER_ROUND,
        ...outcome,
        durationMs: Date.now() - started,
      });
    });
  });
});
