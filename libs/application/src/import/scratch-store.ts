import {
  ConcurrencyError,
  type AppendResult,
  type CheckpointStore,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type Subscription,
} from '@app/event-store';

/**
 * An event store for a dry run: it reads through to a real log (or none) and keeps what
 * is appended to it in memory, never writing to the log. The import's dry run runs the
 * real command handlers over one, so what it reports is what they would record.
 *
 * `before` cuts the log: only events at earlier positions are seen, as the handlers saw
 * the log when they recorded the event at that position (see `cutBefore`).
 */
export class ScratchStore implements EventStore {
  /** What was appended here, in order: never written to the log. */
  readonly appended: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly marks = new Map<string, bigint>();
  private nextPosition: bigint | null = null;

  readonly checkpoints: CheckpointStore = {
    load: (consumer) => Promise.resolve(this.marks.get(consumer) ?? null),
    store: (consumer, position) => {
      this.marks.set(consumer, position);
      return Promise.resolve();
    },
  };

  constructor(
    private readonly log: EventStore | null,
    private readonly before: bigint | null = null,
  ) {}

  /**
   * The log and the scratch as they were before the event at `position` was recorded: what
   * its command saw then. The cut appends to a scratch of its own.
   */
  cutBefore(position: bigint): ScratchStore {
    const cut = new ScratchStore(this.log, position);
    for (const [streamId, events] of this.streams) {
      cut.streams.set(
        streamId,
        events.filter((e) => e.position < position),
      );
    }
    return cut;
  }

  /** The event with this id on the stream, and whether the log has it (or only the scratch). */
  async find(
    streamId: string,
    eventId: string,
  ): Promise<{ readonly event: RecordedEvent; readonly inLog: boolean } | null> {
    const logged = (await this.fromLog(streamId)).find((e) => e.id === eventId);
    if (logged) return { event: logged, inLog: true };
    const local = this.local(streamId).find((e) => e.id === eventId);
    return local ? { event: local, inLog: false } : null;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const all = [...(await this.fromLog(streamId, options.upcast)), ...this.local(streamId)];
    const from = options.fromRevision;
    if (options.direction === 'backwards') {
      const upTo = all.filter((e) => from === undefined || e.revision <= from).reverse();
      return upTo.slice(0, options.maxCount ?? upTo.length);
    }
    const after = all.filter((e) => from === undefined || e.revision >= from);
    return after.slice(0, options.maxCount ?? after.length);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const page = this.log ? await this.log.readAll(options) : [];
    const seen = page.filter((e) => this.sees(e));
    if (seen.length === options.maxCount) return seen;
    const after = options.after;
    const local = this.appended.filter((e) => after === undefined || e.position > after);
    return [...seen, ...local].slice(0, options.maxCount);
  }

  async headPosition(): Promise<bigint | null> {
    const last = this.appended.at(-1);
    if (last) return last.position;
    // A cut log's head is taken as just before the cut: no caller of a dry run reads it.
    if (this.before !== null) return this.before - 1n;
    return this.log ? this.log.headPosition() : null;
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const current = await this.readStream(streamId);
    const revision = current.at(-1)?.revision ?? null;
    if (!matches(options.expectedRevision, revision)) {
      throw new ConcurrencyError(streamId, options.expectedRevision, revision ?? 'no_stream');
    }
    const recordedAt = new Date().toISOString();
    const recorded = events.map((event, i): RecordedEvent => ({
      id: event.id,
      streamId,
      revision: (revision ?? -1n) + 1n + BigInt(i),
      position: 0n,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: { ...event.metadata, recordedAt },
      // Never hashed: nothing here is kept.
      previousHash: null,
      hash: '',
    }));
    for (const [i, event] of recorded.entries()) {
      recorded[i] = { ...event, position: await this.takePosition() };
    }
    this.streams.set(streamId, [...this.local(streamId), ...recorded]);
    this.appended.push(...recorded);
    const last = recorded.at(-1);
    if (!last) throw new Error('an append of no events');
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  subscribeToAll(): Subscription {
    throw new Error('a scratch store has no subscriptions: a dry run runs no follow-ups');
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private local(streamId: string): readonly RecordedEvent[] {
    return this.streams.get(streamId) ?? [];
  }

  private async fromLog(streamId: string, upcast?: boolean): Promise<RecordedEvent[]> {
    if (!this.log) return [];
    const events = await this.log.readStream(streamId, upcast === undefined ? {} : { upcast });
    return events.filter((e) => this.sees(e));
  }

  private sees(event: RecordedEvent): boolean {
    return this.before === null || event.position < this.before;
  }

  /** Positions after the log's head (or the cut), so they sort after whatever is read. */
  private async takePosition(): Promise<bigint> {
    if (this.nextPosition === null) {
      const head = (this.log ? await this.log.headPosition() : null) ?? -1n;
      // A cut's own appends take the places from the cut on: it never reads past them.
      this.nextPosition = this.before ?? head + 1n;
    }
    return this.nextPosition++;
  }
}

function matches(expected: ExpectedRevision, revision: bigint | null): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return revision === null;
  if (expected === 'stream_exists') return revision !== null;
  return expected === revision;
}
