import { openAdvances } from '@app/budgeting';
import type { BalanceLine } from '@app/read-models';

/** The sums the overview shows for any group of lines. */
export interface Sums {
  /** What may be spent: allocated + carried in + transferred in − carried out − transferred out. */
  readonly estimate: bigint;
  readonly allocated: bigint;
  readonly carriedIn: bigint;
  readonly transferredNet: bigint;
  readonly committed: bigint;
  readonly disbursed: bigint;
  readonly cancelled: bigint;
  /** Given back to a higher budget level (hoàn trả). */
  readonly returned: bigint;
  readonly available: bigint;
  /** Of disbursed: paid as advances, not yet settled by vouchers nor recovered. */
  readonly advancesOpen: bigint;
}

export const ZERO_SUMS: Sums = {
  estimate: 0n,
  allocated: 0n,
  carriedIn: 0n,
  transferredNet: 0n,
  committed: 0n,
  disbursed: 0n,
  cancelled: 0n,
  returned: 0n,
  available: 0n,
  advancesOpen: 0n,
};

export function sumsOf(lines: readonly BalanceLine[]): Sums {
  let s = ZERO_SUMS;
  for (const { amounts: a } of lines) {
    const transferredNet = a.transferredIn - a.transferredOut - a.carriedOut;
    const estimate = a.allocated + a.carriedIn + transferredNet;
    s = {
      estimate: s.estimate + estimate,
      allocated: s.allocated + a.allocated,
      carriedIn: s.carriedIn + a.carriedIn,
      transferredNet: s.transferredNet + transferredNet,
      committed: s.committed + a.committed,
      disbursed: s.disbursed + a.disbursed,
      cancelled: s.cancelled + a.cancelled,
      returned: s.returned + a.returned,
      available: s.available + estimate - a.cancelled - a.returned - a.committed,
      advancesOpen: s.advancesOpen + openAdvances(a),
    };
  }
  return s;
}

/** Lines grouped by a key, groups in key order. */
export function groupLines(
  lines: readonly BalanceLine[],
  key: (line: BalanceLine) => string,
): { key: string; lines: BalanceLine[]; sums: Sums }[] {
  const groups = new Map<string, BalanceLine[]>();
  for (const line of lines) {
    const k = key(line);
    groups.set(k, [...(groups.get(k) ?? []), line]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, ls]) => ({ key: k, lines: ls, sums: sumsOf(ls) }));
}

const FUND_SOURCE_ORDER = ['central', 'provincial', 'district'];

export function fundSourceOrder(code: string): string {
  const i = FUND_SOURCE_ORDER.indexOf(code);
  return `${i < 0 ? 9 : i}${code}`;
}
