import { describeOnApiStateBackends } from '../support/api-state-backends';

const HASH = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);

describeOnApiStateBackends('IdempotencyStore', (backend) => {
  it('claims a key once, then replays its answer; another request under it is refused', async () => {
    const { idempotency } = await backend.replica();
    const first = await idempotency.begin('u-1', 'k-1', HASH);
    expect(first.kind).toBe('started');
    expect(await idempotency.begin('u-1', 'k-1', HASH)).toEqual({ kind: 'in_progress' });
    if (first.kind !== 'started') return;
    const answer = { id: 'x', amounts: ['1', '2'], $weird: { 'a.b': null } };
    await idempotency.complete('u-1', 'k-1', first.attempt, 201, answer);
    expect(await idempotency.begin('u-1', 'k-1', HASH)).toEqual({
      kind: 'replay',
      status: 201,
      body: answer,
    });
    expect(await idempotency.begin('u-1', 'k-1', OTHER)).toEqual({ kind: 'key_reused' });
    // Keys belong to their user.
    expect((await idempotency.begin('u-2', 'k-1', OTHER)).kind).toBe('started');
  });

  it('replays an answer without a body, and a kept refusal with its status', async () => {
    const { idempotency } = await backend.replica();
    const empty = await idempotency.begin('u-1', 'k-empty', HASH);
    const refused = await idempotency.begin('u-1', 'k-refused', HASH);
    if (empty.kind !== 'started' || refused.kind !== 'started') throw new Error('not claimed');
    await idempotency.complete('u-1', 'k-empty', empty.attempt, 204, undefined);
    await idempotency.complete('u-1', 'k-refused', refused.attempt, 409, { code: 'X' });
    expect(await idempotency.begin('u-1', 'k-empty', HASH)).toEqual({
      kind: 'replay',
      status: 204,
      body: undefined,
    });
    expect(await idempotency.begin('u-1', 'k-refused', HASH)).toEqual({
      kind: 'replay',
      status: 409,
      body: { code: 'X' },
    });
  });

  it('frees an abandoned key, and only for the attempt that held it', async () => {
    const { idempotency } = await backend.replica();
    const first = await idempotency.begin('u-1', 'k-1', HASH);
    if (first.kind !== 'started') throw new Error('not claimed');
    await idempotency.abandon('u-1', 'k-1', 'someone-else');
    expect((await idempotency.begin('u-1', 'k-1', HASH)).kind).toBe('in_progress');
    await idempotency.abandon('u-1', 'k-1', first.attempt);
    expect((await idempotency.begin('u-1', 'k-1', OTHER)).kind).toBe('started');
  });

  it('lets a retry take over a claim past its lease; the late first attempt then records nothing', async () => {
    const { idempotency } = await backend.replica();
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    const crashed = await idempotency.begin('u-1', 'k-1', HASH, tenMinutesAgo);
    const retry = await idempotency.begin('u-1', 'k-1', HASH);
    if (crashed.kind !== 'started' || retry.kind !== 'started') throw new Error('not claimed');
    expect(retry.attempt).not.toBe(crashed.attempt);
    expect((await idempotency.begin('u-1', 'k-1', HASH)).kind).toBe('in_progress');
    await idempotency.complete('u-1', 'k-1', crashed.attempt, 201, { from: 'crashed' });
    await idempotency.abandon('u-1', 'k-1', crashed.attempt);
    await idempotency.complete('u-1', 'k-1', retry.attempt, 201, { from: 'retry' });
    expect(await idempotency.begin('u-1', 'k-1', HASH)).toEqual({
      kind: 'replay',
      status: 201,
      body: { from: 'retry' },
    });
  });

  it('lets exactly one of many concurrent claims of a key through, across replicas', async () => {
    const replicas = [await backend.replica(), await backend.replica()];
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        replicas[i % 2]!.idempotency.begin('u-1', 'k-race', HASH),
      ),
    );
    expect(outcomes.filter((o) => o.kind === 'started')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind !== 'started')).toEqual(
      Array.from({ length: 11 }, () => ({ kind: 'in_progress' })),
    );
    const started = outcomes.find((o) => o.kind === 'started');
    if (started?.kind !== 'started') throw new Error('not claimed');
    await replicas[0]!.idempotency.complete('u-1', 'k-race', started.attempt, 201, { ok: 1 });
    expect(await replicas[1]!.idempotency.begin('u-1', 'k-race', HASH)).toEqual({
      kind: 'replay',
      status: 201,
      body: { ok: 1 },
    });
  });
});
