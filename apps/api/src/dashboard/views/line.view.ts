import type { BalanceLine, HistoryAnswer } from '@app/read-models';
import {
  deadlineBasisLabel,
  describeBudgetCode,
  describeNormsApplied,
  describePlanActivity,
  describeSignatures,
  describeTreasuryStep,
  eventLabel,
  type BudgetLineKey,
  type NormsAppliedView,
  type PlanActivityRef,
  type SignatureView,
  type TreasuryStepView,
} from '@app/budgeting';
import { date, instant, type Lang } from '../format';
import { html, type SafeHtml } from '../html';
import { fundSourceName, partName, t } from '../i18n';
import { sumsOf } from '../overview.model';
import { href, type PageState } from '../page-state';
import {
  actorLabel,
  amount,
  capacityLabel,
  chart,
  COLORS,
  daysLeft,
  progressBar,
  strings,
  text,
  type ChartSpec,
} from './widgets';

export interface LineData {
  readonly state: PageState;
  readonly id: string;
  readonly key: BudgetLineKey;
  /** The line's balance at the point in time; null when nothing had happened on it yet. */
  readonly line: BalanceLine | null;
  readonly history: HistoryAnswer;
  readonly partName?: string;
  readonly today: string;
}

type Entry = Readonly<Record<string, unknown>>;

function balanceOf(entry: Entry, column: string): number {
  const balance = entry.balance as Record<string, unknown> | undefined;
  const value = balance?.[column];
  return typeof value === 'string' ? Number(value) : 0;
}

/**
 * The balance over time, from the history's running balances: one point per effective
 * date (the balance after that day's last entry), drawn as steps.
 */
export function balanceChart(entries: readonly Entry[], lang: Lang): ChartSpec {
  const byDay = new Map<string, Entry>();
  for (const e of entries) {
    if (typeof e.effectiveDate === 'string') byDay.set(e.effectiveDate, e);
  }
  const days = [...byDay.entries()];
  const series = (column: string): number[] => days.map(([, e]) => balanceOf(e, column));
  return {
    kind: 'line',
    stepped: true,
    lang,
    labels: days.map(([d]) => date(d, lang)),
    series: [
      { label: t(lang, 'available'), color: COLORS.available, data: series('available') },
      { label: t(lang, 'committed'), color: COLORS.committed, data: series('committed') },
      { label: t(lang, 'disbursed'), color: COLORS.disbursed, data: series('disbursed') },
    ],
  };
}

function detail(label: string, value: SafeHtml | string | null): SafeHtml {
  return value
    ? html`<div>
        <dt>${label}</dt>
        <dd>${value}</dd>
      </div>`
    : html``;
}

function entryItem(e: Entry, lang: Lang): SafeHtml {
  const type = text(e.type) ?? '';
  const authority = e.authority as { capacity?: unknown; title?: unknown } | null | undefined;
  const basis = strings(e.legalBasis);
  const available = (e.balance as Record<string, unknown> | undefined)?.available;
  const effective = text(e.effectiveDate);
  const recorded = text(e.recordedAt);
  return html`<li class="event" data-testid="history-entry" data-type="${type}">
    <div class="event-head">
      <span class="event-name">${eventLabel(type, lang)}</span>
      ${text(e.amount) ? html`<span class="event-amount">${amount(text(e.amount), lang)} đ</span>` : ''}
    </div>
    ${text(e.description) ? html`<p class="event-what">${text(e.description)}</p>` : ''}
    <dl class="event-details">
      ${detail(t(lang, 'effectiveDate'), effective ? date(effective, lang) : null)}
      ${detail(t(lang, 'recordedAt'), recorded ? instant(recorded, lang) : null)}
      ${detail(t(lang, 'actor'), actorLabel(e.actor, lang))}
      ${detail(t(lang, 'capacity'), capacityLabel(authority?.capacity, authority?.title))}
      ${detail(t(lang, 'legalBasis'), basis.length > 0 ? basis.join(', ') : null)}
      ${detail(t(lang, 'payee'), text(e.payee))} ${detail(t(lang, 'voucher'), text(e.voucher))}
      ${detail(t(lang, 'reason'), text(e.reason))}
      ${detail(t(lang, 'treasury'), e.treasury ? describeTreasuryStep(e.treasury as TreasuryStepView, lang) : null)}
      ${detail(t(lang, 'signatures'), e.type === 'ExpenditureApproved' && Array.isArray(e.signatures) ? describeSignatures(e.signatures as SignatureView[], lang) : null)}
      ${detail(t(lang, 'budgetCode'), describeBudgetCode(e, lang))}
      ${detail(t(lang, 'planActivity'), e.plan ? describePlanActivity(e.plan as PlanActivityRef, lang) : null)}
      ${detail(t(lang, 'normsApplied'), e.norms ? describeNormsApplied(e.norms as NormsAppliedView, lang) : null)}
      ${detail(t(lang, 'correction'), correctionText(e.correction))}
      ${detail(t(lang, 'retainedUntil'), text(e.until) ? date(text(e.until) ?? '', lang) : null)}
      ${detail(t(lang, 'returned'), text(e.toLevel) ? fundSourceName(text(e.toLevel) ?? '', lang) : null)}
      ${detail(t(lang, 'balanceAfter'), typeof available === 'string' ? `${amount(available, lang)} đ` : null)}
    </dl>
  </li>`;
}

