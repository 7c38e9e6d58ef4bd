import type {
  AppendResult,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from './event';

/** Where a consumer of the whole log keeps how far it got. */
export interface CheckpointStore {
  /** The position of the last event the consumer handled, or null if it never ran. */
  load(consumer: string): Promise<bigint | null>;
  store(consumer: string, position: bigint): Promise<void>;
}

export interface SubscribeOptions {
  /** Exclusive: deliver events after this position; omit to start at the beginning. */
  readonly after?: bigint;
  /** Awaited before the next event is delivered. A throw stops the subscription. */
  readonly handle: (event: RecordedEvent) => Promise<void>;
  readonly upcast?: boolean;
}

export interface Subscription {
  /** Stops delivering; resolves once the handler in progress (if any) has finished. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolves on stop, rejects on a handler or store error. */
  readonly done: Promise<void>;
}

/**
 * The event log, the one port every adapter (embedded SQLite, EventStoreDB) implements
 * with the same semantics, checked by one contract suite (event-store.contract.ts).
 */
export interface EventStore {
  /**
   * Appends a batch atomically. Expected revision as in EventStoreDB. Re-appending a
   * batch whose ids are all committed at that point is a no-op returning the original
   * result; a partial overlap throws IdempotencyConflictError.
   */
  append(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;

  /** A missing stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** One page of the whole log in position order. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Position of the last committed event, or null for an empty log. */
  headPosition(): Promise<bigint | null>;

  /** Catch up from `after`, then go live, delivering each event once, in order. */
  subscribeToAll(options: SubscribeOptions): Subscription;

  readonly checkpoints: CheckpointStore;

  close(): Promise<void>;
}
