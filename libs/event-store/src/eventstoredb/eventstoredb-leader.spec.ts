import { EsdbClientDouble, anEvent, storeOnDouble, uniqueStream } from '@app/testing';

/**
 * `nodePreference=leader` picks a node only when the client connects. After a failover
 * that leaves the old leader running as a follower, a client still connected to it would
 * read that follower's lagging copy (stale decisions, READ_MODEL.POSITION_UNKNOWN for a
 * position written elsewhere, appends looping on ConcurrencyError) unless every call asks
 * for the leader: then the follower answers NotLeader and the client moves.
 */
describe('EventStoreDbEventStore on a cluster', () => {
  it('asks for the leader on every call: appends, stream and log reads, the head, subscriptions, checkpoints', async () => {
    const double = new EsdbClientDouble();
    const store = storeOnDouble(double);
    const stream = uniqueStream();
    await store.append(stream, [anEvent()], { expectedRevision: 'no_stream' });
    await store.append(stream, [anEvent()], { expectedRevision: 'any' });
    await store.readStream(stream);
    await store.readAll({ maxCount: 10 });
    await store.headPosition();
    await store.checkpoints.store('follow-ups', 7n);
    await store.checkpoints.load('follow-ups');
    const subscription = store.subscribeToAll({ handle: async () => undefined });
    await new Promise((resolve) => setImmediate(resolve));
    await subscription.stop();
    await store.close();

    const methods = new Set(double.calls.map((c) => c.method));
    expect(methods).toEqual(
      new Set(['appendToStream', 'readStream', 'readAll', 'subscribeToAll', 'setStreamMetadata']),
    );
    const notOnLeader = double.calls.filter((c) => c.options.requiresLeader !== true);
    expect(notOnLeader).toEqual([]);
  });
});
