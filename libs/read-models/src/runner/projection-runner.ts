import type { EventStore, RecordedEvent } from '@app/event-store';
import { applyBatchesOf, type BatchRequest, type DocumentStore } from '../document-store.port';
import type { Projection } from '../projection';
import { checkpointName, servingGeneration, type Generation } from './generations';
import { preparePage } from './project-range';

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

/** A projection behind the log this round, and the position it must reach. */
interface Behind {
  readonly name: string;
  readonly loop: Loop;
  readonly until: bigint;
}

/** What a projection's share of a page came to. */
type Move = 'applied' | 'later' | 'done' | 'raced' | 'failed';

function reachedOf(entry: Behind): bigint {
  return entry.loop.applied ?? -1n;
}

/** The least applied position of the projections behind (null: one has applied nothing). */
function leastApplied(behind: readonly Behind[]): bigint | null {
  let least: bigint | null = null;
  for (const { loop } of behind) {
    if (loop.applied === null) return null;
    if (least === null || loop.applied < least) least = loop.applied;
  }
  return least;
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
      let progressed = false;
      try {
        progressed = await this.round();
      } catch (error) {
        // The log could not be read: every projection waits for the next round.
        for (const name of this.loops.keys()) this.options.onError?.(name, error);
      }
      for (const waiter of [...this.waiters]) waiter();
      this.waiters.clear();
      // Nothing moved (caught up, frozen by a rebuild, or failing): wait before looking again.
      if (!progressed) await this.idle();
    }
  }

  /**
   * One round: every projection behind the log is brought up to it (or to its freeze),
   * each page of events read and decoded once for all of them — the projections of one
   * process follow the same log, so reading it once per projection (seven times a page)
   * was the live projection's largest cost after the writes. Each projection still applies
   * its pages with its own checkpoint, compare-and-set (projectPage): the shared page is
   * only where the events come from. Returns whether any projection moved.
   */
  private async round(): Promise<boolean> {
    const head = await this.events.headPosition();
    const behind: Behind[] = [];
    for (const [name, loop] of this.loops) {
      try {
        const until = await this.target(name, loop, head);
        if (until !== null) behind.push({ name, loop, until });
      } catch (error) {
        this.options.onError?.(name, error);
      }
    }
    let progressed = false;
    const batchSize = this.options.batchSize ?? 1000;
    // Each page starts after the least applied position of those still behind, so it holds
    // every one's next events, in order and without a gap.
    for (let open = behind; open.length > 0 && !this.stopped;) {
      const after = leastApplied(open);
      const page = await this.events.readAll({
        ...(after === null ? {} : { after }),
        maxCount: batchSize,
      });
      if (page.length === 0) break;
      const moves = await this.applyPage(open, page);
      const next: Behind[] = [];
      open.forEach((entry, i) => {
        const moved = moves[i]!;
        progressed ||= moved === 'applied' || moved === 'raced';
        // A checkpoint moved by another process may sit anywhere: that projection starts
        // again from it next round rather than risk a gap in this one.
        if (moved === 'applied' || moved === 'later') {
          if (reachedOf(entry) < entry.until) next.push(entry);
        }
      });
      open = next;
    }
    return progressed;
  }

  /** Where a projection must get to this round (null: nowhere, it is there or frozen). */
  private async target(name: string, loop: Loop, head: bigint | null): Promise<bigint | null> {
    const tag = await this.docs.resolveAlias(name);
    if (tag && tag !== loop.generation.tag) {
      loop.generation = { projection: loop.generation.projection, tag };
      loop.applied =
        (await this.docs.checkpoint(checkpointName(loop.generation)))?.position ?? null;
    }
    if (head === null) return null;
    const freeze = await this.docs.resolveAlias(freezeAlias(name));
    // An empty alias is a lifted freeze.
    const until = freeze ? BigInt(freeze) : head;
    return loop.applied !== null && loop.applied >= until ? null : until;
  }

  /**
   * Applies each projection's share of a page (events after its checkpoint, up to its
   * target), all of them in one transaction where the store allows (applyBatchesOf): one
   * commit a page for the process instead of one per projection — in an all-in-one
   * process the commits were the live projection's largest cost. Each batch keeps its own
   * compare-and-set. If the joint commit fails, each is tried alone, so one projection's
   * failure neither holds back the others nor goes unreported.
   */
  private async applyPage(
    open: readonly Behind[],
    page: readonly RecordedEvent[],
  ): Promise<Move[]> {
    const moves: Move[] = [];
    const ready: { readonly index: number; readonly batch: BatchRequest }[] = [];
    for (const [index, entry] of open.entries()) {
      const { loop, until } = entry;
      const from = loop.applied;
      const mine = page.filter((e) => (from === null || e.position > from) && e.position <= until);
      if (mine.length === 0) {
        // The page ends before this projection's next event: it waits for a later page. Or
        // nothing lies between its checkpoint and its target (positions need not be dense).
        moves.push(from !== null && page.at(-1)!.position <= from ? 'later' : 'done');
        continue;
      }
      try {
        const batch = await preparePage(this.docs, loop.generation, mine);
        moves.push('raced'); // until its batch lands (or when there is nothing to land)
        if (batch !== null) ready.push({ index, batch });
      } catch (error) {
        this.options.onError?.(entry.name, error);
        moves.push('failed');
      }
    }
    if (ready.length === 0) return this.settle(open, moves);
    let landed: (boolean | Error)[];
    try {
      landed = await applyBatchesOf(
        this.docs,
        ready.map((r) => r.batch),
      );
    } catch {
      landed = [];
      for (const { batch: b } of ready) {
        landed.push(
          await this.docs
            .applyBatch(b.projection, b.writes, b.position, b.version, b.expectedPrevious)
            .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
        );
      }
    }
    ready.forEach(({ index, batch }, i) => {
      const result = landed[i]!;
      if (result instanceof Error) {
        this.options.onError?.(open[index]!.name, result);
        moves[index] = 'failed';
      } else if (result) {
        open[index]!.loop.applied = batch.position;
        moves[index] = 'applied';
      }
    });
    return this.settle(open, moves);
  }

  /** Another writer got there first: continue from where it left the documents. */
  private async settle(open: readonly Behind[], moves: Move[]): Promise<Move[]> {
    for (const [index, move] of moves.entries()) {
      if (move !== 'raced') continue;
      const { loop, name } = open[index]!;
      try {
        loop.applied =
          (await this.docs.checkpoint(checkpointName(loop.generation)))?.position ?? loop.applied;
      } catch (error) {
        this.options.onError?.(name, error);
        moves[index] = 'failed';
      }
    }
    return moves;
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
