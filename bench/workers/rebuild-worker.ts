/**
 * Runs in a child process of its own so that its peak RSS is its own: either rebuilds
 * every projection from the log into a fresh read-model file, or (the baseline) reads
 * the same log raw and parses each event's JSON. Replies with its time and VmHWM.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
// Deep imports: the package indexes would load the MongoDB driver, EventStoreDB's client
// and Nest into a process whose peak RSS is the figure (see ../lib/projections.ts).
import { SqliteEventStore } from '@app/event-store';
import { SqliteDocumentStore } from '@app/read-models';
import { projectAll, type ProjectedCounts } from '../lib/projections';

export interface RebuildWorkerConfig {
  readonly kind: 'rebuild' | 'raw';
  readonly log: string;
  readonly readModels?: string;
}

export interface RebuildWorkerReply {
  readonly events: number;
  readonly ms: number;
  readonly peakRssMb: number;
  readonly projections?: readonly ProjectedCounts[];
}

function peakRssMb(): number {
  const status = readFileSync('/proc/self/status', 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  if (match?.[1]) return Number(match[1]) / 1024;
  return process.resourceUsage().maxRSS / 1024;
}

async function main(): Promise<RebuildWorkerReply> {
  const config = JSON.parse(process.argv[2] ?? '{}') as RebuildWorkerConfig;
  if (config.kind === 'raw') {
    const db = new Database(config.log, { readonly: true });
    db.defaultSafeIntegers(true);
    const started = performance.now();
    let events = 0;
    let bytes = 0;
    const rows = db
      .prepare(
        'SELECT position, event_id, stream_id, revision, type, schema_version, data, metadata, previous_hash, hash FROM events ORDER BY position',
      )
      .iterate() as IterableIterator<{ data: string; metadata: string }>;
    for (const row of rows) {
      const data = JSON.parse(row.data) as object;
      const metadata = JSON.parse(row.metadata) as object;
      bytes += Object.keys(data).length + Object.keys(metadata).length;
      events++;
    }
    const ms = performance.now() - started;
    db.close();
    if (bytes === 0) throw new Error('nothing parsed');
    return { events, ms, peakRssMb: peakRssMb() };
  }
  if (!config.readModels) throw new Error('rebuild needs a read-model file');
  const store = new SqliteEventStore({ file: config.log });
  const docs = new SqliteDocumentStore({ file: config.readModels });
  try {
    const started = performance.now();
    const projections = await projectAll(store, docs);
    const ms = performance.now() - started;
    const events = projections[0]?.events ?? 0;
    return { events, ms, peakRssMb: peakRssMb(), projections };
  } finally {
    await docs.close();
    await store.close();
  }
}

main().then(
  (reply) => {
    // Run by hand (no IPC channel), it prints its figures instead.
    if (!process.send) return console.log(JSON.stringify(reply));
    process.send(reply);
    process.disconnect();
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
