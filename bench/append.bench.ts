/**
 * Append: the event-store port (SqliteEventStore) against raw prepared better-sqlite3
 * inserts of the same rows with the same pragmas, and against Emmett's SQLite event store
 * with one kept connection, at 100, 10 and 1 events per append, synchronous=FULL; then
 * several processes appending to one file at once.
 *
 *   node -r @swc-node/register bench/append.bench.ts [--smoke]
 */
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { defaultStore, keptConnection, toEmmett } from './lib/emmett-peer';
import { exited, forkTs, nextMessage } from './lib/children';
import { openRawLog, rawAppender, rowsOf, tempDir, type PlannedBatch } from './lib/raw-log';
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
import type { AppendVariant, AppendWorkerConfig, AppendWorkerReply } from './workers/append-worker';

interface Sizes {
  readonly rounds: number;
  readonly appends: Record<number, number>;
  readonly workers: number;
  readonly concurrentAppends: Record<number, number>;
}

const SIZES: Record<Mode, Sizes> = {
  full: {
    rounds: 5,
    appends: { 100: 60, 10: 200, 1: 300 },
    workers: 4,
    concurrentAppends: { 100: 40, 1: 150 },
  },
  smoke: {
    rounds: 1,
    appends: { 100: 4, 10: 10, 1: 10 },
    workers: 2,
    concurrentAppends: { 100: 3 },
  },
};

const RECORDED_AT = '2024-05-10T03:00:00.000Z';

async function timePort(file: string, batches: readonly PlannedBatch[]): Promise<number> {
  const store = new SqliteEventStore({ file, clock: () => new Date(RECORDED_AT) });
  try {
    const started = nowMs();
    for (const b of batches) {
      await store.append(b.streamId, b.events, {
        expectedRevision: b.firstRevision === 0n ? 'no_stream' : b.firstRevision - 1n,
      });
    }
    return nowMs() - started;
  } finally {
    await store.close();
  }
}

async function timeRaw(file: string, batches: readonly PlannedBatch[]): Promise<number> {
  const db = openRawLog(file);
  try {
    const rows = rowsOf(batches, RECORDED_AT);
    const append = rawAppender(db);
    const started = nowMs();
    for (const r of rows) append(r);
    return nowMs() - started;
  } finally {
    db.close();
  }
}

/**
 * Emmett's store (on the async sqlite3 driver) now and then refuses an append with
 * "SQLITE_BUSY: cannot commit transaction - SQL statements in progress" on a loaded
 * machine, its default store (a connection per call) most often. Its transaction is
 * rolled back, so the append is tried again, as a caller would, inside the timing (the
 * retry costs it time), at most 5 times; each retry is counted in `failures`.
 */
async function timeEmmett(
  file: string,
  batches: readonly PlannedBatch[],
  kept: boolean,
  failures: string[],
): Promise<number> {
  const peer = kept ? await keptConnection(file) : defaultStore(file);
  try {
    const events = batches.map((b) => b.events.map(toEmmett));
    const started = nowMs();
    for (let i = 0; i < batches.length; i++) {
      for (let attempt = 1; ; attempt++) {
        try {
          await peer.append(batches[i]?.streamId ?? '', events[i] ?? []);
          break;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          failures.push(`${kept ? 'kept connection' : 'default store'}: ${message}`);
          if (attempt === 5) throw error;
        }
      }
    }
    return nowMs() - started;
  } finally {
    peer.close();
  }
}

export interface ConcurrentOutcome {
  readonly rate: number;
  readonly events: number;
  /** CPU of all the appending processes over their timed appends, per event landed (µs). */
  readonly cpuUsPerEvent: number;
  /** That CPU over the run's wall time: 2 means both cores of the machine were busy. */
  readonly coresBusy: number;
  readonly failedAppends: number;
  readonly firstError: string | null;
}

/**
 * With several processes on two cores, a side whose processes keep both cores busy is
 * bound by its CPU, not by the disk: then port ÷ raw is about raw's CPU per event ÷ the
 * port's (what the chain, validation and encoding cost), whatever the fsyncs do.
 */
export function concurrentCpuNote(
  label: string,
  port: readonly ConcurrentOutcome[],
  raw: readonly ConcurrentOutcome[],
): string {
  const cpu = (o: readonly ConcurrentOutcome[]): number => median(o.map((x) => x.cpuUsPerEvent));
  const busy = (o: readonly ConcurrentOutcome[]): number => median(o.map((x) => x.coresBusy));
  return `concurrent ${label}: CPU per event landed (all processes) port ${cpu(port).toFixed(1)} µs, raw ${cpu(raw).toFixed(1)} µs (raw ÷ port ${(cpu(raw) / cpu(port)).toFixed(2)}×); cores busy port ${busy(port).toFixed(2)}, raw ${busy(raw).toFixed(2)} of 2`;
}

