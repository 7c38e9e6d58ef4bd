import type { RecordedEvent } from './event';
import type { EventStore, Subscription } from './event-store.port';

export interface CheckpointedConsumer {
  /** A stable name: the checkpoint is kept under it. */
  readonly name: string;
  readonly handle: (event: RecordedEvent) => Promise<void>;
}

/**
 * Runs a consumer from where it last stopped. The checkpoint is stored after the
 * handler has finished with an event, so a consumer that dies between the two sees
 * that event again on restart (at-least-once): handlers must be idempotent, for
 * example by guarding their writes with the event's position.
 */
export async function startCheckpointedSubscription(
  store: EventStore,
  consumer: CheckpointedConsumer,
): Promise<Subscription> {
  const after = await store.checkpoints.load(consumer.name);
  return store.subscribeToAll({
    ...(after === null ? {} : { after }),
    handle: async (event) => {
      await consumer.handle(event);
      await store.checkpoints.store(consumer.name, event.position);
    },
  });
}
