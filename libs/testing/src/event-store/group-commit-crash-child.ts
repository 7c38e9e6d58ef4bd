/**
 * A child for libs/event-store's group-commit.int-spec.ts: appends groups of concurrent batches to the log
 * until it is killed with SIGKILL. Each event carries its batch id, the batch's size and
 * its index in it; an ack goes out over IPC only once that append resolved (committed).
 * Run with `node -r @swc-node/register`. argv: <events.sqlite> <tag>
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore, type NewEvent } from '@app/event-store';

const [file, tag] = process.argv.slice(2);
if (!file || !tag) throw new Error('usage: group-commit-crash-child <file> <tag>');
const store = new SqliteEventStore({ file, busyTimeoutMs: 60_000 });
// An orphan must not keep appending after the test is gone.
process.on('disconnect', () => process.exit());

function batch(batchId: string, size: number): NewEvent[] {
  return Array.from({ length: size }, (_, index) => ({
    id: randomUUID(),
    type: 'GroupBatchAppended',
    schemaVersion: 1,
    data: { batchId, size, index },
    metadata: {
      actor: 'crash',
      correlationId: batchId,
      causationId: null,
      effectiveDate: '2024-05-10',
    },
  }));
}

async function run(): Promise<void> {
  await new Promise<void>((resolve) => process.send?.({ kind: 'ready' }, () => resolve()));
  for (let round = 0; ; round++) {
    // Five appends in one turn of the event loop: one group, one commit.
    const appends = Array.from({ length: 5 }, async (_, i) => {
      const batchId = `${tag}-${round}-${i}`;
      const size = 1 + ((round + i) % 4);
      await store.append(`group-crash-${i % 3}`, batch(batchId, size), { expectedRevision: 'any' });
      process.send?.({ kind: 'ack', batchId, size });
    });
    await Promise.all(appends);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

run().catch((error: unknown) => {
  process.send?.({ kind: 'error', message: String(error) });
  process.exitCode = 1;
});