export async function concurrent(
  variant: AppendVariant,
  file: string,
  workers: number,
  batchSize: number,
  appends: number,
): Promise<ConcurrentOutcome> {
  // The file and its schema exist before the workers open it, for every variant alike.
  if (variant === 'port') await new SqliteEventStore({ file }).close();
  else if (variant === 'raw') openRawLog(file).close();
  else (await keptConnection(file)).close();
  const children = Array.from({ length: workers }, (_, salt) => {
    const config: AppendWorkerConfig = { variant, file, batchSize, appends, salt: salt + 1 };
    return forkTs(join(__dirname, 'workers', 'append-worker.ts'), [JSON.stringify(config)], {
      quiet: true,
    });
  });
  await Promise.all(children.map((c) => nextMessage<AppendWorkerReply>(c)));
  const done = children.map((c) => nextMessage<AppendWorkerReply>(c));
  const started = nowMs();
  for (const c of children) c.send('go');
  const replies = await Promise.all(done);
  const ms = nowMs() - started;
  await Promise.all(children.map(exited));
  let events = 0;
  let failedAppends = 0;
  let firstError: string | null = null;
  let cpuMs = 0;
  for (const r of replies) {
    if (r.kind !== 'done') continue;
    events += r.events;
    cpuMs += r.cpuMs;
    failedAppends += r.failedAppends;
    firstError ??= r.firstError;
  }
  return {
    rate: events / (ms / 1000),
    events,
    cpuUsPerEvent: (cpuMs * 1000) / Math.max(1, events),
    coresBusy: cpuMs / ms,
    failedAppends,
    firstError,
  };
}

