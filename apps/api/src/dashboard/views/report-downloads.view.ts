import { html, type SafeHtml } from '../html';
import { t } from '../i18n';
import type { PageState } from '../page-state';

const PERIODS = ['year', 'year-final', 'H1', 'H2', 'Q1', 'Q2', 'Q3', 'Q4'];

function periodLabel(spec: string, state: PageState): string {
  const vi = state.lang === 'vi';
  if (spec === 'year') return vi ? 'Cả năm' : 'Whole year';
  if (spec === 'year-final') return vi ? 'Cả năm, đến 31/1 năm sau' : 'Year, to 31 Jan next year';
  if (spec.startsWith('H'))
    return vi ? `6 tháng ${spec === 'H1' ? 'đầu' : 'cuối'} năm` : `Half ${spec[1]}`;
  return vi ? `Quý ${['I', 'II', 'III', 'IV'][Number(spec[1]) - 1]}` : spec;
}

/**
 * Download the reports a district files for this page's year, at this page's point in
 * time: the form carries the time control's asOf and knownAt as they are.
 */
export function reportDownloads(state: PageState, year: number): SafeHtml {
  const lang = state.lang;
  const hidden: Record<string, string | undefined> = {
    year: String(year),
    asOf: state.asOf,
    knownAt: state.knownAt,
    ...(lang === 'en' ? { lang } : {}),
  };
  return html`<section aria-labelledby="downloads" class="downloads">
    <h2 id="downloads">${t(lang, 'downloads')}</h2>
    <form method="get" action="/reports/download" data-testid="report-download">
      ${Object.entries(hidden).map(([name, value]) =>
        value ? html`<input type="hidden" name="${name}" value="${value}" />` : '',
      )}
      <div class="field">
        <label for="dl-report">${t(lang, 'downloadReport')}</label>
        <select id="dl-report" name="report">
          <option value="disbursement">${t(lang, 'reportDisbursement')}</option>
          <option value="outputs">${t(lang, 'reportOutputs')}</option>
        </select>
      </div>
      <div class="field">
        <label for="dl-period">${t(lang, 'downloadPeriod')}</label>
        <select id="dl-period" name="period">
          ${PERIODS.map((p) => html`<option value="${p}">${periodLabel(p, state)}</option>`)}
        </select>
      </div>
      <div class="actions">
        <button type="submit" name="format" value="xlsx">XLSX</button>
        <button type="submit" name="format" value="pdf">PDF</button>
        <button type="submit" name="format" value="csv">CSV</button>
      </div>
      <p class="hint">${t(lang, 'downloadHint')}</p>
    </form>
  </section>`;
}
