import 'reflect-metadata';
import type { BatchRequest, DocumentStore, Fence, Write } from '@app/read-models';
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

/** Runs `write`, first freezing the process if this is the batch to pause in. */
async function maybePausing<T>(
  batch: { readonly projection: string; readonly position: bigint } | undefined,
  fence: Fence | undefined,
  write: () => Promise<T>,
): Promise<T> {
  if (paused || !fence || !batch || batch.position <= beyond) return write();
  paused = true;
  await send({
    kind: 'pausing',
    projection: batch.projection,
    position: batch.position.toString(),
    lease: fence.lease,
    token: fence.token,
  });
  process.kill(process.pid, 'SIGSTOP');
  // Here after SIGCONT, before any timer of this process has had a chance to run.
  try {
    const applied = await write();
    await send({ kind: 'resumed', applied });
    return applied;
  } catch (error) {
    const { code } = error as { code?: unknown };
    await send({ kind: 'resumed', refused: String(code), message: String(error) });
    throw error;
  }
}

/** The store with both ways a batch is written (one, or a round's together) pausing. */
function pausing(docs: DocumentStore): DocumentStore {
  const apply = docs.applyBatch.bind(docs);
  docs.applyBatch = (
    projection: string,
    writes: readonly Write[],
    position: bigint,
    version: number,
    expectedPrevious?: bigint | null,
    fence?: Fence,
  ): Promise<boolean> =>
    maybePausing({ projection, position }, fence, () =>
      apply(projection, writes, position, version, expectedPrevious, fence),
    );
  const applyAll = docs.applyBatches?.bind(docs);
  if (applyAll) {
    docs.applyBatches = (requests: readonly BatchRequest[], fence?: Fence): Promise<boolean[]> =>
      maybePausing(
        requests.find((r) => r.position > beyond),
        fence,
        () => applyAll(requests, fence),
      );
  }
  return docs;
}

startProjector({ wrapDocuments: pausing }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
