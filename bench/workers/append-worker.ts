/**
 * One of several processes appending to one shared log at once (the concurrent-appenders
 * benchmark). Prepares everything, says `ready`, waits for `go`, appends its batches to
 * its own streams as fast as it can, and reports what landed and how the rest failed.
 * Run by bench/append.bench.ts with `node -r @swc-node/register`.
 */
import { rmSync } from 'node:fs';
import { SqliteEventStore } from '@app/event-store';
import { keptConnection, toEmmett } from '../lib/emmett-peer';
import { openRawLog, rawAppender, rowsOf, type PlannedBatch } from '../lib/raw-log';
import { planBatches } from '../lib/workload';

export type AppendVariant = 'port' | 'raw' | 'emmett';

export interface AppendWorkerConfig {
  readonly variant: AppendVariant;
  readonly file: string;
  readonly batchSize: number;
  readonly appends: number;
  readonly salt: number;
}

export type AppendWorkerReply =
  | { readonly kind: 'ready' }
  | {
      readonly kind: 'done';
      readonly events: number;
      readonly failedAppends: number;
      readonly firstError: string | null;
      readonly ms: number;
      /** The process's CPU (user + system) over the timed appends, ms. */
      readonly cpuMs: number;
    };

const config = JSON.parse(process.argv[2] ?? '{}') as AppendWorkerConfig;

function send(message: AppendWorkerReply): void {
  process.send?.(message);
}

interface Appender {
  readonly append: (i: number) => Promise<void>;
  readonly close: () => Promise<void>;
}

async function open(file: string, batches: readonly PlannedBatch[]): Promise<Appender> {
  let append: (i: number) => Promise<void>;
  let close: () => Promise<void>;
  switch (config.variant) {
    case 'port': {
      const store = new SqliteEventStore({ file });
      append = async (i) => {
        const b = batches[i];
        if (!b) return;
        await store.append(b.streamId, b.events, {
          expectedRevision: b.firstRevision === 0n ? 'no_stream' : b.firstRevision - 1n,
        });
      };
      close = () => store.close();
      break;
    }
    case 'raw': {
      const db = openRawLog(file);
      const insert = rawAppender(db);
      const rows = rowsOf(batches, new Date().toISOString());
      append = async (i) => insert(rows[i] ?? []);
      close = async () => {
        db.close();
      };
      break;
    }
    case 'emmett': {
      const peer = await keptConnection(file);
      const events = batches.map((b) => b.events.map(toEmmett));
      append = (i) => peer.append(batches[i]?.streamId ?? 'x', events[i] ?? []);
      close = async () => peer.close();
      break;
    }
  }
  return { append, close };
}

/**
 * Every variant first runs the same appends on a scratch file, untimed, as the
 * sequential benchmarks do with their warm-up round: otherwise the figure would include
 * each side's JIT warm-up (the port's encoder and hashing run in JavaScript, the raw
 * side's JSON.stringify is native), which a long-running server pays once.
 */
async function warmUp(): Promise<void> {
  const scratch = `${config.file}.warm-${config.salt}`;
  const batches = planBatches(Math.min(config.appends, 40), config.batchSize, {
    streams: 10,
    salt: 1000 + config.salt,
    seed: 200 + config.salt,
  });
  const side = await open(scratch, batches);
  for (let i = 0; i < batches.length; i++) await side.append(i);
  await side.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${scratch}${suffix}`, { force: true });
}

async function main(): Promise<void> {
  await warmUp();
  const batches = planBatches(config.appends, config.batchSize, {
    streams: 10,
    salt: config.salt,
    seed: 100 + config.salt,
  });
  const { append, close } = await open(config.file, batches);
  const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
  send({ kind: 'ready' });
  await go;
  let events = 0;
  let failedAppends = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < batches.length; i++) {
    try {
      await append(i);
      events += config.batchSize;
    } catch (error) {
      failedAppends++;
      firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  await close();
  send({
    kind: 'done',
    events,
    failedAppends,
    firstError,
    ms,
    cpuMs: (used.user + used.system) / 1000,
  });
}

// Emmett logs every failed transaction with console.log: keep the parent's output readable.
console.log = () => undefined;
main().then(
  () => process.disconnect(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
