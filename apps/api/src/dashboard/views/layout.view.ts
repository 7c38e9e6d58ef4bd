import { BUDGET_LINE_POLICIES, type Actor } from '@app/budgeting';
import { html, type SafeHtml } from '../html';
import { date, dateInput, instant, instantInput, daysBetween, type Lang } from '../format';
import { roleName, t } from '../i18n';
import { href, type Extra, type PageState } from '../page-state';
import { seesEverything } from '../visibility';

export type Section =
  | 'overview'
  | 'approvals'
  | 'integrity'
  | 'line'
  | 'login'
  | 'error'
  | 'inbox'
  | 'form'
  | 'expenditure'
  | 'office';

export interface PageInput {
  readonly title: string;
  readonly section: Section;
  /** The page's own path and parameters, for the language toggle and the time control. */
  readonly path: string;
  readonly extra?: Extra;
  readonly state: PageState;
  readonly user: Actor | null;
  readonly body: SafeHtml;
  /** Loads Chart.js: only pages that draw a chart pay for it. */
  readonly charts?: boolean;
  /** What waits for the user (forms/inbox.ts), shown beside the inbox link. */
  readonly inboxCount?: number;
  /** Loads the write forms' script (amount and date typing, focus on errors). */
  readonly forms?: boolean;
  /** Fiscal years to choose from, on pages that show one year. */
  readonly years?: readonly number[];
  readonly timeControl?: boolean;
  /** The year the as-of slider spans. */
  readonly sliderYear?: number;
  /** The log holds events marked illustrative: the page says so above everything. */
  readonly illustrative?: boolean;
}

const NAV = [
  { section: 'overview', path: '/', text: 'navOverview' },
  { section: 'inbox', path: '/inbox', text: 'navInbox' },
  { section: 'form', path: '/expenditures/new', text: 'navPropose' },
  { section: 'office', path: '/forms', text: 'navOffice' },
  { section: 'approvals', path: '/approvals', text: 'navApprovals' },
  { section: 'integrity', path: '/integrity', text: 'navIntegrity' },
] as const;

/** The roles of the policy the proposal route carries: who is offered the form. */
function canPropose(user: Actor): boolean {
  return BUDGET_LINE_POLICIES.ProposeExpenditure.roles.includes(user.role);
}

function nav(input: PageInput, user: Actor): SafeHtml {
  const { state } = input;
  const current = input.section === 'line' ? 'overview' : input.section;
  const items = NAV.filter(
    (n) =>
      (n.section !== 'integrity' || canSeeIntegrity(user)) &&
      (n.section !== 'form' || canPropose(user)),
  );
  return html`<nav aria-label="${t(state.lang, 'mainNav')}">
    <ul class="nav">
      ${items.map(
        (n) =>
          html`<li>
            <a
              href="${href(n.path, state)}"
              ${n.section === current ? html`aria-current="page"` : ''}
              >${t(state.lang, n.text)}${
                n.section === 'inbox' && input.inboxCount !== undefined
                  ? html` <span class="count" data-testid="inbox-count">${input.inboxCount}</span>`
                  : ''
              }</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;
}

/** As `GET /api/v1/audit/verify`: auditors and administrators. */
export function canSeeIntegrity(user: Actor): boolean {
  return user.role === 'auditor' || user.role === 'admin';
}

function header(input: PageInput): SafeHtml {
  const { state, user } = input;
  const lang = state.lang;
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  const toggle = href(input.path, { ...state, lang: other }, input.extra);
  return html`<header class="site-header">
    <div class="brand">
      <a href="${href('/', state)}">${t(lang, 'appName')}</a>
    </div>
    ${user ? nav(input, user) : ''}
    <div class="account">
      <a
        class="lang"
        href="${toggle}"
        lang="${other}"
        hreflang="${other}"
        title="${t(lang, 'otherLanguageLabel')}"
        >${t(lang, 'otherLanguage')}</a
      >
      ${
        user
          ? html`<span class="who"
                >${t(lang, 'signedInAs')} <strong>${user.name}</strong> (${roleName(
                  user.role,
                  lang,
                )}${user.unit ? html`, ${user.unit}` : ''})</span
              >
              <form method="post" action="/logout" class="inline">
                <button type="submit" class="link-button">${t(lang, 'logout')}</button>
              </form>`
          : ''
      }
    </div>
  </header>`;
}

/** The point-in-time banner: says plainly which books the page shows. */
function pointInTime(state: PageState): SafeHtml {
  const lang = state.lang;
  if (!state.asOf && !state.knownAt) {
    return html`<p class="when" data-testid="point-in-time">${t(lang, 'viewingNow')}</p>`;
  }
  const parts = [
    state.asOf ? html`${t(lang, 'viewingAsOf')} <strong>${date(state.asOf, lang)}</strong>` : null,
    state.knownAt
      ? html`${t(lang, 'viewingKnownAt')} <strong>${instant(state.knownAt, lang)}</strong>`
      : null,
  ].filter((p) => p !== null);
  return html`<p class="when past" data-testid="point-in-time">
    ${t(lang, 'viewingPast')} ${parts.map((p, i) => (i === 0 ? p : html`, ${p}`))}.
  </p>`;
}