export async function runAppend(mode: Mode): Promise<BenchResult> {
  const started = Date.now();
  const sizes = SIZES[mode];
  const rows: Row[] = [];
  const targets: Target[] = [];
  const notes: string[] = [];
  const emmettFailures: string[] = [];
  const details: Record<string, unknown> = {};
  const tmp = tempDir('bench-append-');
  try {
    // Same durability on every side: check what the peer's connection runs with.
    const probe = await keptConnection(join(tmp.dir, 'probe.sqlite'));
    details.emmettPragmas = await probe.pragmas();
    probe.close();

    let file = 0;
    const fresh = (): string => join(tmp.dir, `log-${++file}.sqlite`);
    for (const batchSize of [100, 10, 1]) {
      const appends = sizes.appends[batchSize] ?? 10;
      const batches = planBatches(appends, batchSize);
      const events = appends * batchSize;
      const rate = (ms: number): number => events / (ms / 1000);
      const samples = await interleave(
        sizes.rounds,
        [
          { name: 'port', run: async () => rate(await timePort(fresh(), batches)) },
          { name: 'raw', run: async () => rate(await timeRaw(fresh(), batches)) },
          {
            name: 'emmett',
            run: async () => rate(await timeEmmett(fresh(), batches, true, emmettFailures)),
          },
          {
            name: 'emmettDefault',
            run: async () => rate(await timeEmmett(fresh(), batches, false, emmettFailures)),
          },
        ],
        { warmup: mode === 'full' },
      );
      const port = samplesOf(samples, 'port');
      const vsRaw = rateRow(
        `append ${batchSize}/batch: port vs raw better-sqlite3`,
        'events/s',
        port,
        samplesOf(samples, 'raw'),
        'raw prepared inserts, same rows and pragmas',
        median,
      );
      const vsPeer = rateRow(
        `append ${batchSize}/batch: port vs Emmett (kept connection)`,
        'events/s',
        port,
        samplesOf(samples, 'emmett'),
        'emmett-sqlite 0.38.5, one kept connection',
        median,
      );
      const vsDefault = rateRow(
        `append ${batchSize}/batch: port vs Emmett (default store)`,
        'events/s',
        port,
        samplesOf(samples, 'emmettDefault'),
        'getSQLiteEventStore, connection per call',
        median,
      );
      rows.push(vsRaw, vsPeer, vsDefault);
      targets.push(
        {
          id: `append-${batchSize}-vs-raw`,
          what: `append ${batchSize}/batch, port ÷ raw`,
          target: '≥ 0.75×',
          measured: vsRaw.ratio ?? 0,
          unit: '×',
          pass: (vsRaw.ratio ?? 0) >= 0.75,
        },
        {
          id: `append-${batchSize}-vs-emmett`,
          what: `append ${batchSize}/batch, port ÷ Emmett`,
          target: '≥ 2×',
          measured: vsPeer.ratio ?? 0,
          unit: '×',
          pass: (vsPeer.ratio ?? 0) >= 2,
        },
      );
      console.log(`  append ${batchSize}/batch done`);
    }

    const concurrentDetails: Record<string, unknown> = {};
    for (const batchSize of Object.keys(sizes.concurrentAppends).map(Number).reverse()) {
      const appends = sizes.concurrentAppends[batchSize] ?? 5;
      const samples = await interleave<ConcurrentOutcome>(sizes.rounds > 1 ? 3 : 1, [
        {
          name: 'port',
          run: () => concurrent('port', fresh(), sizes.workers, batchSize, appends),
        },
        { name: 'raw', run: () => concurrent('raw', fresh(), sizes.workers, batchSize, appends) },
        {
          name: 'emmett',
          run: () => concurrent('emmett', fresh(), sizes.workers, batchSize, appends),
        },
      ]);
      const rates = (name: string): number[] => samplesOf(samples, name).map((o) => o.rate);
      const label = `${sizes.workers} processes × ${batchSize}/batch`;
      const vsRaw = rateRow(
        `concurrent ${label}: port vs raw`,
        'events/s',
        rates('port'),
        rates('raw'),
        'raw prepared inserts, same rows and pragmas',
        median,
      );
      const emmett = samplesOf(samples, 'emmett');
      const failed = emmett.reduce((n, o) => n + o.failedAppends, 0);
      const attempted = emmett.length * sizes.workers * appends;
      const vsPeer: Row = {
        ...rateRow(
          `concurrent ${label}: port vs Emmett`,
          'events/s',
          rates('port'),
          rates('emmett'),
          failed > 0
            ? `emmett: ${failed}/${attempted} appends failed, rate counts landed events`
            : 'emmett-sqlite 0.38.5, one kept connection per process',
          median,
        ),
      };
      rows.push(vsRaw, vsPeer);
      const portFailed = samplesOf(samples, 'port').reduce((n, o) => n + o.failedAppends, 0);
      concurrentDetails[`batch${batchSize}`] = {
        workers: sizes.workers,
        appendsPerWorker: appends,
        port: samplesOf(samples, 'port'),
        raw: samplesOf(samples, 'raw'),
        emmett,
      };
      if (failed > 0) {
        notes.push(
          `Emmett with ${label}: ${failed} of ${attempted} appends failed (${emmett.find((o) => o.firstError)?.firstError ?? '?'}); it sets no busy timeout, so a writer that meets another's lock fails at once instead of waiting`,
        );
      }
      if (portFailed > 0) notes.push(`port with ${label}: ${portFailed} appends failed`);
      notes.push(concurrentCpuNote(label, samplesOf(samples, 'port'), samplesOf(samples, 'raw')));
      targets.push(
        {
          id: `append-concurrent-${batchSize}-vs-raw`,
          what: `concurrent ${label}, port ÷ raw`,
          target: '≥ 0.75×',
          measured: vsRaw.ratio ?? 0,
          unit: '×',
          pass: (vsRaw.ratio ?? 0) >= 0.75,
        },
        {
          id: `append-concurrent-${batchSize}-vs-emmett`,
          what: `concurrent ${label}, port ÷ Emmett (landed events)`,
          target: '≥ 2×',
          measured: vsPeer.ratio ?? 0,
          unit: '×',
          pass: (vsPeer.ratio ?? 0) >= 2,
        },
      );
      console.log(`  concurrent ${label} done`);
    }
    details.concurrent = concurrentDetails;
    if (emmettFailures.length > 0) {
      notes.push(
        `Emmett refused ${emmettFailures.length} sequential append(s), each tried again inside the timing (${emmettFailures.filter((f) => f.startsWith('default')).length} of them its default store): ${emmettFailures[0]}`,
      );
    }
    notes.push(
      'raw = the adapter schema (same table, indexes, triggers), WAL, synchronous=FULL, one prepared INSERT per row, BEGIN IMMEDIATE…COMMIT per batch; hash values precomputed outside the timing, data and metadata serialised to JSON at insert time',
      `each variant appends into a fresh file per round; ${sizes.rounds} interleaved rounds, medians`,
    );
  } finally {
    tmp.dispose();
  }
  return finish('append', mode, started, rows, targets, notes, details);
}

if (require.main === module) runMain(() => runAppend(modeFromArgs()));
