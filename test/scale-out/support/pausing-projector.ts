import 'reflect-metadata';
import type { DocumentStore, Fence, Write } from '@app/read-models';
import { startProjector } from '@app/projector';

/*
 * A projector that freezes itself (SIGSTOP) at the worst moment: inside a fenced batch,
 * after computing it and before handing it to the store, the first time a batch goes
 * beyond PAUSE_BEYOND_POSITION. After SIGCONT it carries on with that batch, as a process
 * back from a long GC pause or a frozen VM would, and reports what the store answered.
 */
const beyond = BigInt(process.env.PAUSE_BEYOND_POSITION ?? '0');
let paused = false;

function send(message: Record<string, unknown>): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    // The callback runs once the message is written to the channel: then it is safe to stop.
    process.send(message, undefined, {}, () => resolve());
  });
}

function pausing(docs: DocumentStore): DocumentStore {
  const apply = docs.applyBatch.bind(docs);
  docs.applyBatch = async (
    projection: string,
    writes: readonly Write[],
    position: bigint,
    version: number,
    expectedPrevious?: bigint | null,
    fence?: Fence,
  ): Promise<boolean> => {
    if (paused || !fence || position <= beyond) {
      return apply(projection, writes, position, version, expectedPrevious, fence);
    }
    paused = true;
    await send({
      kind: 'pausing',
      projection,
      position: position.toString(),
      lease: fence.lease,
      token: fence.token,
    });
    process.kill(process.pid, 'SIGSTOP');
    // Here after SIGCONT, before any timer of this process has had a chance to run.
    try {
      const applied = await apply(projection, writes, position, version, expectedPrevious, fence);
      await send({ kind: 'resumed', applied });
      return applied;
    } catch (error) {
      const { code } = error as { code?: unknown };
      await send({ kind: 'resumed', refused: String(code), message: String(error) });
      throw error;
    }
  };
  return docs;
}

startProjector({ wrapDocuments: pausing }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
