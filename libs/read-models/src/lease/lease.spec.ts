import type { DocumentStore, Lease } from '../document-store.port';
import { claimLease, releasedLease } from './lease';
import { LeaseKeeper } from './lease-keeper';
import { checkFence, checkLease, isFencedOff, FencedOffError } from './lease-rules';

const T0 = new Date('2026-03-01T08:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const TTL = 10_000;

describe('claiming a lease', () => {
  describe('when nobody ever held it', () => {
    it('is taken with token 1, until now + TTL', () => {
      expect(claimLease(null, 'projection:balances', 'a', T0, TTL)).toEqual({
        name: 'projection:balances',
        holder: 'a',
        token: 1,
        expiresAt: '2026-03-01T08:00:10.000Z',
      });
    });
  });

  describe('when another holder has it', () => {
    const held = claimLease(null, 'p', 'a', T0, TTL)!;

    it('cannot be taken before it expires', () => {
      expect(claimLease(held, 'p', 'b', at(TTL - 1), TTL)).toBeNull();
    });

    it('is taken over with the next token once expired', () => {
      expect(claimLease(held, 'p', 'b', at(TTL), TTL)).toMatchObject({ holder: 'b', token: 2 });
    });

    it('is taken over at once when released, the token still growing', () => {
      const released = releasedLease(held, at(1000));
      expect(claimLease(released, 'p', 'b', at(1000), TTL)).toMatchObject({
        holder: 'b',
        token: 2,
      });
    });
  });

  describe('when its holder renews it', () => {
    it('keeps the token, also after expiry if nobody took it', () => {
      const held = claimLease(null, 'p', 'a', T0, TTL)!;
      expect(claimLease(held, 'p', 'a', at(5000), TTL)).toEqual({
        ...held,
        expiresAt: at(5000 + TTL).toISOString(),
      });
      expect(claimLease(held, 'p', 'a', at(3 * TTL), TTL)).toMatchObject({ token: 1 });
    });
  });
});

describe('a lease keeper', () => {
  /** Just the lease half of the port, as a compare-and-set over one variable. */
  function leaseStore(): DocumentStore & { stored: Lease | null } {
    const store = {
      stored: null as Lease | null,
      readLease: async () => store.stored,
      swapLease: async (next: Lease, expected: Lease | null) => {
        if (JSON.stringify(store.stored) !== JSON.stringify(expected)) return false;
        store.stored = next;
        return true;
      },
    };
    return store as unknown as DocumentStore & { stored: Lease | null };
  }

  it('holds, renews, loses to a takeover after expiry, and hands back on release', async () => {
    let now = T0;
    const store = leaseStore();
    const a = new LeaseKeeper(store, 'p', 'a', { ttlMs: TTL, clock: () => now });
    const b = new LeaseKeeper(store, 'p', 'b', { ttlMs: TTL, clock: () => now });
    expect(await a.hold()).toBe(true);
    expect(a.fence).toEqual({ lease: 'p', token: 1 });
    expect(await b.hold()).toBe(false);
    now = at(TTL + 1);
    expect(a.validNow()).toBe(false);
    expect(await b.hold()).toBe(true);
    expect(b.fence).toEqual({ lease: 'p', token: 2 });
    expect(await a.hold()).toBe(false);
    expect(a.held).toBeNull();
    await b.release();
    expect(await a.hold()).toBe(true);
    expect(a.fence).toEqual({ lease: 'p', token: 3 });
  });
});

describe('lease and fence rules', () => {
  it('accept what the adapters store and refuse the rest with stable codes', () => {
    const lease = { name: 'p', holder: 'a', token: 1, expiresAt: T0.toISOString() };
    expect(checkLease(lease)).toEqual(lease);
    expect(() => checkLease({ ...lease, expiresAt: '2026-03-01T08:00:00Z' })).toThrow(
      expect.objectContaining({ code: 'READ_MODELS.INVALID_QUERY' }),
    );
    expect(() => checkFence({ lease: 'p', token: -1 })).toThrow(
      expect.objectContaining({ code: 'READ_MODELS.INVALID_WRITE' }),
    );
    const refused = new FencedOffError({ lease: 'p', token: 1 }, 2);
    expect(isFencedOff(refused)).toBe(true);
    expect(refused.message).toContain('token 2');
    expect(isFencedOff(new Error('other'))).toBe(false);
  });
});
