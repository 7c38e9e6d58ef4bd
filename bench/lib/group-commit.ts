/**
 * The group-commit prototype measured before SqliteEventStore got its own (libs/
 * event-store/src/sqlite/group-commit.ts, which groups the appends of one turn of the
 * event loop); kept because commands.bench.ts compares a fixed window with it. Appends
 * that arrive within a short window are run one after another inside ONE outer
 * transaction (each the adapter's own append — validation, expected revision, hash
 * chain — as a savepoint, so a refused one rolls back alone), then one COMMIT, one
 * fsync, and only then is each caller answered. Durability is unchanged: nobody hears "appended" before the fsync.
 */
import type Database from 'better-sqlite3';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SqliteEventStore,
  SubscribeOptions,
  Subscription,
} from '@app/event-store';

interface Pending {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision: ExpectedRevision;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

export class GroupCommitStore implements EventStore {
  private readonly db: Database.Database;
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  groups = 0;
  appended = 0;

  constructor(
    private readonly inner: SqliteEventStore,
    private readonly options: { readonly windowMs: number; readonly maxBatch: number },
  ) {
    this.db = (inner as unknown as { db: Database.Database }).db;
  }

  get checkpoints(): EventStore['checkpoints'] {
    return this.inner.checkpoints;
  }

  append(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({
        streamId,
        events,
        expectedRevision: options.expectedRevision,
        resolve,
        reject,
      });
      if (this.queue.length >= this.options.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.windowMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const group = this.queue;
    this.queue = [];
    if (group.length === 0) return;
    const outcomes: ({ ok: true; result: AppendResult } | { ok: false; error: unknown })[] = [];
    try {
      this.db
        .transaction(() => {
          for (const p of group) {
            // The adapter's append runs synchronously (a savepoint here); its promise only reports.
            const index = outcomes.length;
            outcomes.push({ ok: false, error: new Error('not settled') });
            this.inner.append(p.streamId, p.events, { expectedRevision: p.expectedRevision }).then(
              (result) => (outcomes[index] = { ok: true, result }),
              (error: unknown) => (outcomes[index] = { ok: false, error }),
            );
          }
        })
        .immediate();
    } catch (error) {
      for (const p of group) p.reject(error);
      return;
    }
    this.groups++;
    // Committed (and fsynced): answer each caller once its append's promise has settled.
    queueMicrotask(() => {
      void Promise.resolve().then(() => {
        group.forEach((p, i) => {
          const outcome = outcomes[i];
          if (outcome?.ok) {
            this.appended += p.events.length;
            p.resolve(outcome.result);
          } else p.reject(outcome?.error);
        });
      });
    });
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  headPosition(): Promise<bigint | null> {
    return this.inner.headPosition();
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.inner.subscribeToAll(options);
  }

  async close(): Promise<void> {
    this.flush();
    await this.inner.close();
  }
}
