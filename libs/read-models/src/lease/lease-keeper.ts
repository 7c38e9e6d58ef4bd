import type { DocumentStore, Fence, Lease } from '../document-store.port';
import { claimLease, releasedLease } from './lease';

export interface LeaseTiming {
  /** How long a lease lasts after each renewal; a standby takes over at most this long after a crash. */
  readonly ttlMs: number;
  readonly clock?: () => Date;
}

/**
 * One process's hold on one lease, kept by compare-and-set on the lease document: read it,
 * decide (claimLease), swap it if nobody changed it meanwhile. Clocks only decide when a
 * standby may try; safety does not depend on them, because every batch the holder writes
 * carries the token and the store refuses an old one.
 */
export class LeaseKeeper {
  private current: Lease | null = null;
  private readonly clock: () => Date;

  constructor(
    private readonly docs: DocumentStore,
    readonly name: string,
    readonly holder: string,
    private readonly timing: LeaseTiming,
  ) {
    this.clock = timing.clock ?? (() => new Date());
  }

  /** The lease as this process last stored it, while it believes it holds it. */
  get held(): Lease | null {
    return this.current;
  }

  get fence(): Fence | null {
    return this.current ? { lease: this.name, token: this.current.token } : null;
  }

  /** Whether the lease, as last stored, has not expired yet by this process's clock. */
  validNow(): boolean {
    return this.current !== null && Date.parse(this.current.expiresAt) > this.clock().getTime();
  }

  /**
   * Takes the lease if it is free or expired, or renews it if it is ours.
   * @returns whether this process holds it now (possibly with a new token: compare `held`)
   */
  async hold(): Promise<boolean> {
    const stored = await this.docs.readLease(this.name);
    const next = claimLease(stored, this.name, this.holder, this.clock(), this.timing.ttlMs);
    if (next === null || !(await this.docs.swapLease(next, stored))) {
      this.current = null;
      return false;
    }
    this.current = next;
    return true;
  }

  /** Forgets the lease locally (it was fenced off: someone else holds it). */
  forget(): void {
    this.current = null;
  }

  /** Hands the lease back so that a standby need not wait for it to expire. */
  async release(): Promise<void> {
    const held = this.current;
    this.current = null;
    if (held) await this.docs.swapLease(releasedLease(held, this.clock()), held);
  }
}
