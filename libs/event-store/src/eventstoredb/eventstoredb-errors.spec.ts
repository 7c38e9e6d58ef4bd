import { UnknownError } from '@eventstore/db-client';
import { EsdbClientDouble, anEvent, esdbErrors, storeOnDouble, uniqueStream } from '@app/testing';

/**
 * What the adapter makes of the errors a failover, an election, a refused user or an
 * oversized batch produce, in the shapes the client itself builds (esdb-error-shapes.ts).
 * "Retry later" must reach the API as EVENT_STORE.UNAVAILABLE (503), never as an unknown
 * error (500); a batch over the server's limit as the port's AppendTooLargeError (400).
 */
describe('EventStoreDbEventStore error mapping', () => {
  let double: EsdbClientDouble;
  beforeEach(() => {
    double = new EsdbClientDouble();
  });

  describe('when an append meets a node that cannot take it', () => {
    const stream = 'line-1';
    it.each([
      ['not ready (election)', () => esdbErrors.notReadyOnAppend(stream), /Server Is Not Ready/],
      ['too busy', () => esdbErrors.busyOnAppend(stream), /Server Is Busy/],
      ['no leader known', () => esdbErrors.noLeaderOnAppend(stream), /No leader info/],
      [
        'a refused application user',
        () => esdbErrors.accessDeniedOnAppend(stream),
        /access denied/,
      ],
      ['a commit timeout', () => esdbErrors.commitTimeout(stream), /deadline/],
      ['a call cancelled by the server', () => esdbErrors.cancelledByServer(), /cancelled/],
      ['a call cancelled on the client', () => esdbErrors.cancelledOnClient(), /cancelled/],
      ['an unreachable server (raw gRPC 14)', () => esdbErrors.unreachableRaw(), /unreachable/],
    ])('%s fails as EVENT_STORE.UNAVAILABLE naming the server and why', async (_, error, why) => {
      const store = storeOnDouble(double);
      double.failNext('appendToStream', error());
      const failure = store.append(stream, [anEvent()], { expectedRevision: 'no_stream' });
      await expect(failure).rejects.toMatchObject({ code: 'EVENT_STORE.UNAVAILABLE' });
      await expect(failure).rejects.toThrow(/double\.test:2113/);
      await expect(failure).rejects.toThrow(why);
      expect(double.stream(stream)).toHaveLength(0);
      await store.close();
    });

    it('a NotLeader answer is tried again on the leader, and the batch lands once', async () => {
      const store = storeOnDouble(double);
      double.failNext('appendToStream', esdbErrors.notLeader());
      const batch = [anEvent(), anEvent()];
      const result = await store.append(stream, batch, { expectedRevision: 'no_stream' });
      expect(result.nextExpectedRevision).toBe(1n);
      expect(double.stream(stream).map((e) => e.id)).toEqual(batch.map((e) => e.id));
      await store.close();
    });

    it('NotLeader on every try fails as EVENT_STORE.UNAVAILABLE', async () => {
      const store = storeOnDouble(double);
      double.failNext('readStream', esdbErrors.notLeader(), esdbErrors.notLeader());
      double.failNext('readStream', esdbErrors.notLeader());
      await expect(
        store.append(stream, [anEvent()], { expectedRevision: 'no_stream' }),
      ).rejects.toMatchObject({ code: 'EVENT_STORE.UNAVAILABLE', message: /not the leader/ });
      await store.close();
    });
  });

  describe('when the application user may not read $all', () => {
    it('queries, pages of the log and subscriptions fail as EVENT_STORE.UNAVAILABLE, saying so', async () => {
      const store = storeOnDouble(double);
      double.failNext('readAll', esdbErrors.accessDeniedOnRead(), esdbErrors.accessDeniedOnRead());
      await expect(store.headPosition()).rejects.toMatchObject({
        code: 'EVENT_STORE.UNAVAILABLE',
        message: /access denied to the application user/,
      });
      await expect(store.readAll({ maxCount: 10 })).rejects.toMatchObject({
        code: 'EVENT_STORE.UNAVAILABLE',
      });
      double.failNext('subscribeToAll', esdbErrors.accessDeniedOnRead());
      const subscription = store.subscribeToAll({ handle: async () => undefined });
      await expect(subscription.done).rejects.toMatchObject({ code: 'EVENT_STORE.UNAVAILABLE' });
      await store.close();
    });

    it('a stream read refused or timed out on the server fails the same way', async () => {
      const store = storeOnDouble(double);
      double.failNext('readStream', esdbErrors.accessDeniedOnRead(), esdbErrors.timeoutOnRead());
      await expect(store.readStream('s')).rejects.toMatchObject({
        code: 'EVENT_STORE.UNAVAILABLE',
      });
      await expect(store.readStream('s')).rejects.toMatchObject({
        code: 'EVENT_STORE.UNAVAILABLE',
      });
      await store.close();
    });
  });

  describe('when the server refuses a batch over its MaxAppendSize', () => {
    it('fails with the port’s AppendTooLargeError naming the stream and the server’s limit', async () => {
      const store = storeOnDouble(double);
      const stream = uniqueStream();
      // A server configured below the default: the port's own check let the batch through.
      double.failNext('appendToStream', esdbErrors.maxAppendSizeExceeded(stream, 65_536));
      await expect(
        store.append(stream, [anEvent()], { expectedRevision: 'no_stream' }),
      ).rejects.toMatchObject({
        code: 'EVENT_STORE.APPEND_TOO_LARGE',
        streamId: stream,
        limit: 65_536,
      });
      await store.close();
    });
  });

  it('leaves an error it cannot classify as it is (a fault, not an outage)', async () => {
    const store = storeOnDouble(double);
    const odd = new UnknownError(undefined, 'Could not recognize something new');
    double.failNext('appendToStream', odd);
    await expect(store.append('s', [anEvent()], { expectedRevision: 'any' })).rejects.toBe(odd);
    await store.close();
  });
});
