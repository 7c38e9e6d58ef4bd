import {
  AppendTooLargeError,
  ConcurrencyError,
  IdempotencyConflictError,
  InvalidEventError,
  MAX_APPEND_BYTES,
  UpcasterRegistry,
  appendSize,
  encodeBatch,
  startCheckpointedSubscription,
  verifyLog,
  type EventStore,
  type EventStoreConfig,
  type RecordedEvent,
} from '@app/event-store';
import { anEvent, someEvents, uniqueStream } from './events';
import { WorkerPool } from './worker-pool';

export interface OpenOptions {
  readonly upcasters?: UpcasterRegistry;
  readonly clock?: () => Date;
}

export interface StoreFixture {
  readonly store: EventStore;
  /** How a child process reaches the same store. */
  readonly config: EventStoreConfig;
  /** Another connection to the same store, with the given options. */
  openAnother(options?: OpenOptions): EventStore;
  dispose(): Promise<void>;
}

export interface ContractOptions {
  readonly open: (options?: OpenOptions) => Promise<StoreFixture>;
  /** Child processes in the race test (at least 8) and its rounds. */
  readonly raceWorkers?: number;
  readonly raceRounds?: number;
}

/** Events of one stream, read from the whole log (other tests may share a server). */
async function readWholeLog(store: EventStore, stream?: string): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: 200 });
    out.push(...page.filter((e) => stream === undefined || e.streamId === stream));
    const last = page.at(-1);
    if (!last || page.length < 200) return out;
    after = last.position;
  }
}

function ids(events: readonly { id: string }[]): string[] {
  return events.map((e) => e.id);
}

/** Collects events from a subscription until `until` says stop. */
function collect(until: (seen: RecordedEvent[]) => boolean): {
  seen: RecordedEvent[];
  reached: Promise<void>;
  handle: (e: RecordedEvent) => Promise<void>;
} {
  const seen: RecordedEvent[] = [];
  let resolve: () => void = () => undefined;
  const reached = new Promise<void>((r) => (resolve = r));
  return {
    seen,
    reached,
    handle: (event) => {
      seen.push(event);
      if (until(seen)) resolve();
      return Promise.resolve();
    },
  };
}

/**
 * One contract for every EventStore adapter: the semantics of EventStoreDB's
 * expected revisions and idempotency, all-or-nothing batches, paging, upcasting,
 * checkpointed catch-up and a multi-process race.
 */
