import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import type { RecordedEvent } from '../event';
import type { SubscribeOptions, Subscription } from '../event-store.port';
import { EventStoreUnavailableError } from '../errors';
import { toStoreError } from './eventstoredb-errors';

export interface CatchUpSource {
  /** Opens the client's catch-up-then-live subscription ($all, system events filtered out). */
  readonly open: () => AllStreamSubscription;
  /** Our event, or null for one the ledger skips (checkpoint or foreign events). */
  readonly decode: (resolved: AllStreamResolvedEvent) => RecordedEvent | null;
  /** Named by EventStoreUnavailableError. */
  readonly target: string;
}

/**
 * Delivers the client's subscription one event at a time: the next event is taken from
 * the stream only once the handler has finished with the previous one, so the stream's
 * buffer fills and gRPC flow control holds the server back (back-pressure), as a
 * `for await` loop would; the iterator is driven by hand to tell a stream torn down by
 * stop() from a failing server. Same contract as polling-subscription.ts.
 */
export function catchUpSubscription(
  source: CatchUpSource,
  options: SubscribeOptions,
): Subscription {
  let stopping = false;
  let stream: AllStreamSubscription | undefined;
  let after = options.after;

  const run = async (): Promise<void> => {
    const opened = source.open();
    stream = opened;
    const events = opened[Symbol.asyncIterator]();
    try {
      for (;;) {
        let next: IteratorResult<AllStreamResolvedEvent>;
        try {
          next = await events.next();
        } catch (error) {
          if (stopping) return; // stop() destroyed the stream under us
          throw toStoreError(error, source.target);
        }
        if (stopping) return;
        if (next.done) {
          const cause = new Error('the server ended the subscription');
          throw new EventStoreUnavailableError(source.target, { cause });
        }
        const event = source.decode(next.value);
        // subscribeToAll's start is exclusive already; this also covers a resend.
        if (!event || (after !== undefined && event.position <= after)) continue;
        await options.handle(event);
        after = event.position;
      }
    } finally {
      // The outcome is decided: errors the abandoned stream raises from here on (a late
      // gRPC status) have no reader, and unobserved they would crash the process.
      opened.on('error', () => undefined);
      // Cancels the gRPC call; a failure here only means the call is already gone.
      await opened.unsubscribe().catch(() => undefined);
      opened.destroy();
    }
  };

  const done = run();
  // Observed here so that an error ends up on `done` for the owner to see, never unhandled.
  done.catch(() => undefined);
  return {
    done,
    stop: async () => {
      stopping = true;
      // Wakes a pending read; an event being handled is finished first (run awaits it).
      stream?.destroy();
      await done.catch(() => undefined);
    },
  };
}