/** "lapse:… — reason (approvedBy)": what a correction cites, as the history recorded it. */
function correctionText(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const c = value as Record<string, unknown>;
  const approver = text(c.approvedBy);
  return (
    [text(c.corrects), text(c.reason)].filter(Boolean).join(' — ') +
    (approver ? ` (${approver})` : '')
  );
}

export function lineBody(data: LineData): SafeHtml {
  // Committed money whose dossier is at the Treasury, awaiting its answer.
  const awaiting = data.line?.amounts.awaitingTreasury ?? 0n;
  const { state, key } = data;
  const lang = state.lang;
  const s = sumsOf(data.line ? [data.line] : []);
  const entries = data.history.entries;
  const carried = key.sourceYear < key.fiscalYear;
  const deadline = data.line?.carryOverDeadline ?? `${key.fiscalYear}-12-31`;
  return html`<p>
      <a href="${href('/', { ...state, year: key.fiscalYear })}">${t(lang, 'backToOverview')}</a>
    </p>
    <h1>
      ${t(lang, 'lineTitle')} ${key.programPart}
      <span class="name">${partName(key.programPart, lang, data.partName)}</span>
    </h1>
    <p class="line-id">
      ${fundSourceName(key.fundSource, lang)} · ${t(lang, 'sourceYear')} ${key.sourceYear} ·
      ${t(lang, 'fiscalYear')} ${key.fiscalYear} · ${t(lang, 'unit')} ${key.unit} ·
      <code>${data.id}</code>
      ${carried ? html` · ${t(lang, 'deadline')} ${date(deadline, lang)} (${daysLeft(deadline, data.today, lang)}; ${data.line ? deadlineBasisLabel(data.line, lang) : ''})` : ''}
    </p>
    <dl class="cards">
      <div class="card">
        <dt>${t(lang, 'total')}</dt>
        <dd><span class="big" data-testid="line-total">${amount(s.estimate, lang)}</span> đ</dd>
      </div>
      <div class="card">
        <dt>${t(lang, 'committed')}</dt>
        <dd>
          <span class="big">${amount(s.committed, lang)}</span> đ
          ${awaiting > 0n ? html`<span class="hint" data-testid="line-awaiting-treasury">${t(lang, 'awaitingTreasury')}: ${amount(awaiting, lang)} đ</span>` : ''}
        </dd>
      </div>
      <div class="card">
        <dt>${t(lang, 'disbursed')}</dt>
        <dd>
          <span class="big" data-testid="line-disbursed">${amount(s.disbursed, lang)}</span> đ
          <span class="hint">${progressBar(s.disbursed, s.committed, s.estimate, lang)}</span>
          ${s.advancesOpen > 0n ? html`<span class="hint" data-testid="line-advances-open">${t(lang, 'advancesOpen')}: ${amount(s.advancesOpen, lang)} đ</span>` : ''}
        </dd>
      </div>
      <div class="card">
        <dt>${t(lang, 'available')}</dt>
        <dd>
          <span class="big">${amount(s.available, lang)}</span> đ
          ${s.cancelled > 0n ? html`<span class="hint">${t(lang, 'cancelled')}: ${amount(s.cancelled, lang)} đ</span>` : ''}
          ${s.returned > 0n ? html`<span class="hint" data-testid="line-returned">${t(lang, 'returned')}: ${amount(s.returned, lang)} đ</span>` : ''}
        </dd>
      </div>
    </dl>
    ${entries.length > 0 ? chart(balanceChart(entries, lang), t(lang, 'balanceOverTime'), 'chart-line') : ''}
    <section aria-labelledby="history">
      <h2 id="history">${t(lang, 'history')}</h2>
      ${
        entries.length === 0
          ? html`<p class="empty">${t(lang, 'historyNone')}</p>`
          : html`<ol class="timeline" data-testid="history">
              ${entries.map((e) => entryItem(e, lang))}
            </ol>`
      }
    </section>`;
}
