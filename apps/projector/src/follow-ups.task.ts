import type { FollowUpRunner } from '@app/application';
import type { LeasedTask } from '@app/read-models';

export const FOLLOW_UPS_LEASE = 'follow-ups';

/**
 * The process managers (transfers, voucher release, carry-over lapses), run while this
 * process holds their lease. They write to the event log, which knows no lease, so the
 * lease gives one active instance but no fence. What makes a stale instance harmless is
 * the log itself: every effect's event id derives from the event that caused it (or the
 * line and deadline, for a lapse) and every append names the revision it expects, so an
 * instance that resumes after a pause repeats only what is already there (a no-op) or
 * is refused and decides again on the new state. Their checkpoint may then move back a
 * little, which only means events handled twice, idempotently.
 */
export class FollowUpsTask implements LeasedTask {
  readonly lease = FOLLOW_UPS_LEASE;

  constructor(private readonly runner: FollowUpRunner) {}

  async start(): Promise<void> {
    this.runner.start();
  }

  async stop(): Promise<void> {
    await this.runner.stop();
  }
}
