import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConcurrencyError,
  SqliteEventStore,
  type EventStore,
  type ReadStreamOptions,
} from '@app/event-store';
import { DomainError, type Actor } from '@app/budgeting';
import { maxInFlight, together } from '@app/testing';
import { executeOnStream, loadStream, type CommandContext } from './command-executor';
import { StreamStateCache, streamStateCache } from './stream-state-cache';

// A small account with the shape of the ledger's rules: money in, money out, never below zero.
type AccountEvent =
  | { readonly type: 'Deposited'; readonly data: { readonly amount: bigint } }
  | { readonly type: 'Withdrawn'; readonly data: { readonly amount: bigint } };
interface Account {
  readonly balance: bigint;
  readonly moves: readonly bigint[];
}

const account = {
  streamId: 'account-1',
  name: 'account@1',
  initialState: { balance: 0n, moves: [] } as Account,
  evolve: (s: Account, e: AccountEvent): Account => {
    const delta = e.type === 'Deposited' ? e.data.amount : -e.data.amount;
    return { balance: s.balance + delta, moves: [...s.moves, delta] };
  },
};

function overdrawn(): DomainError {
  return new DomainError('TEST.OVERDRAWN', 'conflict', { vi: 'Vượt số dư', en: 'Overdrawn' });
}

const deposit = (amount: bigint) => ({
  ...account,
  decide: (): AccountEvent[] => [{ type: 'Deposited', data: { amount } }],
});
const withdraw = (amount: bigint) => ({
  ...account,
  decide: (s: Account): AccountEvent[] => {
    if (amount > s.balance) throw overdrawn();
    return [{ type: 'Withdrawn', data: { amount } }];
  },
});

const actor: Actor = { userId: 'u1', name: 'Người dùng', role: 'officer', unit: 'LDTBXH' };
let n = 0;
function context(commandId = `cmd-${++n}`): CommandContext {
  return {
    actor,
    commandId,
    correlationId: `corr-${commandId}`,
    causationId: null,
    effectiveDate: '2025-06-02',
    recordedOn: '2025-06-02',
  };
}

/** Counts the reads a store serves, and from which revision. */
function counting(store: EventStore): { store: EventStore; reads: (bigint | undefined)[] } {
  const reads: (bigint | undefined)[] = [];
  const proxy = Object.create(store) as EventStore;
  proxy.readStream = (streamId: string, options?: ReadStreamOptions) => {
    reads.push(options?.fromRevision);
    return store.readStream(streamId, options);
  };
  return { store: proxy, reads };
}

