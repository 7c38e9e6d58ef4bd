import { describeOnApiStateBackends } from '../support/api-state-backends';

describeOnApiStateBackends('RateLimitStorage', (backend) => {
  it('counts the hits of one key across replicas, and blocks past the limit', async () => {
    const a = await backend.replica();
    const b = await backend.replica();
    const counts = [];
    for (const replica of [a, b, a, b]) {
      counts.push(await replica.rateLimits.increment('user:u-1', 60_000, 3, 0, 'default'));
    }
    expect(counts.map((c) => c.totalHits)).toEqual([1, 2, 3, 4]);
    expect(counts.map((c) => c.isBlocked)).toEqual([false, false, false, true]);
    const blocked = counts[3]!;
    expect(blocked.timeToBlockExpire).toBeGreaterThan(0);
    expect(blocked.timeToBlockExpire).toBeLessThanOrEqual(60);
    // Keys and throttlers are counted apart.
    expect((await b.rateLimits.increment('user:u-2', 60_000, 3, 0, 'default')).totalHits).toBe(1);
    expect((await b.rateLimits.increment('user:u-1', 60_000, 3, 0, 'sign-in')).totalHits).toBe(1);
  });

  it('starts a new window once the last one has ended', async () => {
    const { rateLimits } = await backend.replica();
    await rateLimits.increment('address:10.0.0.1', 200, 1, 0, 'sign-in');
    expect((await rateLimits.increment('address:10.0.0.1', 200, 1, 0, 'sign-in')).isBlocked).toBe(
      true,
    );
    await new Promise((resolve) => setTimeout(resolve, 250));
    const fresh = await rateLimits.increment('address:10.0.0.1', 200, 1, 0, 'sign-in');
    expect(fresh).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});
