import type { RecordedEvent } from './event';
import type { EventStore, Subscription } from './event-store.port';

export interface CheckpointedConsumer {
  /** A stable name: the checkpoint is kept under it. */
  readonly name: string;
  readonly handle: (event: RecordedEvent) => Promise<void>;
  /**
   * Store the checkpoint at most every this many events (default 1: after each). A
   * durable checkpoint write per event made catching up a long log slow; consumers
   * whose handlers are idempotent can batch it, at the price of redoing up to that
   * many events after a crash.
   */
  readonly checkpointEvery?: number;
}

/** The longest a handled event's checkpoint waits when events stop coming. */
const IDLE_FLUSH_MS = 500;

/**
 * Runs a consumer from where it last stopped. The checkpoint is stored after the
 * handler has finished with an event, so a consumer that dies between the two sees
 * that event again on restart (at-least-once): handlers must be idempotent, for
 * example by guarding their writes with the event's position. Stopping stores the
 * last handled position.
 */
export async function startCheckpointedSubscription(
  store: EventStore,
  consumer: CheckpointedConsumer,
): Promise<Subscription> {
  const every = Math.max(1, consumer.checkpointEvery ?? 1);
  const after = await store.checkpoints.load(consumer.name);
  let pending: bigint | null = null;
  let unsaved = 0;
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    const position = pending;
    pending = null;
    unsaved = 0;
    if (position === null) return flushing;
    flushing = flushing.then(() => store.checkpoints.store(consumer.name, position));
    return flushing;
  };
  const subscription = store.subscribeToAll({
    ...(after === null ? {} : { after }),
    handle: async (event) => {
      await consumer.handle(event);
      pending = event.position;
      if (++unsaved >= every) {
        await flush();
        return;
      }
      // A quiet log still gets its checkpoint soon; an error surfaces on the next flush.
      timer ??= setTimeout(() => void flush().catch(() => undefined), IDLE_FLUSH_MS);
    },
  });
  return {
    done: subscription.done,
    stop: async () => {
      await subscription.stop();
      await flush();
    },
  };
}
