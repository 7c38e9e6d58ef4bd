/**
 * A child process that appends to a shared event store on the parent's orders (IPC),
 * for the contract suite's multi-process race and cross-process subscription tests.
 * Run with `node -r @swc-node/register`.
 */
import { randomUUID } from 'node:crypto';
import { ConcurrencyError, createEventStore, type EventStoreConfig } from '@app/event-store';
import { anEvent } from './events';

export type WorkerCommand =
  | { readonly cmd: 'race'; readonly stream: string; readonly round: number }
  | {
      readonly cmd: 'append-many';
      readonly stream: string;
      readonly batches: number;
      readonly batchSize: number;
    }
  | { readonly cmd: 'exit' };

export type WorkerReply =
  | { readonly kind: 'ready' }
  | {
      readonly kind: 'race';
      readonly round: number;
      readonly won: boolean;
      readonly eventId: string;
      readonly actual?: string;
    }
  | { readonly kind: 'appended'; readonly ids: string[] }
  | { readonly kind: 'error'; readonly message: string };

const config = JSON.parse(process.argv[2] ?? '{}') as EventStoreConfig;
const store = createEventStore(config);
const worker = process.argv[3] ?? randomUUID();

function reply(message: WorkerReply): void {
  process.send?.(message);
}

async function race(stream: string, round: number): Promise<void> {
  const event = anEvent({ type: 'RaceWon', data: { worker, round } });
  try {
    await store.append(stream, [event], {
      expectedRevision: round === 0 ? 'no_stream' : BigInt(round - 1),
    });
    reply({ kind: 'race', round, won: true, eventId: event.id });
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
    reply({ kind: 'race', round, won: false, eventId: event.id, actual: String(error.actual) });
  }
}

async function appendMany(stream: string, batches: number, batchSize: number): Promise<void> {
  const ids: string[] = [];
  for (let b = 0; b < batches; b++) {
    const events = Array.from({ length: batchSize }, (_, i) => anEvent({ data: { worker, b, i } }));
    await store.append(stream, events, { expectedRevision: 'any' });
    ids.push(...events.map((e) => e.id));
  }
  reply({ kind: 'appended', ids });
}

process.on('message', (message: WorkerCommand) => {
  const run = async (): Promise<void> => {
    switch (message.cmd) {
      case 'race':
        return race(message.stream, message.round);
      case 'append-many':
        return appendMany(message.stream, message.batches, message.batchSize);
      case 'exit':
        await store.close();
        process.disconnect();
        return undefined;
    }
  };
  run().catch((error: unknown) => reply({ kind: 'error', message: String(error) }));
});
reply({ kind: 'ready' });
