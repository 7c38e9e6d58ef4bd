import { BACKWARDS, END, FORWARDS, START, excludeSystemEvents } from '@eventstore/db-client';
import type {
  AppendResult,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from '../event';
import type {
  CheckpointStore,
  EventStore,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { UpcasterRegistry } from '../upcasting';
import { checkAppendSize } from '../append-size';
import { encodeBatch } from '../encoding';
import { validateAppend } from '../validation';
import { appendChained } from './eventstoredb-append';
import { acquireClient, trackedAppend, type ClientLease } from './eventstoredb-client';
import { EventStoreDbCheckpointStore } from './eventstoredb-checkpoint-store';
import { redactedTarget, translated } from './eventstoredb-errors';
import { checkStorable, toRecordedEvent } from './eventstoredb-mapping';
import { startAfter } from './eventstoredb-position';
import { ON_LEADER, readLedgerHead, readLedgerPage, readStreamRecords } from './eventstoredb-reads';
import { catchUpSubscription } from './eventstoredb-subscription';

export interface EventStoreDbOptions {
  /** e.g. `esdb://localhost:2113?tls=false`. */
  readonly connectionString: string;
  readonly upcasters?: UpcasterRegistry;
  /** Source of the recorded time; injected so tests can pin it. */
  readonly clock?: () => Date;
  /**
   * Deadline of each append, in ms (the client's default is 10 s). Client 6.x gives
   * reads and subscriptions no deadline; an unreachable server still fails them at once.
   */
  readonly deadlineMs?: number;
  /**
   * For appends with `any` or `stream_exists`: how many of a stream's latest events are
   * searched for the batch's ids (1000). Appends with an exact revision look only there.
   */
  readonly idempotencyWindow?: number;
  /** Read-then-write attempts for `any` / `stream_exists` before a ConcurrencyError (20). */
  readonly maxAppendAttempts?: number;
  /**
   * The client to use, for unit tests (a double at the adapter's edge); by default the
   * process's shared client for the connection string (eventstoredb-client.ts).
   */
  readonly client?: ClientLease;
}

/**
 * The event log on EventStoreDB/KurrentDB, with the same observable semantics as
 * SqliteEventStore. Each event is a JSON event whose ESDB metadata holds our metadata
 * plus schemaVersion, previousHash and hash; positions are $all positions packed into
 * one bigint (eventstoredb-position.ts). Only events written by this store are part of
 * the ledger: system events, the checkpoint streams and foreign events are skipped.
 * Every call goes to the leader (eventstoredb-reads.ts, ON_LEADER); stores opened on one
 * connection string share one client (eventstoredb-client.ts).
 */
export class EventStoreDbEventStore implements EventStore {
  readonly checkpoints: CheckpointStore;
  private readonly lease: ClientLease;
  private readonly target: string;
  private readonly upcasters: UpcasterRegistry;
  private readonly clock: () => Date;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(private readonly options: EventStoreDbOptions) {
    this.lease = options.client ?? acquireClient(options.connectionString);
    this.target = redactedTarget(options.connectionString);
    this.upcasters = options.upcasters ?? new UpcasterRegistry();
    this.clock = options.clock ?? (() => new Date());
    this.checkpoints = new EventStoreDbCheckpointStore(this.client, this.clock, this.target);
  }

  private get client() {
    return this.lease.client;
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    validateAppend(streamId, events);
    // Refuses, as the SQLite adapter does, values the hash format's canonical JSON cannot
    // carry faithfully (hashes are computed client-side, in toEventData), and batches over
    // the port's size limit.
    checkAppendSize(streamId, encodeBatch(streamId, events));
    checkStorable(streamId, events);
    const request = {
      client: this.client,
      streamId,
      events,
      expected: options.expectedRevision,
      clock: this.clock,
      idempotencyWindow: this.options.idempotencyWindow ?? 1000,
      maxAttempts: this.options.maxAppendAttempts ?? 20,
      deadlineMs: this.options.deadlineMs,
    };
    return trackedAppend(() => translated(this.target, () => appendChained(request), streamId));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const maxCount = limitOf(options.maxCount);
    let fromRevision = options.fromRevision;
    // Same answers as SQLite's `revision >= ?` / `revision <= ?` for out-of-range starts.
    if (fromRevision !== undefined && fromRevision < 0n) {
      if (backwards) return [];
      fromRevision = 0n;
    }
    if (maxCount === 0) return [];
    const records = await translated(
      this.target,
      () =>
        readStreamRecords(this.client, streamId, {
          direction: backwards ? BACKWARDS : FORWARDS,
          fromRevision: fromRevision ?? (backwards ? END : START),
          maxCount,
        }),
      streamId,
    );
    return this.decode(records.map(toRecordedEvent), options.upcast);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const page = await translated(this.target, () =>
      readLedgerPage(this.client, options.after, limitOf(options.maxCount)),
    );
    return this.decode(page, options.upcast);
  }

  headPosition(): Promise<bigint | null> {
    return translated(this.target, () => readLedgerHead(this.client));
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const upcast = options.upcast ?? true;
    const subscription = catchUpSubscription(
      {
        open: () =>
          this.client.subscribeToAll({
            fromPosition: startAfter(options.after),
            // System events are dropped by the server; checkpoint and foreign ones by decode.
            filter: excludeSystemEvents(),
            ...ON_LEADER,
          }),
        decode: (resolved) => {
          const event = resolved.event ? toRecordedEvent(resolved.event) : null;
          return event && upcast ? this.upcasters.upcast(event) : event;
        },
        target: this.target,
      },
      options,
    );
    this.subscriptions.add(subscription);
    void subscription.done
      .finally(() => this.subscriptions.delete(subscription))
      .catch(() => undefined);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.lease.release();
  }

  private decode(events: readonly (RecordedEvent | null)[], upcast = true): RecordedEvent[] {
    const ours = events.filter((event): event is RecordedEvent => event !== null);
    return upcast ? ours.map((event) => this.upcasters.upcast(event)) : ours;
  }
}

/** maxCount as SQLite's LIMIT reads it: a negative count means no limit. */
function limitOf(maxCount: number | undefined): number {
  return maxCount === undefined || maxCount < 0 ? Number.MAX_SAFE_INTEGER : maxCount;
}
