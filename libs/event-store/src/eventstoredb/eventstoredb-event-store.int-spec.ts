import { EventStoreDbEventStore } from '@app/event-store/eventstoredb';
import { announceSkip } from '@app/testing';
import { describeEventStoreContract } from '@app/testing';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('EventStoreDB', {
    raceWorkers: 8,
    raceRounds: 10,
    open: (options = {}) => {
      const store = new EventStoreDbEventStore({ connectionString, ...options });
      const others: EventStoreDbEventStore[] = [];
      return Promise.resolve({
        store,
        config: { kind: 'eventstoredb' as const, dataDir: '', connectionString },
        openAnother: (more = {}) => {
          const other = new EventStoreDbEventStore({ connectionString, ...more });
          others.push(other);
          return other;
        },
        dispose: async () => {
          await Promise.all([store, ...others].map((s) => s.close()));
        },
      });
    },
  });
} else {
  // A visible notice, not a silent pass: the embedded adapter carries the contract here.
  announceSkip(
    'SKIP EventStoreDB contract suite: EVENTSTORE_CONNECTION_STRING is not set (npm run test:servers runs it against docker/compose.yml)',
  );
  describe.skip('EventStore contract: EventStoreDB (set EVENTSTORE_CONNECTION_STRING to run)', () => {
    it('runs the shared contract against a live server', () => undefined);
  });
}

describe('EventStoreDbEventStore without a server', () => {
  it('fails with an error naming the connection string, for reads and appends alike', async () => {
    // Port 1 on loopback: nothing listens there, so the client fails fast.
    const target = 'esdb://127.0.0.1:1?tls=false';
    const store = new EventStoreDbEventStore({ connectionString: target });
    try {
      await expect(store.readStream('s')).rejects.toThrow(/127\.0\.0\.1:1/);
      await expect(
        store.append(
          's',
          [
            {
              id: '00000000-0000-4000-8000-000000000001',
              type: 'T',
              schemaVersion: 1,
              data: {},
              metadata: {
                actor: 'a',
                correlationId: 'c',
                causationId: null,
                effectiveDate: '2024-01-01',
              },
            },
          ],
          { expectedRevision: 'any' },
        ),
      ).rejects.toMatchObject({ code: 'EVENT_STORE.UNAVAILABLE' });
    } finally {
      await store.close();
    }
  });
});
