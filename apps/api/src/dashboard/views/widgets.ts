import { html, type SafeHtml } from '../html';
import { daysBetween, money, percent, rate, type Lang } from '../format';
import type { BudgetLineKey } from '@app/budgeting';
import { fundSourceName, roleName, t } from '../i18n';

/** What the client script turns into a Chart.js chart (see assets/dashboard.client.ts). */
export interface ChartSpec {
  readonly kind: 'bar' | 'line';
  readonly labels: readonly string[];
  readonly series: readonly { label: string; data: readonly number[]; color: string }[];
  readonly stacked?: boolean;
  readonly horizontal?: boolean;
  readonly stepped?: boolean;
  readonly lang: Lang;
}

export const COLORS = {
  disbursed: '#1b6e3a',
  committed: '#c77800',
  available: '#7a8fa6',
} as const;

export function amount(value: bigint | string | null | undefined, lang: Lang): string {
  return value === null || value === undefined ? '' : money(value, lang);
}

/** A canvas the client script draws on; the tables next to it carry the same numbers. */
export function chart(spec: ChartSpec, label: string, id: string): SafeHtml {
  return html`<figure class="chart">
    <figcaption id="${id}-caption">${label}</figcaption>
    <div class="chart-box">
      <canvas
        id="${id}"
        data-chart="${JSON.stringify(spec)}"
        role="img"
        aria-labelledby="${id}-caption"
      ></canvas>
    </div>
  </figure>`;
}

/** Disbursed and committed shares of a budget as a bar (SVG: no inline style needed). */
export function progressBar(
  disbursed: bigint,
  committed: bigint,
  estimate: bigint,
  lang: Lang,
): SafeHtml {
  const paid = percent(disbursed, estimate);
  const promised = percent(committed, estimate);
  const label = `${t(lang, 'disbursed')} ${rate(disbursed, estimate, lang)}, ${t(lang, 'committed')} ${rate(committed, estimate, lang)}`;
  return html`<span class="progress">
    <svg
      class="bar"
      viewBox="0 0 100 12"
      preserveAspectRatio="none"
      role="img"
      aria-label="${label}"
    >
      <rect class="bar-rest" x="0" y="0" width="100" height="12"></rect>
      <rect class="bar-committed" x="0" y="0" width="${promised.toFixed(2)}" height="12"></rect>
      <rect class="bar-disbursed" x="0" y="0" width="${paid.toFixed(2)}" height="12"></rect>
    </svg>
    <span class="rate">${rate(disbursed, estimate, lang)}</span>
  </span>`;
}

/** "Còn 183 ngày" / "Đã quá hạn 5 ngày". */
export function daysLeft(deadline: string, today: string, lang: Lang): SafeHtml {
  const days = daysBetween(today, deadline);
  return days >= 0
    ? html`<span class="days ${days <= 30 ? 'soon' : ''}"
        >${t(lang, 'daysLeft')} ${days} ${t(lang, 'days')}</span
      >`
    : html`<span class="days late">${t(lang, 'overdue')} ${-days} ${t(lang, 'days')}</span>`;
}

interface ActorLike {
  readonly name?: unknown;
  readonly id?: unknown;
  readonly role?: unknown;
  readonly unit?: unknown;
}

/** "Lữ Đình Tích (người phê duyệt, LDTBXH)". */
export function actorLabel(actor: unknown, lang: Lang): string {
  if (!actor || typeof actor !== 'object') return '';
  const a = actor as ActorLike;
  const name = typeof a.name === 'string' ? a.name : typeof a.id === 'string' ? a.id : '';
  const details = [
    typeof a.role === 'string' && a.role ? roleName(a.role, lang) : null,
    typeof a.unit === 'string' && a.unit ? a.unit : null,
  ].filter((d): d is string => d !== null);
  return details.length > 0 ? `${name} (${details.join(', ')})` : name;
}

/** The name, with role and unit underneath, for table cells. */
export function actorCell(actor: unknown, lang: Lang): SafeHtml {
  const label = actorLabel(actor, lang);
  const open = label.lastIndexOf(' (');
  return open < 0
    ? html`${label}`
    : html`${label.slice(0, open)}<span class="sub">${label.slice(open + 2, -1)}</span>`;
}

/** "DA7.TDA1 · Ngân sách trung ương · 2023 · LDTBXH": tells lines of one part apart. */
export function lineLabel(
  key: Pick<BudgetLineKey, 'programPart' | 'sourceYear' | 'unit'> & { fundSource: string },
  lang: Lang,
): string {
  return `${key.programPart} · ${fundSourceName(key.fundSource, lang)} · ${key.sourceYear} · ${key.unit}`;
}

/** "KT. Chủ tịch — Phó Chủ tịch". */
export function capacityLabel(capacity: unknown, title: unknown): string {
  if (typeof capacity !== 'string' || !capacity) return '';
  return typeof title === 'string' && title ? `${capacity} — ${title}` : capacity;
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
