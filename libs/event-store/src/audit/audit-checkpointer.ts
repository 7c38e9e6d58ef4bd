import type { EventStore } from '../event-store.port';
import type { AuditSigningKey } from './audit-key';
import { checkpointDue, DEFAULT_CHECKPOINT_EVERY, writeCheckpoints } from './write-checkpoint';

export interface AuditCheckpointerOptions {
  /** Write a checkpoint once this many events follow the last one (0 turns it off). */
  readonly every?: number;
  /** How often to look (default 5 s). */
  readonly pollMs?: number;
  /** The key, fetched only when a checkpoint is actually due (it may be created then). */
  readonly key: () => AuditSigningKey;
  readonly now?: () => Date;
  readonly onError?: (error: unknown) => void;
}

/**
 * Writes a checkpoint every `every` events, from a timer. Several processes may run
 * one on the same log: checkpoints are appended with the expected revision and have
 * ids derived from what they cover, so they never write the same range twice.
 */
export class AuditCheckpointer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly store: EventStore,
    private readonly options: AuditCheckpointerOptions,
  ) {}

  start(): void {
    const every = this.options.every ?? DEFAULT_CHECKPOINT_EVERY;
    if (every <= 0 || !this.stopped) return;
    this.stopped = false;
    const schedule = (): void => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.running = this.tick().finally(() => {
          this.running = null;
          schedule();
        });
      }, this.options.pollMs ?? 5000);
      this.timer.unref();
    };
    schedule();
  }

  /** One look: writes the checkpoints due, if any. Errors go to onError, never up. */
  async tick(): Promise<void> {
    const every = this.options.every ?? DEFAULT_CHECKPOINT_EVERY;
    try {
      if (!(await checkpointDue(this.store, every))) return;
      await writeCheckpoints(this.store, {
        key: this.options.key(),
        segmentSize: every,
        fullSegmentsOnly: true,
        ...(this.options.now ? { now: this.options.now } : {}),
      });
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
