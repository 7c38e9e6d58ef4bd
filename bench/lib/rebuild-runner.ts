import { fork } from 'node:child_process';
import { join } from 'node:path';
import { exited, nextMessage } from './children';
import type { RebuildWorkerConfig, RebuildWorkerReply } from '../workers/rebuild-worker';

/**
 * V8 heap limits of the rebuild (and raw read) child. A replay holds a bounded amount
 * (a page of events, the pending writes, the document caches), but V8 grows its heap
 * lazily with the allocation rate, to hundreds of MB of garbage it has not collected
 * yet. Capped, it collects earlier: at 100k events, peak RSS 211 MB instead of 322 MB
 * for about the same CPU. Both children get the same limits.
 */
export const REBUILD_HEAP_FLAGS = ['--max-old-space-size=160', '--max-semi-space-size=8'];

/** Runs one rebuild (or raw read) in a child process and returns what it measured. */
export async function inChild(
  config: RebuildWorkerConfig,
  heapFlags: readonly string[] = REBUILD_HEAP_FLAGS,
): Promise<RebuildWorkerReply> {
  const child = fork(
    join(__dirname, '..', 'workers', 'rebuild-worker.ts'),
    [JSON.stringify(config)],
    {
      execArgv: [...heapFlags, '-r', '@swc-node/register'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const reply = await nextMessage<RebuildWorkerReply>(child, 3_600_000);
  await exited(child);
  return reply;
}
