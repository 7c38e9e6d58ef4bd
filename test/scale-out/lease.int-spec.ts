import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FencedDocumentStore,
  LeaseSupervisor,
  SqliteDocumentStore,
  isFencedOff,
  type DocumentStore,
  type Fence,
  type LeaseChange,
  type LeasedTask,
} from '@app/read-models';
import { until } from './support/until';

const TTL = 400;
const RENEW = 100;

/** A task that writes one batch per tick while it runs, fenced, and records what happened. */
class CountingTask implements LeasedTask {
  readonly lease = 'projection:counter';
  readonly log: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private fenced: FencedDocumentStore | null = null;

  constructor(
    private readonly name: string,
    private readonly docs: DocumentStore,
  ) {}

  async start(fence: Fence, lost: () => void): Promise<void> {
    this.log.push(`start ${fence.token}`);
    const fenced = new FencedDocumentStore(this.docs, fence);
    this.fenced = fenced;
    const step = async (): Promise<void> => {
      const at = (await fenced.checkpoint('counter'))?.position ?? null;
      const next = (at ?? 0n) + 1n;
      const doc = { id: 'counter', n: Number(next), by: this.name };
      await fenced.applyBatch('counter', [{ op: 'put', collection: 'c', doc }], next, 1, at);
    };
    this.timer = setInterval(() => {
      step().catch((error: unknown) => {
        if (isFencedOff(error)) lost();
      });
    }, 20);
  }

  async stop(): Promise<void> {
    this.log.push('stop');
    if (this.timer) clearInterval(this.timer);
    this.fenced?.revoke();
  }

  /** Writes one batch with the fence it was started with, as a resumed paused process would. */
  async lateWrite(): Promise<unknown> {
    const fence = this.fenced?.fence;
    if (!fence) throw new Error('never started');
    const at = (await this.docs.checkpoint('counter'))?.position ?? null;
    const doc = { id: 'counter', n: -1, by: `${this.name}-late` };
    return this.docs
      .applyBatch('counter', [{ op: 'put', collection: 'c', doc }], (at ?? 0n) + 1n, 1, at, fence)
      .catch((error: unknown) => error);
  }
}

describe('leases on the embedded read store', () => {
  let dir: string;
  let stores: SqliteDocumentStore[];
  const open = (): SqliteDocumentStore => {
    // One connection per "process", as two projectors would have.
    const store = new SqliteDocumentStore({ file: join(dir, 'read-models.sqlite') });
    stores.push(store);
    return store;
  };
  const supervisors: LeaseSupervisor[] = [];
  const supervise = (
    holder: string,
    docs: DocumentStore,
    task: LeasedTask,
    changes: LeaseChange[] = [],
  ): LeaseSupervisor => {
    const supervisor = new LeaseSupervisor(docs, [task], {
      holder,
      ttlMs: TTL,
      renewEveryMs: RENEW,
      onChange: (change) => changes.push(change),
    });
    supervisors.push(supervisor);
    return supervisor;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'budget-lease-'));
    stores = [];
  });
  afterEach(async () => {
    await Promise.all(supervisors.splice(0).map((s) => s.stop()));
    await Promise.all(stores.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when two processes compete for one lease', () => {
    it('runs the task in one; the other takes over with the next token when it releases', async () => {
      const [docsA, docsB] = [open(), open()];
      const a = new CountingTask('a', docsA);
      const b = new CountingTask('b', docsB);
      const supA = supervise('a', docsA, a);
      const supB = supervise('b', docsB, b);
      await supA.start();
      await supB.start();
      expect(supA.held()).toEqual({ 'projection:counter': 1 });
      expect(supB.held()).toEqual({});
      await until(async () => Number((await docsA.get('c', 'counter'))?.n ?? 0) >= 3);

      await supA.stop();
      const released = await docsA.readLease('projection:counter');
      expect(released).toMatchObject({ holder: 'a', token: 1 });
      // Released (expired at once): B need not wait for the TTL.
      expect(Date.parse(released!.expiresAt)).toBeLessThanOrEqual(Date.now());
      await until(() => supB.held()['projection:counter'] === 2, 3000);
      await until(async () => (await docsB.get('c', 'counter'))?.by === 'b');
      expect(a.log).toEqual(['start 1', 'stop']);
      expect(b.log).toEqual(['start 2']);
    });
  });

  describe('when the holder stops renewing (a crash, a pause)', () => {
    it('is taken over after expiry, and the old holder can no longer write', async () => {
      const [docsA, docsB] = [open(), open()];
      const a = new CountingTask('a', docsA);
      const b = new CountingTask('b', docsB);
      const supA = supervise('a', docsA, a);
      const changesB: LeaseChange[] = [];
      const supB = supervise('b', docsB, b, changesB);
      await supA.start();
      await supB.start();
      await until(async () => Number((await docsA.get('c', 'counter'))?.n ?? 0) >= 2);

      // A freezes: no renewals (its supervisor is stopped without releasing the lease).
      await freeze(supA);
      const frozenAt = Date.now();
      await until(() => supB.held()['projection:counter'] === 2, TTL * 4);
      expect(Date.now() - frozenAt).toBeGreaterThanOrEqual(TTL - RENEW * 2);
      expect(changesB).toEqual([{ kind: 'acquired', lease: 'projection:counter', token: 2 }]);
      await until(async () => (await docsB.get('c', 'counter'))?.by === 'b');

      // A resumes and writes with its old token: refused whole, nothing of it lands.
      const refused = await a.lateWrite();
      expect(refused).toMatchObject({ code: 'READ_MODELS.FENCED_OFF', current: 2 });
      const docs = await docsB.scan('c', null, 10);
      expect(docs.every((d) => d.by !== 'a-late')).toBe(true);
      // And the counter never skipped nor repeated a step (every batch was a compare-and-set).
      const counter = await docsB.get('c', 'counter');
      expect(counter?.n).toBe(Number((await docsB.checkpoint('counter'))?.position));
    });

    it('stops a task as soon as a batch of it is refused', async () => {
      const [docsA, docsB] = [open(), open()];
      const a = new CountingTask('a', docsA);
      const changesA: LeaseChange[] = [];
      const supA = supervise('a', docsA, a, changesA);
      await supA.start();
      // B takes the lease behind A's back (as if A's renewals had been too late).
      const held = (await docsB.readLease('projection:counter'))!;
      const taken = { ...held, holder: 'b', token: held.token + 1 };
      expect(await docsB.swapLease(taken, held)).toBe(true);
      await until(() => changesA.some((c) => c.kind === 'lost'), 3000);
      expect(changesA.at(-1)).toMatchObject({ kind: 'lost', token: 1 });
      expect(a.log).toEqual(['start 1', 'stop']);
      expect(supA.held()).toEqual({});
    });
  });
});

/** Stops a supervisor's rounds without stopping its task or releasing its lease: a frozen process. */
async function freeze(supervisor: LeaseSupervisor): Promise<void> {
  const internals = supervisor as unknown as { stopped: boolean; timer: NodeJS.Timeout | null };
  internals.stopped = true;
  if (internals.timer) clearTimeout(internals.timer);
  await Promise.resolve();
}
