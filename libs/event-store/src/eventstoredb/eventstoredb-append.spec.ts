import { ConcurrencyError, IdempotencyConflictError, MAX_APPEND_BYTES } from '@app/event-store';
import type { EventStoreDbEventStore } from '@app/event-store/eventstoredb';
import { EsdbClientDouble, anEvent, someEvents, storeOnDouble, uniqueStream } from '@app/testing';

/** Events the adapter had sent back by stream reads since the calls were cleared. */
function streamEventsRead(double: EsdbClientDouble): number {
  return double.callsOf('readStream').reduce((n, c) => n + c.events, 0);
}

/** Appends `count` events to a fresh stream in batches of 100; returns the stream. */
async function longStream(store: EventStoreDbEventStore, count: number): Promise<string> {
  const stream = uniqueStream('line');
  let revision: bigint | 'no_stream' = 'no_stream';
  for (let done = 0; done < count; done += 100) {
    const result = await store.append(stream, someEvents(Math.min(100, count - done)), {
      expectedRevision: revision,
    });
    revision = result.nextExpectedRevision;
  }
  return stream;
}

/**
 * An append checks idempotency where a retry of its batch can be, instead of reading
 * back the stream's latest 1000 events (the whole stream, at the sizes the sizing guide
 * expects) on every append.
 */
describe('EventStoreDbEventStore.append cost and idempotency', () => {
  let double: EsdbClientDouble;
  let store: EventStoreDbEventStore;
  beforeEach(() => {
    double = new EsdbClientDouble();
    store = storeOnDouble(double);
  });
  afterEach(async () => {
    await store.close();
  });

  describe('when the stream is long and the expected revision is its tip', () => {
    it('reads the tip and, after the write, its last event: two events, not the stream', async () => {
      const stream = await longStream(store, 1200);
      double.calls.length = 0;
      const result = await store.append(stream, someEvents(3), { expectedRevision: 1199n });
      expect(result.nextExpectedRevision).toBe(1202n);
      expect(streamEventsRead(double)).toBe(2);
      expect(double.callsOf('readStream').map((c) => c.options.maxCount)).toEqual([1, 1]);
    });
  });

  describe('when a committed batch is sent again with the revision it was written at', () => {
    it('reads the batch where it would be, and answers the original result', async () => {
      const stream = await longStream(store, 300);
      const batch = someEvents(3);
      const first = await store.append(stream, batch, { expectedRevision: 299n });
      await store.append(stream, someEvents(50), { expectedRevision: 302n });
      double.calls.length = 0;

      expect(await store.append(stream, batch, { expectedRevision: 299n })).toEqual(first);
      expect(streamEventsRead(double)).toBe(1 + batch.length);
      expect(double.callsOf('appendToStream')).toHaveLength(0);
      expect(double.stream(stream)).toHaveLength(353);
    });

    it('refuses a batch that only partly overlaps what is there', async () => {
      const stream = uniqueStream();
      const batch = someEvents(3);
      await store.append(stream, batch, { expectedRevision: 'no_stream' });
      await expect(
        store.append(stream, [batch[2]!, anEvent()], { expectedRevision: 1n }),
      ).rejects.toBeInstanceOf(IdempotencyConflictError);
      expect(double.stream(stream)).toHaveLength(3);
    });
  });

  describe('when the stream moved past the expected revision with other events', () => {
    it('refuses with ConcurrencyError and the actual revision, after reading one event there', async () => {
      const stream = await longStream(store, 200);
      double.calls.length = 0;
      await expect(
        store.append(stream, someEvents(2), { expectedRevision: 150n }),
      ).rejects.toMatchObject({ constructor: ConcurrencyError, expected: 150n, actual: 199n });
      expect(streamEventsRead(double)).toBe(1 + 2);
    });
  });

  describe('when two identical appends race', () => {
    it('both answer the one result, and the batch is stored once', async () => {
      const stream = uniqueStream();
      const batch = someEvents(2);
      const release = double.pauseAppends();
      const both = Promise.all([
        store.append(stream, batch, { expectedRevision: 'no_stream' }),
        store.append(stream, batch, { expectedRevision: 'no_stream' }),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 10));
      release();
      const [a, b] = await both;
      expect(a).toEqual(b);
      expect(double.stream(stream).map((e) => e.id)).toEqual(batch.map((e) => e.id));
    });
  });

  describe('when a batch is over the port’s size limit', () => {
    it('is refused before anything is sent', async () => {
      const big = 'x'.repeat(MAX_APPEND_BYTES / 4);
      const batch = someEvents(4).map((e) => ({ ...e, data: { note: big } }));
      await expect(
        store.append(uniqueStream(), batch, { expectedRevision: 'any' }),
      ).rejects.toMatchObject({ code: 'EVENT_STORE.APPEND_TOO_LARGE', limit: MAX_APPEND_BYTES });
      expect(double.calls).toHaveLength(0);
    });
  });
});
