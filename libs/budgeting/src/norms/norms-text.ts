import { formatVietnameseDate } from '../shared/dates';
import { formatMoney } from '../shared/money';

/** The rows applied as a read model or the wire gives them (money as strings there). */
export interface NormsAppliedView {
  readonly period: { readonly from: string; readonly to: string };
  readonly applied: readonly {
    readonly normId: string;
    readonly document: string | null;
    readonly article: string | null;
    readonly rateAmount: string | bigint | null;
    readonly quantity: number;
    readonly unit: string;
  }[];
}

/**
 * "chuyến 6/5/2024–7/5/2024, định mức 40/2017/TT-BTC Điều 5 khoản 1: 200.000 × 2
 * person_day, …": which rows a claim was held to, as the CLI and the dashboard show it.
 */
export function describeNormsApplied(norms: NormsAppliedView, lang: 'vi' | 'en'): string {
  const vi = lang === 'vi';
  const rows = norms.applied.map((a) => {
    const source = [a.document ?? a.normId, a.article].filter(Boolean).join(' ');
    const rate =
      a.rateAmount === null
        ? vi
          ? 'theo thực tế'
          : 'actual cost'
        : vi
          ? formatMoney(BigInt(a.rateAmount))
          : String(a.rateAmount);
    return `${source}: ${rate} × ${a.quantity} ${a.unit}`;
  });
  const { from, to } = norms.period;
  return vi
    ? `chuyến ${formatVietnameseDate(from)}–${formatVietnameseDate(to)}, định mức ${rows.join(', ')}`
    : `trip ${from} to ${to}, norms ${rows.join(', ')}`;
}
