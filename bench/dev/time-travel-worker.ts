/**
 * One side of bench/dev/time-travel-side-by-side.ts: answers balance reports read from
 * stdin (one JSON query a line) on one read-model file, and writes for each the process
 * CPU time it took, its wall time and a digest of its answer (one JSON line each). Run
 * from the checkout whose query code is measured.
 *
 *   node -r @swc-node/register bench/dev/time-travel-worker.ts <read-models.sqlite>
 */
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import {
  balancesProjection,
  balancesToWire,
  queryBalances,
  ReadModels,
  servingGeneration,
  SqliteDocumentStore,
} from '@app/read-models';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: time-travel-worker.ts <read-models.sqlite>');
  const docs = new SqliteDocumentStore({ file });
  await servingGeneration(docs, balancesProjection);
  const models = new ReadModels(docs);
  process.stdout.write(`${JSON.stringify({ ready: balancesProjection.version })}\n`);
  for await (const text of createInterface({ input: process.stdin })) {
    const query = JSON.parse(text) as Parameters<typeof queryBalances>[1];
    const cpu = process.cpuUsage();
    const started = performance.now();
    const answer = await queryBalances(models, query);
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const digest = createHash('sha256')
      .update(JSON.stringify(balancesToWire(answer)))
      .digest('hex');
    const line = { cpuMs: (used.user + used.system) / 1000, wallMs, digest };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  await docs.close();
}

void main();