function timeControl(input: PageInput): SafeHtml {
  const { state } = input;
  const lang = state.lang;
  const year =
    input.sliderYear ?? state.year ?? Number((state.asOf ?? new Date().toISOString()).slice(0, 4));
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const daysInYear = daysBetween(start, end);
  const sliderDay = state.asOf?.startsWith(String(year))
    ? daysBetween(start, state.asOf)
    : daysInYear;
  // Text fields, not the browser's date controls: those write the date as the browser's
  // locale does (month first in an English Chromium); officials write day first.
  const asOfValue = state.asOf ? dateInput(state.asOf) : (state.typed?.asOf ?? '');
  const knownAtValue = state.knownAt ? instantInput(state.knownAt) : (state.typed?.knownAt ?? '');
  const hidden = { ...(input.extra ?? {}), ...(lang === 'en' ? { lang } : {}) };
  const years = input.years ?? [];
  return html`<form
    class="time-control"
    method="get"
    action="${input.path}"
    aria-label="${t(lang, 'timeControl')}"
  >
    <fieldset>
      <legend>${t(lang, 'timeControl')}</legend>
      ${Object.entries(hidden).map(([name, value]) =>
        value ? html`<input type="hidden" name="${name}" value="${value}" />` : '',
      )}
      ${
        years.length > 0
          ? html`<div class="field">
              <label for="tc-year">${t(lang, 'fiscalYear')}</label>
              <select id="tc-year" name="year">
                ${years.map(
                  (y) =>
                    html`<option value="${y}" ${y === year ? html`selected` : ''}>${y}</option>`,
                )}
              </select>
            </div>`
          : state.year
            ? html`<input type="hidden" name="year" value="${state.year}" />`
            : ''
      }
      <div class="field">
        <label for="tc-asof"
          >${t(lang, 'asOf')} <span class="hint">(${t(lang, 'asOfHint')})</span></label
        >
        <input
          type="text"
          id="tc-asof"
          name="asOf"
          value="${asOfValue}"
          inputmode="numeric"
          autocomplete="off"
          size="11"
          aria-describedby="tc-asof-format${state.typed?.asOf ? ' notices' : ''}"
          ${state.typed?.asOf ? html`aria-invalid="true"` : ''}
        />
        <span class="hint" id="tc-asof-format">${t(lang, 'dateFormat')}</span>
      </div>
      <div class="field slider" hidden data-slider-wrapper>
        <label for="tc-slider">${t(lang, 'asOfSlider')}</label>
        <input
          type="range"
          id="tc-slider"
          min="0"
          max="${daysInYear}"
          step="1"
          value="${sliderDay}"
          data-asof-slider
          data-start="${start}"
          data-target="tc-asof"
          data-lang="${lang}"
          aria-describedby="tc-slider-value"
        />
        <output id="tc-slider-value" for="tc-slider">${date(state.asOf ?? end, lang)}</output>
      </div>
      <div class="field">
        <label for="tc-knownat"
          >${t(lang, 'knownAt')} <span class="hint">(${t(lang, 'knownAtHint')})</span></label
        >
        <input
          type="text"
          id="tc-knownat"
          name="knownAt"
          value="${knownAtValue}"
          autocomplete="off"
          size="16"
          aria-describedby="tc-knownat-format${state.typed?.knownAt ? ' notices' : ''}"
          ${state.typed?.knownAt ? html`aria-invalid="true"` : ''}
        />
        <span class="hint" id="tc-knownat-format">${t(lang, 'instantFormat')}</span>
      </div>
      <div class="actions">
        <button type="submit">${t(lang, 'show')}</button>
        <a
          href="${href(input.path, { lang, ...(state.year ? { year: state.year } : {}), notices: [] }, input.extra)}"
          >${t(lang, 'now')}</a
        >
      </div>
    </fieldset>
  </form>`;
}

export function page(input: PageInput): string {
  const lang = input.state.lang;
  return `<!doctype html>\n${
    html`<html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${input.title} — ${t(lang, 'appName')}</title>
        <link rel="stylesheet" href="/assets/dashboard.css" />
        ${input.charts ? html`<script src="/assets/chart.umd.min.js" defer></script>` : ''}
        <script src="/assets/dashboard.js" defer></script>
        ${input.forms ? html`<script src="/assets/forms.js" defer></script>` : ''}
      </head>
      <body>
        <a class="skip" href="#main">${t(lang, 'skip')}</a>
        ${header(input)}
        <main id="main" tabindex="-1">
          ${
            input.illustrative
              ? html`<p class="illustrative" role="note" data-testid="illustrative">
                  ${t(lang, 'illustrative')}
                </p>`
              : ''
          }
          ${input.timeControl === false ? '' : html`${timeControl(input)}${pointInTime(input.state)}`}
          ${
            input.state.notices.length > 0
              ? html`<div role="alert">
                  <ul class="notices" id="notices">
                    ${input.state.notices.map((n) => html`<li>${n}</li>`)}
                  </ul>
                </div>`
              : ''
          }
          ${input.body}
        </main>
        <footer class="site-footer"><p>${t(lang, 'readOnly')}</p></footer>
      </body>
    </html>`.value
  }\n`;
}

/** Users who see only their unit are told so. */
export function scopeNote(user: Actor, lang: Lang): SafeHtml {
  return seesEverything(user)
    ? html``
    : html`<p class="scope">${t(lang, 'scopeUnit')} <strong>${user.unit ?? ''}</strong>.</p>`;
}
