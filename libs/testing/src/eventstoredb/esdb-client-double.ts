import { PassThrough } from 'node:stream';
import {
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type Position,
  type ReadPosition,
  type ReadRevision,
} from '@eventstore/db-client';
import {
  EventStoreDbEventStore,
  type EsdbClient,
  type EsdbRecord,
  type EventStoreDbOptions,
} from '@app/event-store/eventstoredb';

/** An event as the double stores and returns it: the client's fields the adapter reads. */
export type DoubleRecord = EsdbRecord & { readonly position: Position };

/** One call the adapter made, with the options it passed. */
export interface DoubleCall {
  readonly method:
    'readStream' | 'readAll' | 'appendToStream' | 'subscribeToAll' | 'setStreamMetadata';
  readonly stream?: string;
  readonly options: Record<string, unknown>;
  /** Events the call sent back (reads) or carried (appends). */
  readonly events: number;
}

type Method = DoubleCall['method'];

/**
 * A stand-in for EventStoreDBClient at the adapter's edge, holding streams and $all in
 * memory with the server's semantics the adapter relies on: expected revisions (and the
 * server's own idempotency for a batch resent at the same place), inclusive read starts,
 * StreamNotFoundError for a missing stream. It records every call with its options and
 * how many events crossed, and throws errors queued with failNext() — the client's own
 * error shapes (esdb-error-shapes.ts) — so tests can replay what a failover does.
 */
export class EsdbClientDouble {
  readonly calls: DoubleCall[] = [];
  readonly all: DoubleRecord[] = [];
  disposed = 0;
  private readonly streams = new Map<string, DoubleRecord[]>();
  private readonly failures = new Map<Method, Error[]>();
  private nextPosition = 1000n;
  private gate: Promise<void> = Promise.resolve();

  /** Appends wait (after being called) until the returned function is called. */
  pauseAppends(): () => void {
    let open: () => void = () => undefined;
    this.gate = new Promise<void>((resolve) => (open = resolve));
    return () => open();
  }

