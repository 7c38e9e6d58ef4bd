import { EventStoreDBClient } from '@eventstore/db-client';
import { EventStoreDbEventStore } from '@app/event-store/eventstoredb';
import { EsdbClientDouble, anEvent, uniqueStream } from '@app/testing';

/**
 * Client 6.2.1 keeps in-flight batch appends in one process-wide map: disposing any
 * client rejects the appends of all (which may still commit), and a late reply on
 * another client then throws inside a `data` handler. So a process has one client per
 * connection string, disposed only when its last store closes and no append of any
 * client is in flight.
 */
describe('EventStoreDB clients in one process', () => {
  /** Every client made, in order, and the latest per connection string. */
  const created: EsdbClientDouble[] = [];
  const made = new Map<string, EsdbClientDouble>();
  beforeEach(() => {
    created.length = 0;
    made.clear();
    jest.spyOn(EventStoreDBClient, 'connectionString').mockImplementation(((target: string) => {
      const double = new EsdbClientDouble();
      created.push(double);
      made.set(target, double);
      return double;
    }) as never);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('stores opened on one connection string share one client, disposed when the last closes', async () => {
    const target = 'esdb://a.test:2113?tls=false';
    const api = new EventStoreDbEventStore({ connectionString: target });
    const projector = new EventStoreDbEventStore({ connectionString: target });
    expect(created).toHaveLength(1);
    const client = made.get(target)!;

    await api.close();
    expect(client.disposed).toBe(0);
    // The other store still works on the shared client.
    await projector.append(uniqueStream(), [anEvent()], { expectedRevision: 'no_stream' });
    await projector.close();
    expect(client.disposed).toBe(1);

    // A store opened afterwards gets a new client, not the disposed one.
    const later = new EventStoreDbEventStore({ connectionString: target });
    expect(created).toHaveLength(2);
    expect(made.get(target)).not.toBe(client);
    await later.close();
  });

  it('a client is disposed only once no append of any client is in flight', async () => {
    const a = new EventStoreDbEventStore({ connectionString: 'esdb://a.test:2113?tls=false' });
    const b = new EventStoreDbEventStore({ connectionString: 'esdb://b.test:2113?tls=false' });
    const clientA = made.get('esdb://a.test:2113?tls=false')!;
    const clientB = made.get('esdb://b.test:2113?tls=false')!;
    const release = clientA.pauseAppends();
    const appending = a.append(uniqueStream(), [anEvent()], { expectedRevision: 'no_stream' });
    await new Promise((resolve) => setTimeout(resolve, 10));

    const closing = b.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clientB.disposed).toBe(0);
    release();
    await expect(appending).resolves.toMatchObject({ nextExpectedRevision: 0n });
    await closing;
    expect(clientB.disposed).toBe(1);
    await a.close();
  });

  it('an append started while a client is being disposed waits for the disposal', async () => {
    const a = new EventStoreDbEventStore({ connectionString: 'esdb://a.test:2113?tls=false' });
    const b = new EventStoreDbEventStore({ connectionString: 'esdb://b.test:2113?tls=false' });
    const clientA = made.get('esdb://a.test:2113?tls=false')!;
    const clientB = made.get('esdb://b.test:2113?tls=false')!;
    const order: string[] = [];
    const dispose = clientB.dispose.bind(clientB);
    clientB.dispose = async () => {
      order.push('dispose started');
      await new Promise((resolve) => setTimeout(resolve, 20));
      await dispose();
      order.push('dispose done');
    };
    const closing = b.close();
    await new Promise((resolve) => setImmediate(resolve));
    const appending = a
      .append(uniqueStream(), [anEvent()], { expectedRevision: 'no_stream' })
      .then(() => order.push('append done'));
    await Promise.all([closing, appending]);
    expect(order).toEqual(['dispose started', 'dispose done', 'append done']);
    expect(clientA.callsOf('readStream')[0]).toBeDefined();
    await a.close();
  });
});
