import type { RecordedEvent } from './event';
import type { SubscribeOptions, Subscription } from './event-store.port';

export interface PollingSource {
  readPage(after: bigint | undefined, maxCount: number): Promise<RecordedEvent[]>;
  /** Resolves when new events may exist: an append in this process, or the poll interval. */
  waitForChange(signal: AbortSignal): Promise<void>;
}

/**
 * Catch-up-then-live subscription over a log that can only be polled (the SQLite file,
 * which other processes append to). Pages are read in position order and the handler
 * is awaited before the next event, so each event is delivered once and in order.
 */
export function pollingSubscription(
  source: PollingSource,
  options: SubscribeOptions,
  pageSize = 500,
): Subscription {
  const abort = new AbortController();
  let after = options.after;
  const run = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      const page = await source.readPage(after, pageSize);
      for (const event of page) {
        if (abort.signal.aborted) return;
        await options.handle(event);
        after = event.position;
      }
      if (page.length < pageSize) await source.waitForChange(abort.signal);
    }
  };
  const done = run();
  // Observed here so that an error ends up on `done` for the owner to see, never unhandled.
  done.catch(() => undefined);
  return {
    done,
    stop: async () => {
      abort.abort();
      await done.catch(() => undefined);
    },
  };
}
