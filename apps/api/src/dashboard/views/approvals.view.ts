import { parseBudgetLineId, type Actor, type BudgetLineKey } from '@app/budgeting';
import type { Doc } from '@app/read-models';
import { date, instant, type Lang } from '../format';
import { html, type SafeHtml } from '../html';
import { t } from '../i18n';
import { href, type PageState } from '../page-state';
import { canSeeUnit } from '../visibility';
import { actorCell, amount, capacityLabel, lineLabel, strings, text } from './widgets';

export interface ApprovalsData {
  readonly user: Actor;
  readonly state: PageState;
  readonly approver?: string;
  readonly document?: string;
  /** Every decision the user may see, to offer the filter's choices. */
  readonly all: readonly Doc[];
  /** The decisions the filters select. */
  readonly approvals: readonly Doc[];
}

function lineKeyOf(id: string): BudgetLineKey | null {
  try {
    return parseBudgetLineId(id);
  } catch {
    return null;
  }
}

function approvers(all: readonly Doc[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const d of all) {
    const by = d.decidedBy as { id?: unknown; name?: unknown } | null;
    if (typeof by?.id === 'string') {
      seen.set(by.id, typeof by.name === 'string' ? by.name : by.id);
    }
  }
  return [...seen.entries()]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

function documents(all: readonly Doc[]): string[] {
  return [...new Set(all.flatMap((d) => strings(d.legalBasis)))].sort((a, b) =>
    a.localeCompare(b, 'vi', { numeric: true }),
  );
}

function kindName(kind: unknown, lang: Lang): string {
  if (kind === 'expenditure') return t(lang, 'kindExpenditure');
  if (kind === 'transfer') return t(lang, 'kindTransfer');
  if (kind === 'plan') return t(lang, 'kindPlan');
  return typeof kind === 'string' ? kind : '';
}

function filterForm(data: ApprovalsData, lang: Lang): SafeHtml {
  const { state } = data;
  return html`<form
    class="filters"
    method="get"
    action="/approvals"
    aria-label="${t(lang, 'approvalsFilter')}"
  >
    ${state.lang === 'en' ? html`<input type="hidden" name="lang" value="en" />` : ''}
    ${state.asOf ? html`<input type="hidden" name="asOf" value="${state.asOf}" />` : ''}
    ${state.knownAt ? html`<input type="hidden" name="knownAt" value="${state.knownAt}" />` : ''}
    <div class="field">
      <label for="f-approver">${t(lang, 'approver')}</label>
      <select id="f-approver" name="approver">
        <option value="">${t(lang, 'all')}</option>
        ${approvers(data.all).map(
          (a) =>
            html`<option value="${a.id}" ${a.id === data.approver ? html`selected` : ''}>
              ${a.name}
            </option>`,
        )}
      </select>
    </div>
    <div class="field">
      <label for="f-document">${t(lang, 'document')}</label>
      <select id="f-document" name="document">
        <option value="">${t(lang, 'all')}</option>
        ${documents(data.all).map(
          (d) =>
            html`<option value="${d}" ${d === data.document ? html`selected` : ''}>${d}</option>`,
        )}
      </select>
    </div>
    <div class="actions">
      <button type="submit">${t(lang, 'filter')}</button>
      <a href="${href('/approvals', state)}">${t(lang, 'clearFilter')}</a>
    </div>
  </form>`;
}

/** The transfer projection writes "carry_over: from → to": said in words, the ids below. */
function whatOf(d: Doc, lang: Lang): SafeHtml | string {
  const what = text(d.what) ?? '';
  const transfer = /^(carry_over|reallocation): (.*)$/.exec(what);
  if (d.kind !== 'transfer' || !transfer) return what;
  // A carry-over names only the line it lands on, shown in the line column.
  if (transfer[1] === 'carry_over') return t(lang, 'carryOver');
  return html`${t(lang, 'reallocation')}<span class="sub">${transfer[2]}</span>`;
}

function row(d: Doc, data: ApprovalsData, lang: Lang): SafeHtml {
  const line = text(d.budgetLineId);
  const key = line ? lineKeyOf(line) : null;
  const effective = text(d.effectiveDate);
  const recorded = text(d.recordedAt);
  // A signature (two-signature units) is one of the two the approval needs; the Treasury's
  // answers to payment dossiers follow the approval.
  const decision =
    d.decision === 'approved' ||
    d.decision === 'signed' ||
    d.decision === 'treasury_accepted' ||
    d.decision === 'treasury_refused'
      ? t(lang, d.decision)
      : t(lang, 'rejected');
  const refusedNo = d.decision === 'rejected' || d.decision === 'treasury_refused';
  return html`<tr data-testid="approval-row">
    <td>
      ${effective ? date(effective, lang) : ''}
      <span class="sub">${t(lang, 'recordedAt')} ${recorded ? instant(recorded, lang) : ''}</span>
    </td>
    <td>
      ${kindName(d.kind, lang)}
      ${
        line && key && canSeeUnit(data.user, key.unit)
          ? html`<span class="sub"
              ><a href="${href(`/lines/${encodeURIComponent(line)}`, data.state)}"
                >${lineLabel(key, lang)}</a
              ></span
            >`
          : ''
      }
    </td>
    <td>${whatOf(d, lang)}</td>
    <td class="num">${amount(text(d.amount), lang)}</td>
    <td>${actorCell(d.askedBy, lang)}</td>
    <td>${actorCell(d.decidedBy, lang)}</td>
    <td>${capacityLabel(d.capacity, d.title)}</td>
    <td class="nowrap">
      <span class="decision ${refusedNo ? 'no' : 'ok'}">${decision}</span>
      ${text(d.reason) ? html`<span class="sub">${text(d.reason)}</span>` : ''}
    </td>
    <td>${strings(d.legalBasis).join(', ')}</td>
  </tr>`;
}

export function approvalsBody(data: ApprovalsData): SafeHtml {
  const lang = data.state.lang;
  return html`<h1>${t(lang, 'approvalsTitle')}</h1>
    ${filterForm(data, lang)}
    <p class="count" data-testid="approvals-count">
      ${data.approvals.length} ${t(lang, 'approvalsCount')}
    </p>
    ${
      data.approvals.length === 0
        ? html`<p class="empty">${t(lang, 'approvalsNone')}</p>`
        : html`<div class="table-wrap">
            <table class="approvals">
              <thead>
                <tr>
                  <th scope="col">${t(lang, 'effectiveDate')}</th>
                  <th scope="col">${t(lang, 'kindAndLine')}</th>
                  <th scope="col">${t(lang, 'what')}</th>
                  <th scope="col" class="num">${t(lang, 'amount')}</th>
                  <th scope="col">${t(lang, 'askedBy')}</th>
                  <th scope="col">${t(lang, 'decidedBy')}</th>
                  <th scope="col">${t(lang, 'capacity')}</th>
                  <th scope="col">${t(lang, 'decision')}</th>
                  <th scope="col">${t(lang, 'legalBasis')}</th>
                </tr>
              </thead>
              <tbody>
                ${data.approvals.map((d) => row(d, data, lang))}
              </tbody>
            </table>
          </div>`
    }`;
}
