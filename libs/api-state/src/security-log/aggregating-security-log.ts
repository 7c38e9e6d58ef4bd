import { SecurityLog, type Refusal } from './security-log';

export interface AggregationOptions {
  /** Identical refusals within this window are kept as one entry and a count. */
  readonly windowMs?: number;
  /** Distinct refusals kept per window; beyond it they are only counted (one overflow entry). */
  readonly maxKeys?: number;
  readonly now?: () => number;
}

interface Tally {
  readonly first: Refusal;
  repeated: number;
  lastAt: string;
}

/**
 * The security log, flood-proof. The first refusal of its kind (who — user, else address —
 * method, path, status, code) in a window is written at once; the same refusal again in
 * the window is counted, and written as one entry with `repeated` when the window closes.
 * At most `maxKeys` kinds are kept per window; any further kind is folded into one
 * SECURITY_LOG.OVERFLOW entry. So 2,000 refusals of a bad token in two seconds are two
 * entries, and however many requests arrive, a window writes at most 2 × maxKeys + 1.
 * Counts still in memory are written on close; a process killed loses only those counts.
 */
export class AggregatingSecurityLog extends SecurityLog {
  private readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;
  private windowStart: number;
  private tallies = new Map<string, Tally>();
  private overflow: Tally | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly inner: SecurityLog,
    options: AggregationOptions = {},
  ) {
    super();
    this.windowMs = options.windowMs ?? 60_000;
    this.maxKeys = options.maxKeys ?? 500;
    this.now = options.now ?? Date.now;
    this.windowStart = this.now();
    this.timer = setInterval(() => void this.rollIfDue().catch(() => undefined), this.windowMs);
    this.timer.unref();
  }

  async record(refusal: Refusal): Promise<void> {
    await this.rollIfDue();
    const key = JSON.stringify([
      refusal.userId ?? `ip:${refusal.ip ?? ''}`,
      refusal.method,
      refusal.path.slice(0, 200),
      refusal.status,
      refusal.code,
    ]);
    const tally = this.tallies.get(key);
    if (tally) {
      tally.repeated += 1;
      tally.lastAt = refusal.at;
      return;
    }
    if (this.tallies.size >= this.maxKeys) {
      if (this.overflow) {
        this.overflow.repeated += 1;
        this.overflow.lastAt = refusal.at;
      } else {
        this.overflow = { first: refusal, repeated: 1, lastAt: refusal.at };
      }
      return;
    }
    this.tallies.set(key, { first: refusal, repeated: 0, lastAt: refusal.at });
    await this.inner.record(refusal);
  }

  recent(limit?: number): Promise<Refusal[]> {
    return this.inner.recent(limit);
  }

  /** Writes the counts of the window now (the timer and close() call it). */
  async flush(): Promise<void> {
    const tallies = [...this.tallies.values()].filter((t) => t.repeated > 0);
    const overflow = this.overflow;
    this.tallies = new Map();
    this.overflow = null;
    this.windowStart = this.now();
    for (const t of tallies) {
      await this.inner.record({
        ...t.first,
        at: t.lastAt,
        repeated: t.repeated,
        reason: `${t.first.reason} — lặp lại ${t.repeated} lần từ / repeated ${t.repeated} times since ${t.first.at}`,
      });
    }
    if (overflow) {
      await this.inner.record({
        ...overflow.first,
        at: overflow.lastAt,
        userId: null,
        role: null,
        path: '*',
        code: 'SECURITY_LOG.OVERFLOW',
        repeated: overflow.repeated,
        reason: `${overflow.repeated} lần từ chối khác loại trong cửa sổ, chỉ đếm / ${overflow.repeated} refusals of further kinds in the window, counted only (from ${overflow.first.at})`,
      });
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    try {
      await this.flush();
    } finally {
      await this.inner.close();
    }
  }

  private async rollIfDue(): Promise<void> {
    if (this.now() - this.windowStart >= this.windowMs) await this.flush();
  }
}
