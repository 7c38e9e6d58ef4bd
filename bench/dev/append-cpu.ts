/**
 * Process CPU time per appended event through the real SqliteEventStore, this tree's
 * against another tree's copy of `libs/event-store/src` (e.g. main's), interleaved round
 * by round on the same planned batches — for a shared machine, where wall-clock rates
 * move with the load and the disk but CPU time per event much less. Each append is
 * awaited before the next (one append per group, as a lone writer). Each tree's log is
 * verified (`verifyLog`) once, outside the timing.
 *
 *   git archive <commit> libs/event-store/src | tar -x -C /tmp/base
 *   node -r @swc-node/register bench/dev/append-cpu.ts --baseline /tmp/base/libs/event-store/src \
 *     [--memory] [--rounds 9] [--events 20000]
 *
 * `--memory` runs on an in-memory database: no file, no fsync, SQLite's own work and ours.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EventStore, NewEvent, VerifyResult } from '@app/event-store';
import { planBatches } from '../lib/workload';

interface Tree {
  readonly name: string;
  readonly open: (file: string) => EventStore;
  readonly verify: (store: EventStore) => Promise<VerifyResult>;
}

function treeAt(name: string, src: string): Tree {
  /* eslint-disable @typescript-eslint/no-require-imports -- a tree chosen at run time */
  const sqlite = require(join(src, 'sqlite/sqlite-event-store.ts')) as {
    SqliteEventStore: new (o: { file: string }) => EventStore;
  };
  const verify = require(join(src, 'verify.ts')) as {
    verifyLog: (s: EventStore) => Promise<VerifyResult>;
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return {
    name,
    open: (file) => new sqlite.SqliteEventStore({ file }),
    verify: (store) => verify.verifyLog(store),
  };
}

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

type Batch = { readonly streamId: string; readonly events: readonly NewEvent[] };

async function cpuPerEvent(tree: Tree, file: string, batches: readonly Batch[]): Promise<number> {
  const store = tree.open(file);
  try {
    const revisions = new Map<string, bigint>();
    let events = 0;
    const started = process.cpuUsage();
    for (const b of batches) {
      const expected = revisions.get(b.streamId) ?? 'no_stream';
      const r = await store.append(b.streamId, b.events, { expectedRevision: expected });
      revisions.set(b.streamId, r.nextExpectedRevision);
      events += b.events.length;
    }
    const used = process.cpuUsage(started);
    return (used.user + used.system) / events;
  } finally {
    await store.close();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function main(): Promise<void> {
  const memory = process.argv.includes('--memory');
  const rounds = Number(option('--rounds', '9'));
  const total = Number(option('--events', '20000'));
  const baseline = option('--baseline', '');
  const trees = [treeAt('this tree', resolve(__dirname, '../../libs/event-store/src'))];
  if (baseline) trees.push(treeAt('baseline', resolve(baseline)));
  const dir = mkdtempSync(join(tmpdir(), 'append-cpu-'));
  let n = 0;
  const fresh = (): string => (memory ? ':memory:' : join(dir, `log-${++n}.sqlite`));
  try {
    for (const size of [100, 10, 1]) {
      const batches = planBatches(
        Math.max(1, Math.floor(total / size / (size === 1 ? 4 : 1))),
        size,
      );
      for (const tree of trees) {
        const file = join(dir, `check-${tree.name.replace(/ /g, '-')}-${size}.sqlite`);
        await cpuPerEvent(tree, file, batches);
        const store = tree.open(file);
        const result = await tree.verify(store);
        await store.close();
        if (!result.ok) throw new Error(`${tree.name}: its log does not verify`);
      }
      const samples = new Map<string, number[]>(trees.map((t) => [t.name, []]));
      for (let round = 0; round < rounds; round++) {
        // Alternate which tree goes first, so that neither always meets a warmer cache.
        const order = round % 2 === 0 ? trees : [...trees].reverse();
        for (const tree of order)
          samples.get(tree.name)?.push(await cpuPerEvent(tree, fresh(), batches));
      }
      const line = trees
        .map((t) => `${t.name} ${median(samples.get(t.name) ?? []).toFixed(2)} µs`)
        .join(', ');
      const ratio =
        trees.length > 1
          ? ` (÷ baseline ${(median(samples.get('this tree') ?? []) / median(samples.get('baseline') ?? [])).toFixed(3)})`
          : '';
      console.log(`${size}/batch, CPU per event, median of ${rounds}: ${line}${ratio}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
