/**
 * A child process for the read models' rebuild int-spec's crash test: rebuilds every projection of the
 * log into the read-model file in small commits, telling its parent (IPC) how far it got,
 * so that the parent can SIGKILL it in the middle of the bulk load.
 * Run with `node -r @swc-node/register <file> <events file> <read-models file>`.
 */
import { SqliteEventStore } from '@app/event-store';
import { ALL_PROJECTIONS, SqliteDocumentStore, rebuildProjections } from '@app/read-models';

async function main(): Promise<void> {
  const [log, readModels] = process.argv.slice(2);
  if (!log || !readModels) throw new Error('usage: <events file> <read-models file>');
  const events = new SqliteEventStore({ file: log });
  const docs = new SqliteDocumentStore({ file: readModels });
  try {
    await rebuildProjections(events, docs, ALL_PROJECTIONS, (p) => process.send?.(p.events), {
      batchSize: 25,
    });
  } finally {
    await docs.close();
    await events.close();
  }
}

main().then(
  () => process.disconnect?.(),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
