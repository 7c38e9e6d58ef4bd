import { jsonEvent } from '@eventstore/db-client';
import { EsdbClientDouble, anEvent, storeOnDouble, uniqueStream } from '@app/testing';

/** Raw events that are not the ledger's: a checkpoint and a foreign tool's event. */
function notOurs(count: number) {
  return Array.from({ length: count }, () => {
    const { id, type, data } = jsonEvent({ type: 'CheckpointStored', data: { position: '1' } });
    return { id, type, isJson: true, data, metadata: { storedAt: '2024-01-01T00:00:00Z' } };
  });
}

/**
 * headPosition() runs before every query (read-your-writes), so its cost is paid per
 * request: the client parses every event it is sent, whatever maxCount it asked for.
 */
describe('EventStoreDbEventStore.headPosition', () => {
  let double: EsdbClientDouble;
  beforeEach(() => {
    double = new EsdbClientDouble();
  });

  describe('when the log ends with a ledger event', () => {
    it('asks for one event, once', async () => {
      const store = storeOnDouble(double);
      const stream = uniqueStream();
      await store.append(stream, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
      const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
      double.calls.length = 0;

      expect(await store.headPosition()).toBe(last!.position);
      expect(double.callsOf('readAll')).toHaveLength(1);
      expect(double.callsOf('readAll')[0]!.options).toMatchObject({ maxCount: 1 });
      await store.close();
    });
  });

  describe('when checkpoint and foreign events follow the last ledger event', () => {
    it('asks for more only while it meets events that are not ours', async () => {
      const store = storeOnDouble(double);
      const stream = uniqueStream();
      await store.append(stream, [anEvent()], { expectedRevision: 'no_stream' });
      const [ours] = await store.readStream(stream);
      double.seed('budget-checkpoint-follow-ups', notOurs(6));
      double.calls.length = 0;

      expect(await store.headPosition()).toBe(ours!.position);
      const asked = double.callsOf('readAll').map((c) => c.options.maxCount);
      expect(asked).toEqual([1, 4, 16]);
      // 1 + 4 + 16 asked; what came back is the 6 others, re-read starts and ours.
      const sent = double.callsOf('readAll').reduce((n, c) => n + c.events, 0);
      expect(sent).toBeLessThanOrEqual(10);
      await store.close();
    });
  });

  describe('when the log holds none of our events', () => {
    it('answers null, empty or not', async () => {
      const store = storeOnDouble(double);
      expect(await store.headPosition()).toBeNull();
      double.seed('foreign', notOurs(40));
      expect(await store.headPosition()).toBeNull();
      await store.close();
    });
  });
});
