/**
 * A child that appends batches to the embedded log until it is killed (crashes suite).
 * Each event carries its batch id, the batch's size and its index in it, so the parent
 * can tell a whole batch from half of one; an ack goes out over IPC only after the
 * append resolved (committed). Each append is also noted in a journal file, written
 * synchronously before and after it, so that it survives the kill: the parent sees whether
 * a kill landed inside an append and whether the two appenders' appends overlapped.
 * Run with `node -r @swc-node/register`.
 * argv: <events.sqlite> <seed> <tag> <journal>
 */
import { openSync, writeSync } from 'node:fs';
import { ConcurrencyError, SqliteEventStore, type ExpectedRevision } from '@app/event-store';
import { SeededRandom } from '../history/seeded-random';
import { anEvent } from '../event-store/events';
import type { ChildMessage } from './child-process';
import { clockMs } from './overlap';

const [file, seedText, tagText, journalFile] = process.argv.slice(2);
if (!file || !seedText || !tagText || !journalFile)
  throw new Error('usage: crash-appender <file> <seed> <tag> <journal>');
const journal = openSync(journalFile, 'a');
const tag: string = tagText;
const random = new SeededRandom(Number(seedText));
const store = new SqliteEventStore({ file, busyTimeoutMs: 60_000 });
const STREAMS = ['crash-a', 'crash-b', 'crash-c'];

function send(message: ChildMessage): void {
  process.send?.(message);
}

// An orphan must not keep appending after the test is gone.
process.on('disconnect', () => process.exit());

async function run(): Promise<void> {
  // Wait until 'ready' has left: the work below may not yield to the event loop for a while.
  await new Promise<void>((resolve) => process.send?.({ kind: 'ready' }, () => resolve()));
  for (let n = 0; ; n++) {
    const stream = random.pick(STREAMS);
    const size = random.int(1, 8);
    const batchId = `${tag}-${n}`;
    const events = Array.from({ length: size }, (_, index) =>
      anEvent({ type: 'CrashBatchAppended', data: { batchId, size, index, tag } }),
    );
    let expectedRevision: ExpectedRevision = 'any';
    if (random.chance(0.3)) {
      // An exact revision: against the other appender this sometimes loses, and must leave nothing.
      const [tip] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
      expectedRevision = tip ? tip.revision : 'no_stream';
    }
    writeSync(journal, `begin ${batchId} ${clockMs()}\n`);
    try {
      await store.append(stream, events, { expectedRevision });
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      writeSync(journal, `end ${batchId} ${clockMs()} lost\n`);
      await new Promise((resolve) => setImmediate(resolve));
      continue;
    }
    writeSync(journal, `end ${batchId} ${clockMs()}\n`);
    send({ kind: 'ack', batchId, size, stream });
    // Appends resolve synchronously underneath: let IPC flush between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

run()
  .catch((error: unknown) => {
    send({ kind: 'error', message: String(error) });
    process.exitCode = 1;
  })
  // The IPC channel would keep the process alive: let go of it (after the last message) to exit.
  .finally(() => process.send?.({ kind: 'progress', position: 'end' }, () => process.disconnect()));
