/**
 * One of several processes appending to one shared log at once (the concurrent-appenders
 * benchmark). Prepares everything, says `ready`, waits for `go`, appends its batches to
 * its own streams as fast as it can, and reports what landed and how the rest failed.
 * Run by bench/append.bench.ts with `node -r @swc-node/register`.
 */
import { SqliteEventStore } from '@app/event-store';
import { keptConnection, toEmmett } from '../lib/emmett-peer';
import { openRawLog, rawAppender, rowsOf } from '../lib/raw-log';
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
    };

const config = JSON.parse(process.argv[2] ?? '{}') as AppendWorkerConfig;

function send(message: AppendWorkerReply): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const batches = planBatches(config.appends, config.batchSize, {
    streams: 10,
    salt: config.salt,
    seed: 100 + config.salt,
  });
  let append: (i: number) => Promise<void>;
  let close: () => Promise<void>;
  switch (config.variant) {
    case 'port': {
      const store = new SqliteEventStore({ file: config.file });
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
      const db = openRawLog(config.file);
      const insert = rawAppender(db);
      const rows = rowsOf(batches, new Date().toISOString());
      append = async (i) => insert(rows[i] ?? []);
      close = async () => {
        db.close();
      };
      break;
    }
    case 'emmett': {
      const peer = await keptConnection(config.file);
      const events = batches.map((b) => b.events.map(toEmmett));
      append = (i) => peer.append(batches[i]?.streamId ?? 'x', events[i] ?? []);
      close = async () => peer.close();
      break;
    }
  }
  const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
  send({ kind: 'ready' });
  await go;
  let events = 0;
  let failedAppends = 0;
  let firstError: string | null = null;
  const started = performance.now();
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
  await close();
  send({ kind: 'done', events, failedAppends, firstError, ms });
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
