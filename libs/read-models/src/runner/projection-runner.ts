import type { EventStore } from '@app/event-store';
import type { DocumentStore } from '../document-store.port';
import type { Projection } from '../projection';
import { checkpointName, servingGeneration, type Generation } from './generations';
import { projectRange } from './project-range';

export interface RunnerOptions {
  readonly batchSize?: number;
  /** How often to look for events other processes appended. */
  readonly pollIntervalMs?: number;
  readonly onError?: (projection: string, error: unknown) => void;
}

/** Alias under which a rebuild asks live runners to stop at a position (see rebuild.ts). */
export function freezeAlias(projection: string): string {
  return `freeze:${projection}`;
}

/** How often a waiter polls the store's checkpoints when the projections run elsewhere. */
const STORE_POLL_MS = 25;

interface Loop {
  generation: Generation;
  applied: bigint | null;
  running: Promise<void> | null;
}

/**
 * Keeps every projection up to date with the log: a loop per projection applies pages
 * after its checkpoint (documents and checkpoint in one batch: exactly-once effect), then
 * waits for news — an append in this process (notify) or the poll interval. Each round
 * re-reads the serving generation, so a rebuild switched by another process is followed.
 */
export class ProjectionRunner {
  private readonly loops = new Map<string, Loop>();
  private readonly waiters = new Set<() => void>();
  private wake: (() => void) | null = null;
  private stopped = true;
  private main: Promise<void> | null = null;

  constructor(
    private readonly events: EventStore,
    private readonly docs: DocumentStore,
    readonly projections: readonly Projection[],
    private readonly options: RunnerOptions = {},
  ) {}

  async start(): Promise<void> {
    for (const projection of this.projections) {
      const generation = await servingGeneration(this.docs, projection);
      const checkpoint = await this.docs.checkpoint(checkpointName(generation));
      this.loops.set(projection.name, {
        generation,
        applied: checkpoint?.position ?? null,
        running: null,
      });
    }
    this.stopped = false;
    this.main = this.run();
  }

  /** Something was appended: look now rather than at the next poll. */
  notify(): void {
    this.wake?.();
  }

  /**
   * Resolves once every projection has applied the log up to `position`. When this runner
   * is not running (BUDGET_PROJECTIONS=off: a projector process projects), the serving
   * checkpoints in the store are what tell.
   */
  async waitFor(position: bigint, timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    if (this.main === null) return this.waitForStore(position, deadline);
    while (!this.reached(position)) {
      if (this.stopped || Date.now() > deadline) return this.reached(position);
      this.notify();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, 50);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(done);
      });
    }
    return true;
  }

  private async waitForStore(position: bigint, deadline: number): Promise<boolean> {
    for (;;) {
      if (await this.storeReached(position)) return true;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, STORE_POLL_MS));
    }
  }

  /** Read-only: the alias as queries resolve it (ReadModels), never created here. */
  private async storeReached(position: bigint): Promise<boolean> {
    for (const projection of this.projections) {
      const tag = (await this.docs.resolveAlias(projection.name)) || '1';
      const applied = (await this.docs.checkpoint(checkpointName({ projection, tag })))?.position;
      if (applied === undefined || applied === null || applied < position) return false;
    }
    return true;
  }

  private reached(position: bigint): boolean {
    return [...this.loops.values()].every(
      (loop) => loop.applied !== null && loop.applied >= position,
    );
  }

  /** Log position up to which a projection's serving documents are known to be applied. */
  appliedUpTo(projection: string): bigint | null {
    return this.loops.get(projection)?.applied ?? null;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const head = await this.events.headPosition();
      let progressed = false;
      for (const [name, loop] of this.loops) {
        try {
          const before = loop.applied;
          await this.step(name, loop, head);
          progressed ||= loop.applied !== before;
        } catch (error) {
          this.options.onError?.(name, error);
        }
      }
      for (const waiter of [...this.waiters]) waiter();
      this.waiters.clear();
      // Nothing moved (caught up, frozen by a rebuild, or failing): wait before looking again.
      if (!progressed) await this.idle();
    }
  }

  private async step(name: string, loop: Loop, head: bigint | null): Promise<void> {
    const tag = await this.docs.resolveAlias(name);
    if (tag && tag !== loop.generation.tag) {
      loop.generation = { projection: loop.generation.projection, tag };
      loop.applied =
        (await this.docs.checkpoint(checkpointName(loop.generation)))?.position ?? null;
    }
    if (head === null) return;
    const freeze = await this.docs.resolveAlias(freezeAlias(name));
    // An empty alias is a lifted freeze.
    const until = freeze ? BigInt(freeze) : head;
    if (loop.applied !== null && loop.applied >= until) return;
    await projectRange(this.events, this.docs, loop.generation, {
      until,
      batchSize: this.options.batchSize ?? 1000,
      shouldStop: () => this.stopped,
      onBatch: ({ position }) => {
        loop.applied = position;
      },
    });
    // The serving checkpoint may have moved without this loop (another process): reread it.
    loop.applied =
      (await this.docs.checkpoint(checkpointName(loop.generation)))?.position ?? loop.applied;
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollIntervalMs ?? 100);
      this.wake = done;
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.main;
  }
}
