/**
 * Hash chain: what the chain costs an append, apart from everything else the port does.
 * Raw prepared inserts (WAL, synchronous=FULL, one INSERT per row, BEGIN IMMEDIATE …
 * COMMIT per batch), three ways (lib/raw-log.ts `rawEventAppender`):
 *
 * - chain: the store's own hashing (format v2, libs/event-store): each event encoded
 *   once to canonical JSON — the stored text and the hashed bytes — and its content
 *   digest taken before BEGIN IMMEDIATE (`encodeBatch`); under the lock only the chain
 *   step (`chainHash`);
 * - unhashed: the same path without its two hashing steps (no content digest, no chain
 *   step, empty hash columns), still storing the canonical JSON: what hashing itself
 *   costs the store's append — the target;
 * - plain: no hash and JSON.stringify instead of the canonical encoding: what a store
 *   without any chain would do, so chain ÷ plain is everything the chain costs, the
 *   canonical encoding (the bytes an auditor re-derives) included;
 * - stored: the step between unhashed and chain, to show what the chain's cost is made of:
 *   unhashed storing two constant hashes of the real length (the hashing is what remains);
 * - v2: the format before v3, for reference (a content digest per event before the lock,
 *   a second SHA-256, the chain step, under it), which older logs carry;
 * - v1: the first format for reference (`hashEventV1` per event under the lock, then
 *   JSON.stringify for the stored text), which logs written before v2 still carry.
 *
 * The chain side's log is verified (`verifyLog`) once per size, outside the timing, so the
 * figure is that of hashes an auditor accepts.
 *
 *   node -r @swc-node/register bench/hash-chain.bench.ts [--smoke]
 */
import { join } from 'node:path';
import { SqliteEventStore, verifyLog } from '@app/event-store';
import {
  openRawLog,
  rawEventAppender,
  tempDir,
  type Hashing,
  type PlannedBatch,
} from './lib/raw-log';
import {
  finish,
  modeFromArgs,
  rateRow,
  runMain,
  type BenchResult,
  type Mode,
  type Row,
  type Target,
} from './lib/report';
import { interleave, median, nowMs, samplesOf } from './lib/stats';
import { planBatches } from './lib/workload';

const RECORDED_AT = '2024-05-10T03:00:00.000Z';

const SIZES: Record<Mode, { rounds: number; appends: Record<number, number> }> = {
  full: { rounds: 7, appends: { 100: 80, 10: 200, 1: 300 } },
  smoke: { rounds: 1, appends: { 100: 4, 10: 5, 1: 5 } },
};

function time(
  file: string,
  batches: readonly PlannedBatch[],
  hashing: Hashing,
  cpuOnly = false,
): number {
  const db = openRawLog(file, cpuOnly);
  try {
    const append = rawEventAppender(db, hashing, RECORDED_AT);
    const started = nowMs();
    for (const b of batches) append(b);
    return nowMs() - started;
  } finally {
    db.close();
  }
}

/** The chain side must write what the verifier accepts, or its figure means nothing. */
async function checkVerifies(file: string, batches: readonly PlannedBatch[]): Promise<void> {
  time(file, batches, 'v3');
  const store = new SqliteEventStore({ file });
  try {
    const result = await verifyLog(store);
    if (!result.ok)
      throw new Error(
        `the chain side's log does not verify: ${JSON.stringify(result.firstBroken, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`,
      );
  } finally {
    await store.close();
  }
}

