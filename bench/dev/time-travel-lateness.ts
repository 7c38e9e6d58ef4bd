/**
 * Both axes at large lateness, the two ways of this checkout on one read model: the strip
 * of back-dated entries crossing asOf added to the recorded axis's answer (main's way
 * before the versioned tree, `residualProbe.strip` unbounded) against the versioned tree
 * (`strip` 0), one query each in turn, process CPU time per query, answers compared. The
 * bench's generated histories are back-dated by 5–45 days; this one by up to a year.
 *
 *   node -r @swc-node/register bench/dev/time-travel-lateness.ts [--events 60000] [--queries 60]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '@app/event-store';
import {
  balancesProjection,
  balancesToWire,
  projectPage,
  queryBalances,
  ReadModels,
  residualProbe,
  servingGeneration,
  SqliteDocumentStore,
} from '@app/read-models';
import { Random } from '../lib/random';
import { percentile } from '../lib/stats';

const DAY = 86_400_000;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Lines of two fiscal years, a movement every few minutes, 20 % back-dated up to a year. */
function history(count: number, random: Random): RecordedEvent[] {
  const lines = Array.from(
    { length: 300 },
    (_, i) => `${2024 + (i % 2)}.DA${i % 7}.district.${2024 + (i % 2)}.UNIT-${i % 40}`,
  );
  const events: RecordedEvent[] = [];
  let now = Date.parse('2024-01-02T02:00:00.000Z');
  const step = (730 * DAY) / count;
  for (let i = 0; i < count; i++) {
    now += random.int(1, Math.max(2, Math.round(2 * step)));
    const year = new Date(now).getUTCFullYear();
    const lineId = random.pick(lines.filter((l) => Number(l.slice(0, 4)) <= year));
    const today = new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
    const effectiveDate = random.chance(0.2)
      ? new Date(now - random.int(1, 365) * DAY).toISOString().slice(0, 10)
      : today;
    events.push({
      id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      streamId: `budget-line-${lineId}`,
      revision: 0n,
      position: BigInt(i + 1),
      type: random.chance(0.5) ? 'FundsAllocated' : 'ExpenditureApproved',
      schemaVersion: 1,
      data: { budgetLineId: lineId, amount: String(random.int(1, 900) * 1000) },
      metadata: {
        actor: 'bench',
        correlationId: 'c',
        causationId: null,
        effectiveDate,
        recordedAt: new Date(now).toISOString(),
      },
      previousHash: null,
      hash: '',
    });
  }
  return events;
}

async function main(): Promise<void> {
  const random = new Random(20);
  const log = history(option('events', 60_000), random);
  const dir = mkdtempSync(join(tmpdir(), 'tt-lateness-'));
  const docs = new SqliteDocumentStore({ file: join(dir, 'rm.sqlite') });
  try {
    const generation = await servingGeneration(docs, balancesProjection);
    for (let i = 0; i < log.length; i += 500) {
      await projectPage(docs, generation, log.slice(i, i + 500));
    }
    const models = new ReadModels(docs);
    const ways = { strip: 10_000_000, tree: 0 };
    const cpu: Record<keyof typeof ways, number[]> = { strip: [], tree: [] };
    let differ = 0;
    const queries = option('queries', 60);
    for (let i = 0; i < queries; i++) {
      const known = Date.parse('2024-03-01') + random.next() * 640 * DAY;
      const asOf = new Date(known - random.int(20, 330) * DAY).toISOString().slice(0, 10);
      const q = {
        asOf,
        knownAt: new Date(known).toISOString(),
        ...(random.chance(0.75) ? { fiscalYear: 2024 } : {}),
      };
      const digests: string[] = [];
      const order = i % 2 === 0 ? (['strip', 'tree'] as const) : (['tree', 'strip'] as const);
      for (const way of order) {
        residualProbe.strip = ways[way];
        const before = process.cpuUsage();
        const answer = await queryBalances(models, q);
        const used = process.cpuUsage(before);
        cpu[way].push((used.user + used.system) / 1000);
        digests.push(JSON.stringify(balancesToWire(answer)));
      }
      if (digests[0] !== digests[1]) differ++;
    }
    const f = (xs: number[]) =>
      `p50 ${percentile(xs, 50).toFixed(1)} / p90 ${percentile(xs, 90).toFixed(1)} / p99 ${percentile(xs, 99).toFixed(1)} ms`;
    console.log(
      `${log.length} events, back-dated up to a year; ${queries} as-of + known-at queries`,
    );
    console.log(`  strip (main's way): ${f(cpu.strip)}`);
    console.log(`  versioned tree:     ${f(cpu.tree)}`);
    console.log(`  answers differ: ${differ}`);
    if (differ > 0) process.exitCode = 1;
  } finally {
    await docs.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
