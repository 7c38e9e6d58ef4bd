/**
 * Where a time-travel report's time goes: runs the side-by-side bench's queries on one
 * read-model file and, per kind of read (collection and filter's fields), counts the
 * documents and bytes read and the CPU time spent in the store's calls (SQLite and
 * JSON.parse) against the query's own JS.
 *
 *   node -r @swc-node/register bench/dev/time-travel-profile.ts \
 *     --history bench/.data/<history>.sqlite --models <read-models.sqlite> --queries 60
 */
import { readFileSync } from 'node:fs';
import {
  balancesProjection,
  queryBalances,
  ReadModels,
  servingGeneration,
  SqliteDocumentStore,
  type Doc,
  type Filter,
} from '@app/read-models';
import type { HistoryManifest } from '../lib/history-generator';
import { Random } from '../lib/random';
import { params, type Kind } from '../time-travel.bench';

function arg(name: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i > 0 ? process.argv[i + 1] : undefined;
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}

interface Tally {
  calls: number;
  docs: number;
  bytes: number;
  cpuMs: number;
}

const reads = new Map<string, Tally>();
/** The current query's reads, for the slowest queries' breakdown. */
let current: string[] = [];
function note(key: string, docs: readonly Doc[], cpuMs: number): void {
  if (cpuMs > 1) current.push(`${key}: ${docs.length} docs ${cpuMs.toFixed(1)} ms`);
  const t = reads.get(key) ?? { calls: 0, docs: 0, bytes: 0, cpuMs: 0 };
  t.calls++;
  t.docs += docs.length;
  if (process.argv.includes('--bytes')) for (const d of docs) t.bytes += JSON.stringify(d).length;
  t.cpuMs += cpuMs;
  reads.set(key, t);
}
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
function shape(collection: string, filter: Filter): string {
  const fields = Object.entries(filter).map(([k, v]) =>
    typeof v === 'object' && v !== null
      ? `${k}:${Object.keys(v).join('')}`
      : `${k}=${String(v).slice(0, 2)}`,
  );
  return `${bare(collection)} {${fields.join(',')}}`;
}

function bare(collection: string): string {
  return collection.replace(/@.*|__g.*/, '');
}

/**
 * The store's work is synchronous (better-sqlite3): timed around the call, not the await,
 * so that reads started together (Promise.all) are not counted twice.
 */
async function timed<T>(
  key: string,
  read: () => Promise<T>,
  docsOf: (t: T) => readonly Doc[],
): Promise<T> {
  const t = cpuNow();
  const pending = read();
  const spent = cpuNow() - t;
  const out = await pending;
  note(key, docsOf(out), spent);
  return out;
}

async function main(): Promise<void> {
  const manifest = JSON.parse(
    readFileSync(arg('history').replace(/\.sqlite$/, '.manifest'), 'utf8'),
  ) as HistoryManifest;
  const docs = new SqliteDocumentStore({ file: arg('models') });
  await servingGeneration(docs, balancesProjection);
  const find = docs.find.bind(docs);
  const getMany = docs.getMany.bind(docs);
  const get = docs.get.bind(docs);
  docs.find = (collection, filter, options) =>
    timed(
      shape(collection, filter),
      () => find(collection, filter, options),
      (d) => d,
    );
  docs.getMany = (collection, ids) =>
    timed(
      `${bare(collection)} getMany`,
      () => getMany(collection, ids),
      (d) => d,
    );
  docs.get = (collection, id) =>
    timed(
      `${bare(collection)} get`,
      () => get(collection, id),
      (d) => (d ? [d] : []),
    );
  const models = new ReadModels(docs);
  const random = new Random(99);
  const count = Number(arg('queries'));
  const kinds = (
    process.argv.includes('--kind') ? [arg('kind')] : ['asOf', 'knownAt', 'both']
  ) as Kind[];
  const total = { cpuMs: 0, n: 0 };
  const slowest: { cpuMs: number; q: object; reads: string[] }[] = [];
  const present = { cpuMs: 0, n: 0 };
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length]!;
    const q = params(random, manifest, kind, () =>
      random.chance(0.5) ? random.int(0, 60) : random.int(61, 365),
    );
    current = [];
    const t = cpuNow();
    await queryBalances(models, q);
    const spent = cpuNow() - t;
    total.cpuMs += spent;
    total.n++;
    slowest.push({ cpuMs: spent, q, reads: current });
  }
  const storeMs = [...reads.values()].reduce((s, t) => s + t.cpuMs, 0);
  const rows = [...reads.entries()].sort((a, b) => b[1].cpuMs - a[1].cpuMs);
  console.log(
    `${total.n} queries, ${(total.cpuMs / total.n).toFixed(2)} ms CPU each; store ${(storeMs / total.n).toFixed(2)} ms, the rest ${((total.cpuMs - storeMs) / total.n).toFixed(2)} ms`,
  );
  console.log('per query: calls, docs, kB, CPU ms — read');
  for (const [key, t] of rows) {
    console.log(
      `  ${(t.calls / total.n).toFixed(1)}\t${(t.docs / total.n).toFixed(0)}\t${(t.bytes / total.n / 1000).toFixed(0)}\t${(t.cpuMs / total.n).toFixed(2)}\t${key}`,
    );
  }
  slowest.sort((a, b) => b.cpuMs - a.cpuMs);
  for (const s of slowest.slice(0, Number(process.env.SLOWEST ?? 0))) {
    console.log(`${s.cpuMs.toFixed(1)} ms ${JSON.stringify(s.q)}\n    ${s.reads.join('\n    ')}`);
  }
  reads.clear();
  for (let i = 0; i < 20; i++) {
    const t = cpuNow();
    await queryBalances(models, {
      fiscalYear: manifest.fiscalYears[i % manifest.fiscalYears.length]!,
    });
    present.cpuMs += cpuNow() - t;
    present.n++;
  }
  console.log(`present-day report: ${(present.cpuMs / present.n).toFixed(2)} ms CPU each`);
  for (const [key, t] of reads)
    console.log(
      `  ${(t.docs / present.n).toFixed(0)} docs ${(t.bytes / present.n / 1000).toFixed(0)} kB ${(t.cpuMs / present.n).toFixed(2)} ms ${key}`,
    );
  await docs.close();
}

void main();