export async function runHashChain(mode: Mode): Promise<BenchResult> {
  const started = Date.now();
  const sizes = SIZES[mode];
  const rows: Row[] = [];
  const targets: Target[] = [];
  const tmp = tempDir('bench-hash-');
  try {
    let n = 0;
    const fresh = (): string => join(tmp.dir, `log-${++n}.sqlite`);
    for (const batchSize of [100, 10, 1]) {
      const appends = sizes.appends[batchSize] ?? 5;
      const batches = planBatches(appends, batchSize);
      await checkVerifies(fresh(), batches);
      const rate = (ms: number): number => (appends * batchSize) / (ms / 1000);
      const samples = await interleave(
        sizes.rounds,
        [
          { name: 'chain', run: async () => rate(time(fresh(), batches, 'v3')) },
          { name: 'unhashed', run: async () => rate(time(fresh(), batches, 'canonical')) },
          { name: 'v2', run: async () => rate(time(fresh(), batches, 'v2')) },
          { name: 'plain', run: async () => rate(time(fresh(), batches, 'none')) },
          { name: 'v1', run: async () => rate(time(fresh(), batches, 'v1')) },
        ],
        { warmup: mode === 'full' },
      );
      // CPU only (an in-memory database, the same SQLite work without the file): the chain's
      // parts are microseconds, which the disk's variation (fsync 0.3–20 ms here) would drown.
      const cpu = (hashing: Hashing) => async () => rate(time(':memory:', batches, hashing, true));
      const parts = await interleave(
        sizes.rounds,
        [
          { name: 'unhashed', run: cpu('canonical') },
          { name: 'stored', run: cpu('stored') },
          { name: 'v2', run: cpu('v2') },
          { name: 'chain', run: cpu('v3') },
        ],
        { warmup: mode === 'full' },
      );
      const row = rateRow(
        `append ${batchSize}/batch: with hash chain (v3, the store's) vs without`,
        'events/s',
        samplesOf(samples, 'chain'),
        samplesOf(samples, 'unhashed'),
        'same path and canonical JSON, no hashing',
        median,
      );
      const whole = rateRow(
        `append ${batchSize}/batch: with hash chain (v3) vs a store with no chain at all`,
        'events/s',
        samplesOf(samples, 'chain'),
        samplesOf(samples, 'plain'),
        'same raw inserts, JSON.stringify, no hash',
        median,
      );
      const v2 = rateRow(
        `append ${batchSize}/batch: former chain (v2, two SHA-256 an event) vs without`,
        'events/s',
        samplesOf(samples, 'v2'),
        samplesOf(samples, 'unhashed'),
        'same path and canonical JSON, no hashing',
        median,
      );
      const v1 = rateRow(
        `append ${batchSize}/batch: former chain (v1, hashEvent under the lock) vs without`,
        'events/s',
        samplesOf(samples, 'v1'),
        samplesOf(samples, 'plain'),
        'same raw inserts, JSON.stringify, no hash',
        median,
      );
      // What the chain's cost is made of: each step's µs an event beside the step before it
      // (the difference is that step's part; both figures stay positive in a noisy run).
      const perEvent = (name: string): number => 1e6 / median(samplesOf(parts, name));
      const steps: [string, string, string][] = [
        ['stored', 'unhashed', 'storing the two hashes (constant, same length)'],
        ['chain', 'stored', 'hashing, v3 (one SHA-256: chain members and the event’s text)'],
        ['v2', 'stored', 'hashing, v2 (content digest, then chain step: two SHA-256)'],
      ];
      for (const [name, before, what] of steps) {
        rows.push({
          label: `append ${batchSize}/batch, CPU only, µs an event: + ${what}`,
          unit: 'µs/event',
          subject: perEvent(name),
          baseline: perEvent(before),
          baselineLabel: `the step before (${before}), CPU only (in memory)`,
          ratio: perEvent(before) / perEvent(name),
        });
      }
      rows.push({
        label: `append ${batchSize}/batch, CPU only: with hash chain (v3) vs without`,
        unit: 'events/s',
        subject: median(samplesOf(parts, 'chain')),
        baseline: median(samplesOf(parts, 'unhashed')),
        baselineLabel: 'same path, CPU only (in memory)',
        ratio: median(samplesOf(parts, 'chain')) / median(samplesOf(parts, 'unhashed')),
      });
      rows.push({
        label: `append ${batchSize}/batch, CPU only: hash chain v3 vs v2`,
        unit: 'events/s',
        subject: median(samplesOf(parts, 'chain')),
        baseline: median(samplesOf(parts, 'v2')),
        baselineLabel: 'the same path hashing as v2 did, CPU only (in memory)',
        ratio: median(samplesOf(parts, 'chain')) / median(samplesOf(parts, 'v2')),
      });
      rows.push(row, whole, v2, v1);
      const slower = (1 / (row.ratio ?? 1) - 1) * 100;
      // A slowdown at or below zero is noise in the chain's favour: report it as 0.01 %.
      targets.push({
        id: `hash-chain-${batchSize}`,
        what: `hash chain cost at ${batchSize}/batch (slower by; vs JSON.stringify and no hash: ${Math.max(0, (1 / (whole.ratio ?? 1) - 1) * 100).toFixed(0)} %)`,
        target: '≤ 10 %',
        measured: Math.max(0.01, slower),
        unit: '%',
        pass: slower <= 10,
      });
    }
  } finally {
    tmp.dispose();
  }
  return finish('hash-chain', mode, started, rows, targets, [
    `${sizes.rounds} interleaved rounds, fresh file each, medians; the chain side hashes as the adapter does (format v3: canonical JSON encoded once before BEGIN IMMEDIATE, stored and hashed; one SHA-256 an event under the lock over the chain members and that text); the target compares it with the same path minus its hashing; "no chain at all" also drops the canonical encoding for JSON.stringify; v2 is the former two-step chain (content digest before the lock, chain step under it), v1 the first format's per-event hashEventV1 under the lock`,
  ]);
}

if (require.main === module) runMain(() => runHashChain(modeFromArgs()));