export function describeEventStoreContract(adapter: string, options: ContractOptions): void {
  describe(`EventStore contract: ${adapter}`, () => {
    let fixture: StoreFixture;
    let store: EventStore;
    beforeEach(async () => {
      fixture = await options.open();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.dispose();
    });

    describe('when appending to a new stream', () => {
      it('stores the batch at revisions 0.. with increasing positions and the recorded time', async () => {
        const stream = uniqueStream();
        const batch = someEvents(3);
        const result = await store.append(stream, batch, { expectedRevision: 'no_stream' });
        const read = await store.readStream(stream);
        expect(ids(read)).toEqual(ids(batch));
        expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        expect(read[0]!.position < read[1]!.position && read[1]!.position < read[2]!.position).toBe(
          true,
        );
        expect(result).toEqual({ nextExpectedRevision: 2n, position: read[2]!.position });
        expect(read[0]!.metadata).toMatchObject({ ...batch[0]!.metadata });
        expect(Number.isNaN(Date.parse(read[0]!.metadata.recordedAt))).toBe(false);
        expect(read[0]!.data).toEqual(batch[0]!.data);
      });

      it('accepts any and refuses stream_exists and an exact revision', async () => {
        const stream = uniqueStream();
        await expect(
          store.append(stream, someEvents(1), { expectedRevision: 'stream_exists' }),
        ).rejects.toMatchObject({
          constructor: ConcurrencyError,
          expected: 'stream_exists',
          actual: 'no_stream',
        });
        await expect(
          store.append(stream, someEvents(1), { expectedRevision: 0n }),
        ).rejects.toMatchObject({
          constructor: ConcurrencyError,
          expected: 0n,
          actual: 'no_stream',
        });
        await expect(
          store.append(stream, someEvents(1), { expectedRevision: 'any' }),
        ).resolves.toMatchObject({
          nextExpectedRevision: 0n,
        });
      });
    });

    describe('when the stream exists at revision 1', () => {
      let stream: string;
      beforeEach(async () => {
        stream = uniqueStream();
        await store.append(stream, someEvents(2), { expectedRevision: 'no_stream' });
      });

      it('appends with the exact revision, stream_exists or any', async () => {
        await store.append(stream, someEvents(1), { expectedRevision: 1n });
        await store.append(stream, someEvents(1), { expectedRevision: 'stream_exists' });
        const result = await store.append(stream, someEvents(1), { expectedRevision: 'any' });
        expect(result.nextExpectedRevision).toBe(4n);
      });

      it('refuses no_stream and a stale revision with the expected and actual revisions', async () => {
        await expect(
          store.append(stream, someEvents(1), { expectedRevision: 'no_stream' }),
        ).rejects.toMatchObject({
          constructor: ConcurrencyError,
          streamId: stream,
          expected: 'no_stream',
          actual: 1n,
        });
        await expect(
          store.append(stream, someEvents(1), { expectedRevision: 0n }),
        ).rejects.toMatchObject({
          constructor: ConcurrencyError,
          expected: 0n,
          actual: 1n,
        });
        await expect(
          store.append(stream, someEvents(1), { expectedRevision: 5n }),
        ).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.readStream(stream)).toHaveLength(2);
      });
    });

    describe('when a committed batch is appended again', () => {
      let stream: string;
      const batch = someEvents(3);
      let first: Awaited<ReturnType<EventStore['append']>>;
      beforeEach(async () => {
        stream = uniqueStream();
        first = await store.append(stream, batch, { expectedRevision: 'no_stream' });
      });

      it('is a no-op returning the original result, with the same expected revision or any', async () => {
        await store.append(stream, someEvents(1), { expectedRevision: 2n });
        expect(await store.append(stream, batch, { expectedRevision: 'no_stream' })).toEqual(first);
        expect(await store.append(stream, batch, { expectedRevision: 'any' })).toEqual(first);
        expect(await store.readStream(stream)).toHaveLength(4);
      });

      it('refuses a batch that only partly overlaps, and appends none of it', async () => {
        const overlapping = [batch[0]!, batch[1]!, anEvent()];
        await expect(
          store.append(stream, overlapping, { expectedRevision: 'no_stream' }),
        ).rejects.toBeInstanceOf(IdempotencyConflictError);
        await expect(
          store.append(stream, [batch[2]!, anEvent()], { expectedRevision: 1n }),
        ).rejects.toBeInstanceOf(IdempotencyConflictError);
        expect(ids(await store.readStream(stream))).toEqual(ids(batch));
      });
    });

    describe('when the same batch is appended twice at once', () => {
      it('both calls answer the one result, and the batch is stored once', async () => {
        const stream = uniqueStream();
        const batch = someEvents(3);
        const other = fixture.openAnother();
        try {
          const results = await Promise.all([
            store.append(stream, batch, { expectedRevision: 'no_stream' }),
            store.append(stream, batch, { expectedRevision: 'no_stream' }),
            other.append(stream, batch, { expectedRevision: 'no_stream' }),
          ]);
          expect(results[1]).toEqual(results[0]);
          expect(results[2]).toEqual(results[0]);
          expect(ids(await store.readStream(stream))).toEqual(ids(batch));
        } finally {
          await other.close();
        }
      });
    });

    describe('when a batch is larger than one append may be', () => {
      /** `count` events whose batch measures `size` bytes as the port counts it. */
      function batchOfSize(stream: string, count: number, size: number) {
        const events = someEvents(count).map((e) => ({ ...e, data: { note: '' } }));
        const base = appendSize(encodeBatch(stream, events));
        const pad = Math.floor((size - base) / count);
        const padded = events.map((e) => ({ ...e, data: { note: 'đ'.repeat(pad / 2) } }));
        return padded;
      }

      it('refuses it with AppendTooLargeError naming size and limit, and appends nothing', async () => {
        const stream = uniqueStream();
        const batch = batchOfSize(stream, 4, MAX_APPEND_BYTES + 4096);
        const failure = store.append(stream, batch, { expectedRevision: 'any' });
        await expect(failure).rejects.toBeInstanceOf(AppendTooLargeError);
        await expect(failure).rejects.toMatchObject({
          code: 'EVENT_STORE.APPEND_TOO_LARGE',
          streamId: stream,
          limit: MAX_APPEND_BYTES,
        });
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('accepts one just under the limit, and reads it back whole', async () => {
        const stream = uniqueStream();
        const batch = batchOfSize(stream, 4, MAX_APPEND_BYTES - 2048);
        const size = appendSize(encodeBatch(stream, batch));
        expect(size).toBeLessThanOrEqual(MAX_APPEND_BYTES);
        expect(size).toBeGreaterThan(MAX_APPEND_BYTES - 8192);
        await store.append(stream, batch, { expectedRevision: 'no_stream' });
        const read = await store.readStream(stream);
        expect(read.map((e) => e.data)).toEqual(batch.map((e) => e.data));
      });
    });

    describe('when the events of multi-event batches are read every way', () => {
      it('each has one position: the append result, the stream, the log and a subscription agree', async () => {
        const stream = uniqueStream();
        const after = await store.headPosition();
        const results = [
          await store.append(stream, someEvents(3), { expectedRevision: 'no_stream' }),
          await store.append(stream, someEvents(4), { expectedRevision: 2n }),
        ];
        const fromStream = await store.readStream(stream);
        const fromLog = (await readWholeLog(store, stream)).filter((e) => e.streamId === stream);
        const run = collect((seen) => seen.filter((e) => e.streamId === stream).length >= 7);
        const sub = store.subscribeToAll({
          ...(after === null ? {} : { after }),
          handle: run.handle,
        });
        await run.reached;
        await sub.stop();
        const fromSubscription = run.seen.filter((e) => e.streamId === stream);

        const positions = fromStream.map((e) => e.position);
        expect(new Set(positions).size).toBe(7);
        expect(fromLog.map((e) => e.position)).toEqual(positions);
        expect(fromSubscription.map((e) => e.position)).toEqual(positions);
        expect(results.map((r) => r.position)).toEqual([positions[2], positions[6]]);
      });
    });

    describe('when a batch is invalid', () => {
      it('appends none of it and says which event is wrong', async () => {
        const stream = uniqueStream();
        const bad = [anEvent(), anEvent(), anEvent({ id: 'not-a-uuid' })];
        await expect(store.append(stream, bad, { expectedRevision: 'any' })).rejects.toThrow(
          /event 2 .*id/,
        );
        const noDate = anEvent({
          metadata: { ...anEvent().metadata, effectiveDate: '2024-02-30' },
        });
        await expect(
          store.append(stream, [noDate], { expectedRevision: 'any' }),
        ).rejects.toBeInstanceOf(InvalidEventError);
        await expect(store.append(stream, [], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
          InvalidEventError,
        );
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('when reading a stream', () => {
      it('reads forwards and backwards from a revision, bounded by maxCount; a missing stream is empty', async () => {
        const stream = uniqueStream();
        const batch = someEvents(5);
        await store.append(stream, batch, { expectedRevision: 'no_stream' });
        const forwards = await store.readStream(stream, { fromRevision: 1n, maxCount: 2 });
        expect(ids(forwards)).toEqual(ids(batch.slice(1, 3)));
        const backwards = await store.readStream(stream, {
          direction: 'backwards',
          fromRevision: 3n,
          maxCount: 2,
        });
        expect(ids(backwards)).toEqual([batch[3]!.id, batch[2]!.id]);
        const last = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
        expect(ids(last)).toEqual([batch[4]!.id]);
        expect(await store.readStream(uniqueStream('missing'))).toEqual([]);
      });
    });

    describe('when reading the whole log in pages', () => {
      it('returns every event once, in position order, each page after the last', async () => {
        const a = uniqueStream('a');
        const b = uniqueStream('b');
        const appended: string[] = [];
        for (let i = 0; i < 4; i++) {
          const ea = someEvents(2);
          const eb = someEvents(1);
          await store.append(a, ea, { expectedRevision: 'any' });
          await store.append(b, eb, { expectedRevision: 'any' });
          appended.push(...ids(ea), ...ids(eb));
        }
        const pages: RecordedEvent[][] = [];
        let after: bigint | undefined;
        for (;;) {
          const page = await store.readAll({
            ...(after === undefined ? {} : { after }),
            maxCount: 5,
          });
          if (page.length === 0) break;
          pages.push(page);
          after = page.at(-1)!.position;
        }
        const ours = pages.flat().filter((e) => e.streamId === a || e.streamId === b);
        expect(ids(ours)).toEqual(appended);
        const positions = pages.flat().map((e) => e.position);
        positions.forEach((p, i) => i > 0 && expect(p > positions[i - 1]!).toBe(true));
        expect(await store.headPosition()).toBe(positions.at(-1));
      });
    });

    describe('when an old schema version is read', () => {
      it('is upcast through the registry; the stored bytes stay as written', async () => {
        const upcasters = new UpcasterRegistry([
          {
            type: 'FundsAllocated',
            fromVersion: 1,
            upcast: (data) => ({
              data: { amount: JSON.stringify(data.amountDong), fundSource: 'central' },
            }),
          },
          {
            type: 'FundsAllocated',
            fromVersion: 2,
            upcast: (data) => ({
              type: 'FundsAllocatedToLine',
              data: { ...data, sourceYear: 2024 },
            }),
          },
        ]);
        const stream = uniqueStream();
        await store.append(
          stream,
          [anEvent({ type: 'FundsAllocated', schemaVersion: 1, data: { amountDong: 5 } })],
          {
            expectedRevision: 'no_stream',
          },
        );
        const reader = fixture.openAnother({ upcasters });
        try {
          const [upcast] = await reader.readStream(stream);
          expect(upcast).toMatchObject({
            type: 'FundsAllocatedToLine',
            schemaVersion: 3,
            data: { amount: '5', fundSource: 'central', sourceYear: 2024 },
          });
          const fromLog = (await readWholeLog(reader, stream))[0];
          expect(fromLog?.schemaVersion).toBe(3);
          const [raw] = await reader.readStream(stream, { upcast: false });
          expect(raw).toMatchObject({
            type: 'FundsAllocated',
            schemaVersion: 1,
            data: { amountDong: 5 },
          });
        } finally {
          await reader.close();
        }
      });
    });

    describe('when a checkpointed consumer stops and starts again', () => {
      it('catches up from its checkpoint with no gap and no repeat, then goes live', async () => {
        const stream = uniqueStream();
        const startAfter = await store.headPosition();
        // Consumers of a shared server start from "now" so other tests' events don't count.
        if (startAfter !== null) await store.checkpoints.store(`${stream}-consumer`, startAfter);
        await store.append(stream, someEvents(10), { expectedRevision: 'no_stream' });

        const firstRun = collect((seen) => seen.filter((e) => e.streamId === stream).length >= 10);
        const sub1 = await startCheckpointedSubscription(store, {
          name: `${stream}-consumer`,
          handle: firstRun.handle,
        });
        await firstRun.reached;
        await sub1.stop();

        // While the consumer is down, more events arrive.
        await store.append(stream, someEvents(5), { expectedRevision: 9n });
        const secondRun = collect((seen) => seen.filter((e) => e.streamId === stream).length >= 8);
        const sub2 = await startCheckpointedSubscription(store, {
          name: `${stream}-consumer`,
          handle: secondRun.handle,
        });
        // And more after it is live again.
        await store.append(stream, someEvents(3), { expectedRevision: 14n });
        await secondRun.reached;
        await sub2.stop();

        const delivered = [...firstRun.seen, ...secondRun.seen].filter(
          (e) => e.streamId === stream,
        );
        expect(delivered.map((e) => e.revision)).toEqual(
          Array.from({ length: 18 }, (_, i) => BigInt(i)),
        );
        expect(await store.checkpoints.load(`${stream}-consumer`)).toBe(delivered.at(-1)!.position);
      });

      it('ends the subscription with the error when the handler fails', async () => {
        const stream = uniqueStream();
        await store.append(stream, someEvents(1), { expectedRevision: 'no_stream' });
        const after = await store.headPosition();
        const sub = store.subscribeToAll({
          ...(after === null ? {} : { after: after - 1n }),
          handle: () => Promise.reject(new Error('projection failed')),
        });
        await expect(sub.done).rejects.toThrow('projection failed');
      });
    });

    describe('when other processes append', () => {
      it('a live subscription sees every event of every process once, in position order', async () => {
        const stream = uniqueStream('shared');
        const after = await store.headPosition();
        const pool = await WorkerPool.start(3, fixture.config);
        try {
          const expected = 3 * 4 * 5;
          const run = collect(
            (seen) => seen.filter((e) => e.streamId === stream).length >= expected,
          );
          const sub = store.subscribeToAll({
            ...(after === null ? {} : { after }),
            handle: run.handle,
          });
          const replies = await pool.all({ cmd: 'append-many', stream, batches: 4, batchSize: 5 });
          await run.reached;
          await sub.stop();
          const seen = run.seen.filter((e) => e.streamId === stream);
          const written = replies.flatMap((r) => (r.kind === 'appended' ? r.ids : []));
          expect(new Set(ids(seen))).toEqual(new Set(written));
          expect(seen).toHaveLength(expected);
          expect(seen.map((e) => e.revision)).toEqual(
            Array.from({ length: expected }, (_, i) => BigInt(i)),
          );
          const positions = run.seen.map((e) => e.position);
          positions.forEach((p, i) => i > 0 && expect(p > positions[i - 1]!).toBe(true));
        } finally {
          await pool.stop();
        }
      });
    });

    describe('when many processes race with the same expected revision', () => {
      it('exactly one wins each round; revisions have no gaps and ids no duplicates', async () => {
        const workers = Math.max(8, options.raceWorkers ?? 8);
        const rounds = options.raceRounds ?? 10;
        const stream = uniqueStream('race');
        const pool = await WorkerPool.start(workers, fixture.config);
        const winners: string[] = [];
        try {
          for (let round = 0; round < rounds; round++) {
            const replies = await pool.all({ cmd: 'race', stream, round });
            const won = replies.filter((r) => r.kind === 'race' && r.won);
            const lost = replies.filter((r) => r.kind === 'race' && !r.won);
            expect({ round, won: won.length, lost: lost.length }).toEqual({
              round,
              won: 1,
              lost: workers - 1,
            });
            expect(lost.every((r) => r.kind === 'race' && r.actual === String(round))).toBe(true);
            winners.push(...won.map((r) => (r.kind === 'race' ? r.eventId : '')));
          }
        } finally {
          await pool.stop();
        }
        const events = await store.readStream(stream);
        expect(ids(events)).toEqual(winners);
        expect(events.map((e) => e.revision)).toEqual(
          Array.from({ length: rounds }, (_, i) => BigInt(i)),
        );
        expect(new Set(ids(events)).size).toBe(rounds);
        const log = await readWholeLog(store, stream);
        log.forEach((e, i) => i > 0 && expect(e.position > log[i - 1]!.position).toBe(true));
        expect((await verifyLog(store)).ok).toBe(true);
      });
    });
  });
}