  /** The next call of `method` throws `error` (queued: one per call). */
  failNext(method: Method, ...errors: Error[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...errors]);
  }

  /** Writes events straight into the log (foreign or system events, checkpoints…). */
  seed(
    streamId: string,
    events: readonly Omit<DoubleRecord, 'streamId' | 'revision' | 'position'>[],
  ) {
    const stream = this.streams.get(streamId) ?? [];
    for (const event of events) {
      const position = { commit: this.nextPosition, prepare: this.nextPosition };
      this.nextPosition += 100n;
      const record = { ...event, streamId, revision: BigInt(stream.length), position };
      stream.push(record);
      this.all.push(record);
    }
    this.streams.set(streamId, stream);
  }

  stream(streamId: string): readonly DoubleRecord[] {
    return this.streams.get(streamId) ?? [];
  }

  callsOf(method: Method): DoubleCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  readStream(
    streamId: string,
    options: { direction?: string; fromRevision?: ReadRevision; maxCount?: number } = {},
  ): AsyncIterable<{ event: DoubleRecord }> {
    const failure = this.takeFailure('readStream');
    const stream = this.streams.get(streamId);
    let events: DoubleRecord[] = [];
    if (!failure && stream) {
      const backwards = options.direction === BACKWARDS;
      const from = options.fromRevision ?? (backwards ? END : START);
      const ordered = backwards ? [...stream].reverse() : stream;
      const start =
        from === START || from === END
          ? ordered
          : ordered.filter((e) => (backwards ? e.revision <= from : e.revision >= from));
      events = start.slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER);
    }
    this.calls.push({ method: 'readStream', stream: streamId, options, events: events.length });
    const missing = !failure && !stream;
    return (async function* () {
      await Promise.resolve();
      if (failure) throw failure;
      if (missing) throw new StreamNotFoundError(undefined, streamId);
      for (const event of events) yield { event };
    })();
  }

  readAll(
    options: { direction?: string; fromPosition?: ReadPosition; maxCount?: number } = {},
  ): AsyncIterable<{ event: DoubleRecord }> {
    const failure = this.takeFailure('readAll');
    const backwards = options.direction === BACKWARDS;
    const from = options.fromPosition ?? (backwards ? END : START);
    const ordered = backwards ? [...this.all].reverse() : this.all;
    const start =
      from === START || from === END
        ? ordered
        : ordered.filter((e) =>
            backwards ? compare(e.position, from) <= 0 : compare(e.position, from) >= 0,
          );
    const events = failure ? [] : start.slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER);
    this.calls.push({ method: 'readAll', options, events: events.length });
    return (async function* () {
      await Promise.resolve();
      if (failure) throw failure;
      for (const event of events) yield { event };
    })();
  }

  async appendToStream(
    streamId: string,
    data: EventData | EventData[],
    options: { expectedRevision?: AppendExpectedRevision } & Record<string, unknown> = {},
  ): Promise<AppendResult> {
    const events = Array.isArray(data) ? data : [data];
    this.calls.push({ method: 'appendToStream', stream: streamId, options, events: events.length });
    await this.gate;
    const failure = this.takeFailure('appendToStream');
    if (failure) throw failure;
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length === 0 ? null : BigInt(stream.length - 1);
    const expected = options.expectedRevision ?? 'any';
    const expectedBefore = expected === NO_STREAM ? -1n : expected;
    if (typeof expectedBefore === 'bigint' && expectedBefore !== (current ?? -1n)) {
      // The server's idempotency: the same ids already right after the expected revision.
      const there = stream.slice(
        Number(expectedBefore + 1n),
        Number(expectedBefore + 1n) + events.length,
      );
      if (there.length === events.length && there.every((e, i) => e.id === events[i]?.id)) {
        return { success: true, nextExpectedRevision: there.at(-1)!.revision, position: undefined };
      }
      throw new WrongExpectedVersionError(undefined, {
        streamName: streamId,
        current: current ?? 'no_stream',
        expected,
      } as never);
    }
    this.seed(
      streamId,
      events.map((e) => ({
        id: e.id,
        type: e.type,
        isJson: e.contentType === 'application/json',
        data: e.data,
        metadata: e.metadata,
      })),
    );
    const last = this.stream(streamId).at(-1)!;
    return { success: true, nextExpectedRevision: last.revision, position: last.position };
  }

  subscribeToAll(options: Record<string, unknown> = {}) {
    this.calls.push({ method: 'subscribeToAll', options, events: 0 });
    const failure = this.takeFailure('subscribeToAll');
    const stream = new PassThrough({ objectMode: true });
    const subscription = Object.assign(stream, { unsubscribe: async () => undefined });
    if (failure) queueMicrotask(() => stream.destroy(failure));
    else for (const event of this.all) stream.write({ event });
    return subscription;
  }

  async setStreamMetadata(
    streamId: string,
    metadata: unknown,
    options: Record<string, unknown> = {},
  ): Promise<AppendResult> {
    this.calls.push({
      method: 'setStreamMetadata',
      stream: streamId,
      options: { ...options, metadata },
      events: 1,
    });
    await Promise.resolve();
    const failure = this.takeFailure('setStreamMetadata');
    if (failure) throw failure;
    return { success: true, nextExpectedRevision: 0n, position: undefined };
  }

  async dispose(): Promise<void> {
    this.disposed++;
    await Promise.resolve();
  }

  private takeFailure(method: Method): Error | undefined {
    return this.failures.get(method)?.shift();
  }
}

function compare(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  return a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
}

/** The connection string stores on a double are opened with (named in their errors). */
export const DOUBLE_TARGET = 'esdb://double.test:2113?tls=false';

/** An EventStoreDbEventStore whose client is the double; closing it disposes the double. */
export function storeOnDouble(
  double: EsdbClientDouble,
  options: Partial<EventStoreDbOptions> = {},
): EventStoreDbEventStore {
  return new EventStoreDbEventStore({
    connectionString: DOUBLE_TARGET,
    ...options,
    client: { client: double as unknown as EsdbClient, release: () => double.dispose() },
  });
}