describe('executeOnStream with the stream state cache', () => {
  let dir: string;
  let file: string;
  const open: SqliteEventStore[] = [];
  const store = (): SqliteEventStore => {
    const s = new SqliteEventStore({ file, pollIntervalMs: 5 });
    open.push(s);
    return s;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'executor-'));
    file = join(dir, 'events.sqlite');
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a folded stream, reads only the events appended since', async () => {
    const { store: s, reads } = counting(store());
    await executeOnStream(s, context(), deposit(100n));
    await executeOnStream(s, context(), deposit(50n));
    const result = await executeOnStream(s, context(), withdraw(120n));
    expect(result.nextExpectedRevision).toBe(2n);
    expect(reads).toEqual([undefined, 1n, 2n]);
    expect((await loadStream(s, account)).state).toEqual({
      balance: 30n,
      moves: [100n, 50n, -120n],
    });
  });

  it('catches up with what another process appended (two stores on one file)', async () => {
    const a = store();
    const b = store();
    await executeOnStream(a, context(), deposit(100n));
    await executeOnStream(b, context(), withdraw(80n));
    // A's cache says 100; the log says 20: A must refuse.
    await expect(executeOnStream(a, context(), withdraw(50n))).rejects.toThrow(DomainError);
    await executeOnStream(a, context(), withdraw(20n));
    await expect(executeOnStream(b, context(), withdraw(1n))).rejects.toThrow(DomainError);
    expect((await loadStream(b, account)).state.balance).toBe(0n);
  });

  it('decides again when another process wins the race between its read and its append', async () => {
    const a = store();
    const b = store();
    await executeOnStream(a, context(), deposit(100n));
    await loadStream(b, account);
    // B appends while A is between catching up and appending.
    const racing = Object.create(a) as EventStore;
    let raced = false;
    const appended: unknown[] = [];
    racing.append = async (streamId, events, options) => {
      if (!raced) {
        raced = true;
        await executeOnStream(b, context(), withdraw(70n));
      }
      try {
        return await a.append(streamId, events, options);
      } catch (error) {
        appended.push(error);
        throw error;
      }
    };
    await expect(executeOnStream(racing, context(), withdraw(50n))).rejects.toThrow(DomainError);
    expect(appended[0]).toBeInstanceOf(ConcurrencyError);
    expect((await a.readStream(account.streamId)).length).toBe(2);
  });

  it('decides on a state the command already loaded, and catches up if the log moved on since', async () => {
    const a = store();
    const b = store();
    const { store: counted, reads } = counting(a);
    await executeOnStream(counted, context(), deposit(100n));
    const loaded = await loadStream(counted, account);
    await executeOnStream(counted, context(), withdraw(10n), { loaded });
    expect(reads).toEqual([undefined, 1n]);
    // B moves the log on; A decides on what it loaded before, conflicts, catches up, refuses.
    const stale = await loadStream(counted, account);
    await executeOnStream(b, context(), withdraw(85n));
    await expect(
      executeOnStream(counted, context(), withdraw(10n), { loaded: stale }),
    ).rejects.toThrow(DomainError);
    expect((await loadStream(counted, account)).state.balance).toBe(5n);
  });

  it('a retried command replays its events instead of deciding again, in this process or another', async () => {
    const a = store();
    const b = store();
    await executeOnStream(a, context(), deposit(100n));
    const retried = context('withdraw-once');
    const first = await executeOnStream(a, retried, withdraw(100n));
    // Deciding again would refuse (the balance is now 0): the retry must replay instead.
    const again = await executeOnStream(a, retried, withdraw(100n));
    const elsewhere = await executeOnStream(b, retried, withdraw(100n));
    for (const replay of [again, elsewhere]) {
      expect(replay).toEqual({
        events: [{ type: 'Withdrawn', data: { amount: 100n } }],
        position: first.position,
        nextExpectedRevision: 1n,
        replayed: true,
      });
    }
    expect(first.replayed).toBe(false);
    expect((await a.readStream(account.streamId)).length).toBe(2);
  });

  it('a refused decision leaves the cached state as it was', async () => {
    const s = store();
    await executeOnStream(s, context(), deposit(10n));
    await expect(executeOnStream(s, context(), withdraw(11n))).rejects.toThrow(DomainError);
    await executeOnStream(s, context(), withdraw(10n));
    expect((await loadStream(s, account)).state).toEqual({ balance: 0n, moves: [10n, -10n] });
  });

  it('concurrent commands on one stream in one process all land, each on the state before it', async () => {
    const s = store();
    await executeOnStream(s, context(), deposit(30n));
    // Far more than the executor's attempts: they take turns instead of racing.
    const { outcomes, spans } = await together(
      Array.from({ length: 40 }, () => () => executeOnStream(s, context(), withdraw(1n))),
    );
    // They were all in flight at once (run one after another, this test would prove nothing).
    expect(maxInFlight(spans)).toBeGreaterThan(20);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(30);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(refused.every((o) => o.reason instanceof DomainError)).toBe(true);
    const fresh = store();
    expect((await loadStream(fresh, account)).state.balance).toBe(0n);
    expect((await loadStream(s, account)).state.balance).toBe(0n);
  });

  it('two folds of one stream keep separate states', async () => {
    const s = store();
    await executeOnStream(s, context(), deposit(5n));
    await executeOnStream(s, context(), deposit(7n));
    const count = {
      streamId: account.streamId,
      name: 'count@1',
      initialState: 0,
      evolve: (c: number) => c + 1,
    };
    expect((await loadStream(s, count)).state).toBe(2);
    expect((await loadStream(s, account)).state.balance).toBe(12n);
    await executeOnStream(s, context(), deposit(1n));
    expect((await loadStream(s, count)).state).toBe(3);
    expect((await loadStream(s, account)).state.balance).toBe(13n);
  });

  it('keys a fold by its name: an evolve passed as a fresh arrow still finds the cached state', async () => {
    const { store: s, reads } = counting(store());
    const inline = (decide: () => AccountEvent[]) => ({
      ...account,
      evolve: (state: Account, event: AccountEvent) => account.evolve(state, event),
      decide,
    });
    await executeOnStream(
      s,
      context(),
      inline(() => [{ type: 'Deposited', data: { amount: 3n } }]),
    );
    await executeOnStream(
      s,
      context(),
      inline(() => [{ type: 'Deposited', data: { amount: 4n } }]),
    );
    // Only the first command read the stream (whole, being empty); the second started from the cache.
    expect(reads).toEqual([undefined, 1n]);
    expect((await loadStream(s, account)).state.balance).toBe(7n);
  });

  it('keeps one cache per store, evicting the least recently used streams beyond its capacity', async () => {
    const s = store();
    for (let i = 0; i < 3; i++) {
      await executeOnStream(s, context(), { ...deposit(1n), streamId: `account-x${i}` });
    }
    expect(streamStateCache(s).size).toBe(3);
    expect(streamStateCache(store()).size).toBe(0);

    const { store: counted, reads } = counting(s);
    const small = new StreamStateCache(2);
    const view = (i: number) => ({ ...account, streamId: `account-x${i}` });
    await small.catchUp(counted, view(0));
    await small.catchUp(counted, view(1));
    await small.catchUp(counted, view(0));
    await small.catchUp(counted, view(2)); // evicts x1, the least recently used
    await small.catchUp(counted, view(0));
    await small.catchUp(counted, view(1));
    expect(small.size).toBe(2);
    expect(reads).toEqual([undefined, undefined, 1n, undefined, 1n, undefined]);
  });
});
