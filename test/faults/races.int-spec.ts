import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, verifyLog } from '@app/event-store';
import { faultSeed, faultSize, randomFor, recordFigures, trial } from '@app/testing/faults';
import { maxInFlight, type Span } from '@app/testing/faults';
import { RacePool } from '@app/testing/faults';

const SEED = faultSeed(20240319);
const WORKERS = 16;
const ROUNDS = faultSize('RACE_ROUNDS', 20, 600);

describe(`races (seed ${SEED}, ${WORKERS} processes × ${ROUNDS} rounds)`, () => {
  let dir: string;
  let pool: RacePool;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-race-'));
    pool = await RacePool.start(WORKERS, join(dir, 'events.sqlite'));
  }, 120_000);

  afterAll(async () => {
    await pool.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives exactly one winner per round, no gap, no duplicate id, strictly increasing positions', async () => {
    const random = randomFor(SEED, 'races');
    const started = Date.now();
    const stream = `race-${SEED}`;
    const noise = `noise-${SEED}`;
    const winners: string[] = [];
    const noiseIds: string[] = [];
    let losses = 0;
    /** Per round, the most appends in flight at one instant (each process reports its span). */
    const inFlight: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await trial({ file: __filename, seed: SEED, label: `round ${round}` }, async () => {
        // Now and then every process appends to another stream first, so that the race's
        // events do not sit at consecutive positions and the log interleaves streams.
        if (random.chance(0.3)) {
          const counts = Array.from({ length: WORKERS }, () => random.int(1, 3));
          const replies = await pool.each((i) => ({
            cmd: 'noise',
            stream: noise,
            count: counts[i]!,
          }));
          for (const r of replies) if (r.kind === 'noise') noiseIds.push(...r.ids);
        }
        // Most rounds start together; in some, a seeded few wait a millisecond or three.
        const pauses = Array.from({ length: WORKERS }, () =>
          random.chance(0.25) ? random.int(1, 3) : 0,
        );
        const replies = await pool.each((i) => ({
          cmd: 'race',
          stream,
          round,
          pauseMs: pauses[i]!,
        }));
        const won = replies.filter((r) => r.kind === 'race' && r.won);
        const lost = replies.filter((r) => r.kind === 'race' && !r.won);
        expect({ round, won: won.length, lost: lost.length }).toEqual({
          round,
          won: 1,
          lost: WORKERS - 1,
        });
        // Every loser saw the winner's event: the stream was at exactly this round.
        expect(lost.every((r) => r.kind === 'race' && r.actual === String(round))).toBe(true);
        losses += lost.length;
        for (const r of won) if (r.kind === 'race') winners.push(r.eventId);
        const spans = replies.flatMap((r): Span[] =>
          r.kind === 'race' ? [{ start: r.start, end: r.end }] : [],
        );
        inFlight.push(maxInFlight(spans));
      });
    }

    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    try {
      const events = await store.readStream(stream);
      expect(events.map((e) => e.id)).toEqual(winners);
      expect(events.map((e) => e.revision)).toEqual(
        Array.from({ length: ROUNDS }, (_, i) => BigInt(i)),
      );
      const all = await store.readAll({ maxCount: 10_000_000 });
      const ids = all.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(winners.length + noiseIds.length);
      all.forEach((e, i) => {
        if (i > 0 && !(e.position > all[i - 1]!.position)) {
          throw new Error(`position ${e.position} follows ${all[i - 1]!.position}`);
        }
      });
      const noiseEvents = await store.readStream(noise);
      expect(noiseEvents.map((e) => e.revision)).toEqual(noiseEvents.map((_, i) => BigInt(i)));
      expect(new Set(noiseEvents.map((e) => e.id))).toEqual(new Set(noiseIds));
      expect((await verifyLog(store)).ok).toBe(true);
    } finally {
      await store.close();
    }
    const db = new Database(join(dir, 'events.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    // The appends raced: in most rounds several were in flight at once (one after another,
    // every round would count 1; see FAULT_FORCE_SERIAL in overlap.ts).
    const raced = inFlight.filter((n) => n >= 2).length;
    expect(raced).toBeGreaterThanOrEqual(Math.ceil(ROUNDS / 2));
    recordFigures('races', {
      seed: SEED,
      processes: WORKERS,
      rounds: ROUNDS,
      appendsAttempted: ROUNDS * WORKERS,
      winners: winners.length,
      losses,
      noiseEvents: noiseIds.length,
      roundsRaced: raced,
      mostAppendsInFlight: Math.max(...inFlight),
      durationMs: Date.now() - started,
    });
  });
});
