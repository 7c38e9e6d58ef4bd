import { AppendTooLargeError, EventStoreUnavailableError } from '@app/event-store';
import { toProblem } from './problem';

describe('toProblem for the event store’s errors', () => {
  it('answers a batch over the log’s append limit as bad input (400), recording nothing', () => {
    const mapped = toProblem(new AppendTooLargeError('line-1', 1_100_000, 1_048_576));
    expect(mapped.serverFault).toBe(false);
    expect(mapped.problem).toMatchObject({ status: 400, code: 'EVENT_STORE.APPEND_TOO_LARGE' });
    expect(mapped.problem.message.vi).toContain('1 MiB');
  });

  it('answers a store that cannot serve now (failover, election, refused user) with 503', () => {
    const error = new EventStoreUnavailableError('esdb://a:2113', { reason: 'access denied' });
    const mapped = toProblem(error);
    expect(mapped.problem).toMatchObject({ status: 503, code: 'EVENT_STORE.UNAVAILABLE' });
    // The reason is for the operator's log, not the client.
    expect(JSON.stringify(mapped.problem)).not.toContain('access denied');
  });
});
