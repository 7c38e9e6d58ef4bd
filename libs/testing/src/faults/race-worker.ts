/**
 * A child for the races suite: appends to the embedded log on the parent's orders, after
 * a seeded pause, so that each round's 16 appends interleave differently. It loads the
 * SQLite adapter alone (not the library index, which brings the EventStoreDB gRPC
 * client): sixteen processes start in half the time. Run with `node -r @swc-node/register`.
 * argv: <events.sqlite>
 */
import { ConcurrencyError } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store';
import { anEvent } from '../event-store/events';
import { clockMs } from './overlap';

export type RaceCommand =
  | {
      readonly cmd: 'race';
      readonly stream: string;
      readonly round: number;
      readonly pauseMs: number;
    }
  | { readonly cmd: 'noise'; readonly stream: string; readonly count: number }
  | { readonly cmd: 'exit' };

export type RaceReply =
  | { readonly kind: 'ready' }
  | {
      readonly kind: 'race';
      readonly won: boolean;
      readonly eventId: string;
      readonly actual: string | null;
      readonly position: string | null;
      /** When the append began and returned (clockMs), to prove the round's appends overlapped. */
      readonly start: number;
      readonly end: number;
    }
  | { readonly kind: 'noise'; readonly ids: string[] }
  | { readonly kind: 'error'; readonly message: string };

const file = process.argv[2];
if (!file) throw new Error('usage: race-worker <events.sqlite>');
const store = new SqliteEventStore({ file, busyTimeoutMs: 60_000 });

function reply(message: RaceReply): void {
  process.send?.(message);
}

process.on('disconnect', () => process.exit(0));

async function race(stream: string, round: number, pauseMs: number): Promise<void> {
  if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  const event = anEvent({ type: 'RaceWon', data: { round, pid: process.pid } });
  const start = clockMs();
  try {
    const result = await store.append(stream, [event], {
      expectedRevision: round === 0 ? 'no_stream' : BigInt(round - 1),
    });
    const end = clockMs();
    reply({
      kind: 'race',
      won: true,
      eventId: event.id,
      actual: null,
      position: result.position.toString(),
      start,
      end,
    });
  } catch (error) {
    const end = clockMs();
    if (!(error instanceof ConcurrencyError)) throw error;
    reply({
      kind: 'race',
      won: false,
      eventId: event.id,
      actual: String(error.actual),
      position: null,
      start,
      end,
    });
  }
}

async function noise(stream: string, count: number): Promise<void> {
  const events = Array.from({ length: count }, (_, i) =>
    anEvent({ data: { i, pid: process.pid } }),
  );
  await store.append(stream, events, { expectedRevision: 'any' });
  reply({ kind: 'noise', ids: events.map((e) => e.id) });
}

process.on('message', (message: RaceCommand) => {
  const run = async (): Promise<void> => {
    switch (message.cmd) {
      case 'race':
        return race(message.stream, message.round, message.pauseMs);
      case 'noise':
        return noise(message.stream, message.count);
      case 'exit':
        await store.close();
        process.disconnect();
        return undefined;
    }
  };
  run().catch((error: unknown) => reply({ kind: 'error', message: String(error) }));
});
reply({ kind: 'ready' });
