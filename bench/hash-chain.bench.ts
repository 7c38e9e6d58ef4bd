/**
 * Hash chain: the same raw prepared inserts (WAL, synchronous=FULL, JSON serialised at
 * insert time) with and without computing each event's hashEvent and chaining it to its
 * predecessor — what the chain costs an append, apart from everything else the port does.
 *
 *   node -r @swc-node/register bench/hash-chain.bench.ts [--smoke]
 */
import { join } from 'node:path';
import { openRawLog, rawEventAppender, tempDir, type PlannedBatch } from './lib/raw-log';
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
import { fastHashEvent } from './lib/fast-hash';
import { hashEvent, type EventMetadata } from '@app/event-store';

/** The candidate encoder must give the library's exact hashes, or its figure means nothing. */
function checkSameHashes(batches: readonly PlannedBatch[]): void {
  for (const b of batches) {
    for (const event of b.events) {
      const metadata: EventMetadata = { ...event.metadata, recordedAt: '2024-05-10T03:00:00.000Z' };
      const content = {
        ...event,
        streamId: b.streamId,
        revision: 3n,
        metadata,
        previousHash: 'ab',
      };
      if (hashEvent(content) !== fastHashEvent(content)) {
        throw new Error(`fast canonical JSON differs from hashing.ts for event ${event.id}`);
      }
    }
  }
}

const SIZES: Record<Mode, { rounds: number; appends: Record<number, number> }> = {
  full: { rounds: 7, appends: { 100: 80, 10: 200, 1: 300 } },
  smoke: { rounds: 1, appends: { 100: 4, 10: 5, 1: 5 } },
};

function time(
  file: string,
  batches: readonly PlannedBatch[],
  withHash: boolean | typeof fastHashEvent,
): number {
  const db = openRawLog(file);
  try {
    const append = rawEventAppender(db, withHash, '2024-05-10T03:00:00.000Z');
    const started = nowMs();
    for (const b of batches) append(b);
    return nowMs() - started;
  } finally {
    db.close();
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
      checkSameHashes(batches);
      const rate = (ms: number): number => (appends * batchSize) / (ms / 1000);
      const samples = await interleave(
        sizes.rounds,
        [
          { name: 'chain', run: async () => rate(time(fresh(), batches, true)) },
          { name: 'plain', run: async () => rate(time(fresh(), batches, false)) },
          { name: 'fast', run: async () => rate(time(fresh(), batches, fastHashEvent)) },
        ],
        { warmup: mode === 'full' },
      );
      const row = rateRow(
        `append ${batchSize}/batch: with hash chain vs without`,
        'events/s',
        samplesOf(samples, 'chain'),
        samplesOf(samples, 'plain'),
        'same raw inserts, no hashEvent',
        median,
      );
      const fast = rateRow(
        `append ${batchSize}/batch: chain with a faster canonical JSON (same hashes) vs without`,
        'events/s',
        samplesOf(samples, 'fast'),
        samplesOf(samples, 'plain'),
        'same raw inserts, no hashEvent',
        median,
      );
      rows.push(row, fast);
      const slower = (1 / (row.ratio ?? 1) - 1) * 100;
      // A slowdown at or below zero is noise in the chain's favour: report it as 0.01 %.
      targets.push({
        id: `hash-chain-${batchSize}`,
        what: `hash chain cost at ${batchSize}/batch (slower by)`,
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
    `${sizes.rounds} interleaved rounds, fresh file each, medians; the chain side computes hashEvent (canonical JSON + SHA-256) per event under the write lock, as the adapter does`,
  ]);
}

if (require.main === module) runMain(() => runHashChain(modeFromArgs()));
