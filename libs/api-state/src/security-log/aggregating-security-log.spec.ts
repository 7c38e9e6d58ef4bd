import { AggregatingSecurityLog } from './aggregating-security-log';
import { SecurityLog, type Refusal } from './security-log';

class MemoryLog extends SecurityLog {
  readonly rows: Refusal[] = [];
  async record(refusal: Refusal): Promise<void> {
    this.rows.push(refusal);
  }
  async recent(limit = 100): Promise<Refusal[]> {
    return [...this.rows].reverse().slice(0, limit);
  }
  async close(): Promise<void> {}
}

const refusal = (i: number, extra: Partial<Refusal> = {}): Refusal => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)).toISOString(),
  userId: null,
  role: null,
  method: 'POST',
  path: '/api/v1/expenditures',
  status: 401,
  code: 'AUTH.UNAUTHENTICATED',
  reason: 'Authentication required',
  ip: '10.0.0.9',
  ...extra,
});

describe('the security log under a flood of refusals', () => {
  let clock = 0;
  const now = (): number => clock;

  beforeEach(() => {
    clock = 0;
  });

  it('keeps 2,000 identical refusals as the first one and one entry counting the rest', async () => {
    const inner = new MemoryLog();
    const log = new AggregatingSecurityLog(inner, { now, windowMs: 60_000 });
    for (let i = 0; i < 2000; i++) await log.record(refusal(i));
    expect(inner.rows).toHaveLength(1);
    clock = 60_000;
    await log.record(refusal(2000, { code: 'AUTH.ROLE_FORBIDDEN', status: 403 }));
    expect(inner.rows).toHaveLength(3);
    expect(inner.rows[1]).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', repeated: 1999 });
    await log.close();
    expect(inner.rows).toHaveLength(3);
  });

  it('writes at most twice its kinds per window, however many kinds a flood invents', async () => {
    const inner = new MemoryLog();
    const log = new AggregatingSecurityLog(inner, { now, maxKeys: 10 });
    for (let i = 0; i < 5000; i++) await log.record(refusal(i, { path: `/api/v1/x${i % 700}` }));
    await log.close();
    expect(inner.rows.length).toBeLessThanOrEqual(2 * 10 + 1);
    const overflow = inner.rows.find((r) => r.code === 'SECURITY_LOG.OVERFLOW');
    // A first entry stands for itself; a counting entry for the `repeated` after it.
    const counted = inner.rows.reduce((n, r) => n + (r.repeated ?? 1), 0);
    expect(overflow?.repeated).toBeGreaterThan(0);
    expect(counted).toBe(5000);
  });

  it('keeps refusals of different callers apart', async () => {
    const inner = new MemoryLog();
    const log = new AggregatingSecurityLog(inner, { now });
    await log.record(refusal(1, { userId: 'u-a', role: 'officer', status: 403 }));
    await log.record(refusal(2, { userId: 'u-b', role: 'officer', status: 403 }));
    await log.close();
    expect(inner.rows.map((r) => r.userId)).toEqual(['u-a', 'u-b']);
  });
});
