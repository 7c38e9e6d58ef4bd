import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { BUDGET_CONFIG, type BudgetConfig } from '@app/config';
import {
  EVENT_STORE,
  startCheckpointedSubscription,
  type EventStore,
  type Subscription,
} from '@app/event-store';
import { LedgerClock } from '../shared/ledger-clock';
import { LineCommands } from '../shared/line-commands';
import { TransferProcess } from '../transfers/transfer.process';
import { CarryOverLapseProcess } from './carry-over-lapse.process';
import { VoucherReleaseProcess } from './voucher-release.process';
import { TripDaysReleaseProcess } from '../joint-work/trip-days-release.process';
import { ActivityReleaseProcess } from './activity-release.process';

const RESTART_DELAY_MS = 1000;
const LAPSE_INTERVAL_MS = 3600_000;

/**
 * Runs what must happen after an event — moving approved transfers' money, giving back
 * vouchers, lapsing carried-over money — off the log, not the in-process bus: a
 * checkpointed subscription resumes after a crash where it stopped. A failing step
 * stops the subscription, is logged, and is retried from the checkpoint.
 */
@Injectable()
export class FollowUpRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FollowUpRunner.name);
  private readonly transfers: TransferProcess;
  private readonly vouchers: VoucherReleaseProcess;
  private readonly tripDays: TripDaysReleaseProcess;
  private readonly activities: ActivityReleaseProcess;
  readonly lapses: CarryOverLapseProcess;
  private subscriptions: Subscription[] = [];
  /** True while stopped; start() and stop() may alternate (a projector gaining, losing a lease). */
  private stopping = true;
  /** Bumped by every stop(): a subscription opening from before it is closed, not kept. */
  private generation = 0;
  private timers: NodeJS.Timeout[] = [];
  /** Position of the last event the follow-ups have handled. */
  handledUpTo: bigint | null = null;
  /** Why a subscription stopped, while it waits to restart from its checkpoint. */
  private failure: string | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    lines: LineCommands,
    clock: LedgerClock,
    @Inject(BUDGET_CONFIG) private readonly config: BudgetConfig,
  ) {
    this.transfers = new TransferProcess(store, lines);
    this.vouchers = new VoucherReleaseProcess(store, lines);
    this.tripDays = new TripDaysReleaseProcess(store, lines);
    this.activities = new ActivityReleaseProcess(store, lines);
    this.lapses = new CarryOverLapseProcess(lines, clock);
  }

  onApplicationBootstrap(): void {
    // A projector starts them itself, while it holds their lease.
    if (!this.config.followUps || this.config.runs === 'projector') return;
    this.start();
  }

  /** Starts the follow-ups (the projector calls it while it holds their lease). */
  start(): void {
    if (!this.stopping) return;
    this.stopping = false;
    this.startFollowUps();
    this.startLapseWatch();
  }

  private startFollowUps(): void {
    const generation = this.generation;
    void startCheckpointedSubscription(this.store, {
      name: 'follow-ups',
      // Its steps are idempotent (deterministic event ids): a crash redoes at most 100 events.
      checkpointEvery: 100,
      handle: async (event) => {
        await this.transfers.handle(event);
        await this.vouchers.handle(event);
        await this.tripDays.handle(event);
        await this.activities.handle(event);
        this.handledUpTo = event.position;
      },
    }).then(
      (sub) => {
        if (generation === this.generation) {
          this.failure = null;
          this.supervise(sub, () => this.startFollowUps(), generation);
        } else void sub.stop();
      },
      (error: unknown) => this.retry(error, () => this.startFollowUps(), generation),
    );
  }

  private startLapseWatch(): void {
    const sub = this.store.subscribeToAll({
      handle: (event) => Promise.resolve(this.lapses.observe(event)),
    });
    this.supervise(sub, () => this.startLapseWatch(), this.generation);
    const tick = (): void => {
      this.lapses
        .lapseDue()
        .catch((error: unknown) => this.logger.error(`Carry-over lapse failed: ${String(error)}`));
    };
    this.timers.push(setTimeout(tick, 2000), setInterval(tick, LAPSE_INTERVAL_MS));
  }

  /**
   * Lapses due carry-overs once the deadline watch has read the log up to its head, so
   * that a deadline that passed while the service was down is acted on at start-up.
   */
  async lapseWhenCaughtUp(): Promise<string[]> {
    const head = await this.store.headPosition();
    while (!this.stopping && head !== null && (this.lapses.observedUpTo ?? -1n) < head) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.stopping ? [] : this.lapses.lapseDue();
  }

  private supervise(sub: Subscription, restart: () => void, generation: number): void {
    this.subscriptions.push(sub);
    sub.done.catch((error: unknown) => this.retry(error, restart, generation));
  }

  /** For readiness: whether they run in this process, and what stopped them if they are restarting. */
  status(): { readonly running: boolean; readonly failure: string | null } {
    return { running: !this.stopping, failure: this.failure };
  }

  private retry(error: unknown, restart: () => void, generation: number): void {
    if (this.stopping || generation !== this.generation) return;
    this.failure = error instanceof Error ? error.message : String(error);
    this.logger.error(
      `Follow-up subscription stopped, restarting from its checkpoint: ${String(error)}`,
    );
    this.timers.push(setTimeout(restart, RESTART_DELAY_MS));
  }

  /** Stops them and waits for the event in hand; start() may be called again afterwards. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.generation++;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    const subscriptions = this.subscriptions;
    this.subscriptions = [];
    await Promise.all(subscriptions.map((s) => s.stop()));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
