/**
 * The CPU of a rebuild's batch check, encode and pack (what the replaying thread does per
 * commit before the writer thread takes a batch: `packBatch(encodeBatch(…))`), this tree
 * against another checkout, in one process, interleaved, on the documents of a read-model
 * file (a rebuild's output): the whole-command figures of rebuild-side-by-side.ts move by
 * ±10 % on a shared machine, more than this part's share.
 *
 *   node -r @swc-node/register bench/dev/encode-batch-cpu.ts \
 *     --base /work/wt/base --read-models <folder>/read-models.sqlite [--rounds 7] [--batch 330]
 */
import Database from 'better-sqlite3';
import { join, resolve } from 'node:path';
import type { Write } from '@app/read-models';
import { median } from '../lib/stats';

type Pack = (batch: unknown) => unknown;
type Encode = (
  projection: string,
  writes: readonly Write[],
  position: bigint,
  v: number,
) => unknown;

function arg(name: string, fallback?: string): string {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? process.argv[at + 1] : fallback;
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}

function side(tree: string): (batches: readonly (readonly Write[])[]) => number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const m = require(join(tree, 'libs/read-models/src/sqlite/sqlite-batch.ts')) as {
    encodeBatch: Encode;
    packBatch: Pack;
  };
  return (batches) => {
    const start = process.cpuUsage();
    batches.forEach((writes, i) => m.packBatch(m.encodeBatch('p', writes, BigInt(i + 1), 1)));
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
}

function main(): void {
  const db = new Database(resolve(arg('read-models')), { readonly: true });
  const batchSize = Number(arg('batch', '330'));
  const rounds = Number(arg('rounds', '7'));
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%doc TEXT NOT NULL%'",
    )
    .pluck()
    .all() as string[];
  // Documents as a rebuild's evolve hands them over: objects, grouped by collection.
  const writes: Write[] = [];
  for (const table of tables) {
    for (const text of db.prepare(`SELECT doc FROM "${table}"`).pluck().iterate()) {
      writes.push({ op: 'put', collection: table, doc: JSON.parse(text as string) as never });
    }
  }
  db.close();
  const batches: Write[][] = [];
  for (let i = 0; i < writes.length; i += batchSize) batches.push(writes.slice(i, i + batchSize));
  const sides = { base: side(resolve(arg('base'))), this: side(resolve(__dirname, '..', '..')) };
  const ms: Record<'base' | 'this', number[]> = { base: [], this: [] };
  sides.base(batches.slice(0, 50));
  sides.this(batches.slice(0, 50));
  for (let r = 0; r < rounds; r++) {
    const order: ('base' | 'this')[] = r % 2 ? ['this', 'base'] : ['base', 'this'];
    for (const s of order) ms[s].push(sides[s](batches));
  }
  const b = median(ms.base);
  const t = median(ms.this);
  console.log(
    `${writes.length} documents in ${batches.length} batches; CPU ms per pass, median of ${rounds}: ` +
      `base ${b.toFixed(0)}, this ${t.toFixed(0)} (${(t / b).toFixed(2)}×); ` +
      `pairs ${ms.base.map((x, i) => (ms.this[i]! / x).toFixed(2)).join(' ')}`,
  );
}

main();
