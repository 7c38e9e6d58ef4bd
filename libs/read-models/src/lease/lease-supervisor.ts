import type { DocumentStore, Fence } from '../document-store.port';
import { LeaseKeeper } from './lease-keeper';

/** Work that one process at a time may do: a projection, the process managers. */
export interface LeasedTask {
  /** The lease's name, shared by every process that can run this task. */
  readonly lease: string;
  /**
   * Starts the work under `fence`: every batch it writes to the read store carries it.
   * `lost` is for the task to call when the store refused a batch (FencedOffError).
   */
  start(fence: Fence, lost: () => void): Promise<void>;
  /** Stops the work; resolves once it no longer writes. */
  stop(): Promise<void>;
}

export type LeaseChange =
  | { readonly kind: 'acquired'; readonly lease: string; readonly token: number }
  | { readonly kind: 'lost'; readonly lease: string; readonly token: number; readonly why: string }
  | { readonly kind: 'released'; readonly lease: string; readonly token: number };

export interface LeaseSupervisorOptions {
  /** This process: unique, never reused by a restart (a reused one would share the token). */
  readonly holder: string;
  readonly ttlMs: number;
  /** How often to renew held leases and to try free ones; default a third of the TTL. */
  readonly renewEveryMs?: number;
  readonly clock?: () => Date;
  readonly onChange?: (change: LeaseChange) => void;
  readonly onError?: (lease: string, error: unknown) => void;
}

interface Slot {
  readonly task: LeasedTask;
  readonly keeper: LeaseKeeper;
  /** The token the running task was started with; null when it is not running here. */
  running: number | null;
  fencedOff: boolean;
}

/**
 * Runs each task while this process holds its lease, and only then: every round renews
 * the leases it holds and tries the others; a task starts when its lease is taken and
 * stops when it is lost (another token in the store, a refused batch, or no renewal
 * before expiry because the store could not be reached). Standbys take a lease over once
 * it expires (a crash) or at once when it is released (a clean shutdown).
 */
export class LeaseSupervisor {
  private readonly slots: Slot[];
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<void> = Promise.resolve();
  private stopped = true;

  constructor(
    docs: DocumentStore,
    tasks: readonly LeasedTask[],
    private readonly options: LeaseSupervisorOptions,
  ) {
    this.slots = tasks.map((task) => ({
      task,
      keeper: new LeaseKeeper(docs, task.lease, options.holder, options),
      running: null,
      fencedOff: false,
    }));
  }

  /** Leases this process runs the task of now, with their tokens. */
  held(): Record<string, number> {
    return Object.fromEntries(
      this.slots.flatMap((s) => (s.running === null ? [] : [[s.task.lease, s.running]])),
    );
  }

  /** Resolves after the first round (leases tried, tasks started where taken). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.next();
  }

  /** Runs a round now rather than at the next tick. */
  private next(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.round = this.round.then(() => this.tick());
    return this.round;
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      for (const slot of this.slots) await this.keep(slot);
    } catch (error) {
      this.options.onError?.('*', error);
    } finally {
      if (!this.stopped) {
        if (this.timer) clearTimeout(this.timer);
        const every = this.options.renewEveryMs ?? this.options.ttlMs / 3;
        this.timer = setTimeout(() => void this.next(), every);
      }
    }
  }

  private async keep(slot: Slot): Promise<void> {
    const { task, keeper } = slot;
    let why = 'the lease changed hands';
    if (slot.fencedOff) {
      slot.fencedOff = false;
      keeper.forget();
      why = 'the store refused a batch: the lease changed hands';
    } else {
      try {
        await keeper.hold();
      } catch (error) {
        this.options.onError?.(task.lease, error);
        // The store cannot be reached: carry on only while the lease, as last renewed, runs.
        if (!keeper.validNow()) keeper.forget();
        why = 'it could not be renewed before it expired';
      }
    }
    const token = keeper.held?.token ?? null;
    if (slot.running !== null && slot.running !== token) {
      const was = slot.running;
      slot.running = null;
      await this.stopTask(slot);
      this.options.onChange?.({ kind: 'lost', lease: task.lease, token: was, why });
    }
    if (token !== null && slot.running === null && !this.stopped) {
      slot.running = token;
      try {
        await task.start({ lease: task.lease, token }, () => {
          if (slot.running !== token) return;
          slot.fencedOff = true;
          void this.next();
        });
        this.options.onChange?.({ kind: 'acquired', lease: task.lease, token });
      } catch (error) {
        this.options.onError?.(task.lease, error);
        slot.running = null;
        await this.stopTask(slot);
        await keeper.release().catch(() => undefined);
      }
    }
  }

  private async stopTask(slot: Slot): Promise<void> {
    try {
      await slot.task.stop();
    } catch (error) {
      this.options.onError?.(slot.task.lease, error);
    }
  }

  /** Stops every task, then releases the leases so that a standby takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.round;
    for (const slot of this.slots) {
      if (slot.running === null) continue;
      const token = slot.running;
      slot.running = null;
      await this.stopTask(slot);
      try {
        await slot.keeper.release();
        this.options.onChange?.({ kind: 'released', lease: slot.task.lease, token });
      } catch (error) {
        this.options.onError?.(slot.task.lease, error);
      }
    }
  }
}
