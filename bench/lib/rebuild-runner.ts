import { join } from 'node:path';
import { exited, forkTs, nextMessage } from './children';
import type { RebuildWorkerConfig, RebuildWorkerReply } from '../workers/rebuild-worker';

/** Runs one rebuild (or raw read) in a child process and returns what it measured. */
export async function inChild(config: RebuildWorkerConfig): Promise<RebuildWorkerReply> {
  const child = forkTs(join(__dirname, '..', 'workers', 'rebuild-worker.ts'), [
    JSON.stringify(config),
  ]);
  const reply = await nextMessage<RebuildWorkerReply>(child, 3_600_000);
  await exited(child);
  return reply;
}
