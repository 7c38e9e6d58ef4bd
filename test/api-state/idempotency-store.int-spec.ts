import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ApiStateConfig } from '@app/api-state';
import { clockMs, crossOverlaps, FORCE_SERIAL } from '@app/testing/faults';
import { describeOnApiStateBackends } from '../support/api-state-backends';
import type { Claim, ClaimOrder, ClaimReply } from './support/claim-worker';

const HASH = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);
const ROUNDS = 6;
// Enough keys that the two processes still overlap now that a fresh claim is one INSERT.
const KEYS_PER_ROUND = 200;

/** A replica of the API's state in a process of its own (see support/claim-worker.ts). */
class ClaimProcess {
  private constructor(private readonly child: ChildProcess) {}

  static async start(config: ApiStateConfig): Promise<ClaimProcess> {
    const child = fork(join(__dirname, 'support', 'claim-worker.ts'), [JSON.stringify(config)], {
      execArgv: ['-r', '@swc-node/register'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const replica = new ClaimProcess(child);
    await replica.next('ready');
    return replica;
  }

  async claim(order: ClaimOrder): Promise<Claim[]> {
    const reply = this.next('claimed');
    this.child.send(order);
    const answer = await reply;
    return answer.kind === 'claimed' ? answer.claims : [];
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || !this.child.connected) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send({ cmd: 'exit' } satisfies ClaimOrder);
    await exited;
  }

  private next(kind: ClaimReply['kind']): Promise<ClaimReply> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null): void =>
        reject(new Error(`claim worker exited with ${code} before '${kind}'`));
      this.child.once('exit', onExit);
      this.child.once('message', (message: ClaimReply) => {
        this.child.off('exit', onExit);
        if (message.kind === 'error') reject(new Error(`claim worker failed: ${message.message}`));
        else if (message.kind !== kind)
          reject(new Error(`expected '${kind}', got '${message.kind}'`));
        else resolve(message);
      });
    });
  }
}

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

  it('answers the claims and records asked in one turn each as if asked alone', async () => {
    const { idempotency } = await backend.replica();
    // Asked together, as the API does for the requests of one group commit.
    const [a, b, again, c] = await Promise.all([
      idempotency.begin('u-1', 'turn-a', HASH),
      idempotency.begin('u-1', 'turn-b', HASH),
      idempotency.begin('u-1', 'turn-a', HASH),
      idempotency.begin('u-1', 'turn-c', HASH),
    ]);
    expect([a?.kind, b?.kind, again, c?.kind]).toEqual([
      'started',
      'started',
      { kind: 'in_progress' },
      'started',
    ]);
    if (a?.kind !== 'started' || b?.kind !== 'started' || c?.kind !== 'started') return;
    await Promise.all([
      idempotency.complete('u-1', 'turn-a', a.attempt, 200, { n: 1 }),
      idempotency.complete('u-1', 'turn-b', b.attempt, 409, { code: 'X' }),
      idempotency.abandon('u-1', 'turn-c', c.attempt),
      // A late answer of an attempt that no longer holds its key records nothing.
      idempotency.complete('u-1', 'turn-b', 'not-the-attempt', 200, { n: 9 }),
    ]);
    expect(
      await Promise.all([
        idempotency.begin('u-1', 'turn-a', HASH),
        idempotency.begin('u-1', 'turn-b', HASH),
        idempotency.begin('u-1', 'turn-b', OTHER),
        idempotency.begin('u-1', 'turn-c', OTHER),
      ]),
    ).toEqual([
      { kind: 'replay', status: 200, body: { n: 1 } },
      { kind: 'replay', status: 409, body: { code: 'X' } },
      { kind: 'key_reused' },
      { kind: 'started', attempt: expect.any(String) },
    ]);
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

  it('lets exactly one claim of each key through when two replica processes claim it at once', async () => {
    const replicas = await Promise.all([0, 1].map(() => ClaimProcess.start(backend.config)));
    const claims: Claim[][] = [[], []];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        // Both claim the same keys in the same order, from one agreed instant on.
        const keys = Array.from({ length: KEYS_PER_ROUND }, (_, i) => `k-race-${round}-${i}`);
        const order = (at: number): ClaimOrder => ({
          cmd: 'claim',
          userId: 'u-1',
          keys,
          hash: HASH,
          at,
        });
        if (FORCE_SERIAL) {
          for (const [i, replica] of replicas.entries())
            claims[i]!.push(...(await replica.claim(order(0))));
        } else {
          const at = clockMs() + 50;
          const answers = await Promise.all(replicas.map((replica) => replica.claim(order(at))));
          answers.forEach((a, i) => claims[i]!.push(...a));
        }
      }
    } finally {
      await Promise.all(replicas.map((r) => r.stop()));
    }
    for (const key of claims[0]!.map((c) => c.key)) {
      const outcomes = claims.map((c) => c.find((claim) => claim.key === key)?.kind).sort();
      expect({ key, outcomes }).toEqual({ key, outcomes: ['in_progress', 'started'] });
    }
    // They raced: claims of the two processes were in flight at the same moments. (Two
    // claims of one key within the same microseconds are not guaranteed on a loaded
    // machine; SQLite's and MongoDB's own locking decide those, and the check above holds.)
    expect(crossOverlaps(claims.flatMap((c, by) => c.map((x) => ({ ...x, by }))))).toBeGreaterThan(
      0,
    );

    // The winner's answer, recorded through one replica, is what the other replays.
    const won = claims.flat().find((c) => c.key === 'k-race-0-0' && c.attempt !== null)!;
    const [one, other] = [await backend.replica(), await backend.replica()];
    await one.idempotency.complete('u-1', won.key, won.attempt!, 201, { ok: 1 });
    expect(await other.idempotency.begin('u-1', won.key, HASH)).toEqual({
      kind: 'replay',
      status: 201,
      body: { ok: 1 },
    });
  });
});
