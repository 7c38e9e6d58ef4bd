/**
 * A child running the transfer process manager as the API's follow-up runner does (a
 * checkpointed subscription handing every event to TransferProcess) until it has caught
 * up with the log. With <killAfterAppends> > 0 it kills itself with SIGKILL right after
 * that many of its own appends have committed: a crash placed exactly between two steps
 * of a transfer (debit, credit, completion, compensation).
 * Run with `node -r @swc-node/register`.
 * argv: <events.sqlite> <killAfterAppends>
 */
import 'reflect-metadata';
import { LineCommands } from '@app/application';
import { SqliteEventStore, startCheckpointedSubscription, type EventStore } from '@app/event-store';
// Not exported by the library (the API runs it inside FollowUpRunner): reached by path.
import { TransferProcess } from '@app/application';
import type { ChildMessage } from './child-process';

const [file, killText] = process.argv.slice(2);
if (!file || killText === undefined)
  throw new Error('usage: crash-transfers <file> <killAfterAppends>');
const killAfter = Number(killText);

function send(message: ChildMessage): void {
  process.send?.(message);
}

process.on('disconnect', () => process.exit());

/** The store, with a tripwire on the n-th append. */
function withTripwire(store: SqliteEventStore): EventStore {
  let appends = 0;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'append') return Reflect.get(target, property, receiver) as unknown;
      return async (...args: Parameters<EventStore['append']>) => {
        const result = await target.append(...args);
        if (killAfter > 0 && ++appends === killAfter) process.kill(process.pid, 'SIGKILL');
        return result;
      };
    },
  });
}

async function run(): Promise<void> {
  const raw = new SqliteEventStore({ file: file as string, pollIntervalMs: 5 });
  const store = withTripwire(raw);
  const transfers = new TransferProcess(store, new LineCommands(store));
  // Wait until 'ready' has left: the work below may not yield to the event loop for a while.
  await new Promise<void>((resolve) => process.send?.({ kind: 'ready' }, () => resolve()));
  const subscription = await startCheckpointedSubscription(store, {
    name: 'follow-ups',
    handle: (event) => transfers.handle(event),
  });
  let failed: unknown = null;
  subscription.done.catch((error: unknown) => (failed = error ?? new Error('stopped')));
  // Caught up when the checkpoint is at the head and stays there (our own appends move it).
  for (let quiet = 0; quiet < 3;) {
    if (failed) throw failed instanceof Error ? failed : new Error(JSON.stringify(failed));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const head = await raw.headPosition();
    const at = await raw.checkpoints.load('follow-ups');
    quiet = head !== null && at === head ? quiet + 1 : 0;
  }
  await subscription.stop();
  await raw.close();
  send({ kind: 'done' });
}

run()
  .catch((error: unknown) => {
    send({ kind: 'error', message: String(error) });
    process.exitCode = 1;
  })
  // The IPC channel would keep the process alive: let go of it (after the last message) to exit.
  .finally(() => process.send?.({ kind: 'progress', position: 'end' }, () => process.disconnect()));
