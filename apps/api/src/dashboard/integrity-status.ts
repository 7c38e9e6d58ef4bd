import { Inject, Injectable } from '@nestjs/common';
import { InjectConfig, type BudgetConfig } from '@app/config';
import {
  EVENT_STORE,
  trustedFingerprints,
  verifyLedger,
  type EventStore,
  type LedgerVerification,
} from '@app/event-store';

export interface IntegrityCheck {
  readonly checkedAt: Date;
  readonly result: LedgerVerification;
}

/** A check older than this is run again when the page is opened. */
const FRESH_MS = 60_000;

/**
 * The last integrity check of the whole log, as `GET /api/v1/audit/verify` runs it
 * (`verifyLedger`: every stream's hash chain, and the signed Merkle checkpoints against
 * the keys this installation trusts, so a rewrite with a consistent chain is caught too). Walking the log is costly on a big ledger: the result is kept for a
 * minute and concurrent requests share one walk.
 */
@Injectable()
export class IntegrityStatus {
  private last: IntegrityCheck | null = null;
  private running: Promise<IntegrityCheck> | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @InjectConfig() private readonly config: BudgetConfig,
  ) {}

  async current(now: Date = new Date()): Promise<IntegrityCheck> {
    if (this.last && now.getTime() - this.last.checkedAt.getTime() < FRESH_MS) return this.last;
    return this.check();
  }

  check(): Promise<IntegrityCheck> {
    this.running ??= verifyLedger(this.store, {
      trusted: trustedFingerprints(this.config.dataDir, this.config.audit),
    })
      .then((result) => {
        this.last = { checkedAt: new Date(), result };
        return this.last;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
