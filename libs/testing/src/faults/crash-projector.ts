/**
 * A child running the projection runner over the embedded log until every projection
 * has caught up with the head, for the crashes suite to kill at random moments. With
 * <killAfterBatches> > 0 it kills itself with SIGKILL right after that many batches
 * have committed (the parent's timed kills land anywhere, inside a commit too).
 * Run with `node -r @swc-node/register`.
 * argv: <events.sqlite> <read-models.sqlite> <batchSize> <killAfterBatches>
 */
import { SqliteEventStore } from '@app/event-store';
import {
  ALL_PROJECTIONS,
  ProjectionRunner,
  SqliteDocumentStore,
  type DocumentStore,
} from '@app/read-models';
import type { ChildMessage } from './child-process';

const [eventsFile, docsFile, batchText, killText] = process.argv.slice(2);
if (!eventsFile || !docsFile || !batchText || killText === undefined) {
  throw new Error('usage: crash-projector <events> <read-models> <batchSize> <killAfterBatches>');
}
const killAfter = Number(killText);

/**
 * The document store, with a tripwire on the n-th committed batch, alone (applyBatch) or
 * among a live round's batches committed together (applyBatches): it fires right after
 * the commit that holds it.
 */
function withTripwire(docs: SqliteDocumentStore): DocumentStore {
  let batches = 0;
  const tripped = <T>(result: T, count: number): T => {
    const before = batches;
    batches += count;
    if (killAfter > before && killAfter <= batches) process.kill(process.pid, 'SIGKILL');
    return result;
  };
  return new Proxy(docs, {
    get(target, property, receiver) {
      if (property === 'applyBatch') {
        return async (...args: Parameters<DocumentStore['applyBatch']>) =>
          tripped(await target.applyBatch(...args), 1);
      }
      if (property === 'applyBatches') {
        return async (...args: Parameters<SqliteDocumentStore['applyBatches']>) =>
          tripped(await target.applyBatches(...args), args[0].length);
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

process.on('disconnect', () => process.exit());

async function run(): Promise<void> {
  const events = new SqliteEventStore({ file: eventsFile as string });
  const docs = new SqliteDocumentStore({ file: docsFile as string });
  const watched = withTripwire(docs);
  let failure: unknown = null;
  const runner = new ProjectionRunner(events, watched, ALL_PROJECTIONS, {
    batchSize: Number(batchText),
    pollIntervalMs: 5,
    onError: (_name, error) => (failure ??= error),
  });
  // Wait until 'ready' has left: the work below may not yield to the event loop for a while.
  await new Promise<void>((resolve) => process.send?.({ kind: 'ready' }, () => resolve()));
  await runner.start();
  const head = await events.headPosition();
  if (head !== null && !(await runner.waitFor(head, 120_000))) {
    throw new Error(`projections did not reach ${head}: ${String(failure)}`);
  }
  if (failure) throw failure instanceof Error ? failure : new Error(JSON.stringify(failure));
  await runner.stop();
  await docs.close();
  await events.close();
  send({ kind: 'done', detail: head?.toString() ?? null });
}

run()
  .catch((error: unknown) => {
    send({ kind: 'error', message: String(error) });
    process.exitCode = 1;
  })
  // The IPC channel would keep the process alive: let go of it (after the last message) to exit.
  .finally(() => process.send?.({ kind: 'progress', position: 'end' }, () => process.disconnect()));
