import { deadlineBasisLabel, type Actor } from '@app/budgeting';
import type { BalanceLine } from '@app/read-models';
import { date, type Lang } from '../format';
import { html, type SafeHtml } from '../html';
import { fundSourceName, partName, t } from '../i18n';
import { fundSourceOrder, groupLines, sumsOf, type Sums } from '../overview.model';
import { href, type PageState } from '../page-state';
import { scopeNote } from './layout.view';
import { reportDownloads } from './report-downloads.view';
import { amount, chart, COLORS, daysLeft, lineLabel, progressBar, type ChartSpec } from './widgets';

export interface OverviewData {
  readonly user: Actor;
  readonly state: PageState;
  readonly year: number;
  readonly lines: readonly BalanceLine[];
  readonly partNames: ReadonlyMap<string, string>;
  /** The day "days left" counts from: the as-of date, or today in Vietnam. */
  readonly today: string;
}

function card(label: string, value: string, testId: string, hint?: SafeHtml | string): SafeHtml {
  return html`<div class="card">
    <dt>${label}</dt>
    <dd>
      <span class="big" data-testid="${testId}">${value}</span>
      <span class="unit">đ</span> ${hint ? html`<span class="hint">${hint}</span>` : ''}
    </dd>
  </div>`;
}

function summary(s: Sums, lang: Lang): SafeHtml {
  return html`<dl class="cards">
    ${card(t(lang, 'total'), amount(s.estimate, lang), 'total', t(lang, 'totalHint'))}
    ${card(t(lang, 'committed'), amount(s.committed, lang), 'committed-total')}
    ${card(t(lang, 'disbursed'), amount(s.disbursed, lang), 'disbursed-total', progressBar(s.disbursed, s.committed, s.estimate, lang))}
    ${s.advancesOpen > 0n ? card(t(lang, 'advancesOpen'), amount(s.advancesOpen, lang), 'advances-open-total') : ''}
    ${card(
      t(lang, 'available'),
      amount(s.available, lang),
      'available-total',
      s.cancelled > 0n ? `${t(lang, 'cancelled')}: ${amount(s.cancelled, lang)} đ` : undefined,
    )}
  </dl>`;
}

function byPart(data: OverviewData, lang: Lang): SafeHtml {
  const groups = groupLines(data.lines, (l) => l.programPart);
  const total = sumsOf(data.lines);
  return html`<section aria-labelledby="by-part">
    <h2 id="by-part">${t(lang, 'byPart')}</h2>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${t(lang, 'part')}</th>
            <th scope="col" class="num">${t(lang, 'total')}</th>
            <th scope="col" class="num">${t(lang, 'carriedIn')}</th>
            <th scope="col" class="num">${t(lang, 'committed')}</th>
            <th scope="col" class="num">${t(lang, 'disbursed')}</th>
            <th scope="col">${t(lang, 'progress')}</th>
            <th scope="col" class="num">${t(lang, 'available')}</th>
          </tr>
        </thead>
        <tbody>
          ${groups.map(
            (g) =>
              html`<tr data-testid="part-${g.key}">
                <th scope="row">
                  <span class="code">${g.key}</span>
                  <span class="name">${partName(g.key, lang, data.partNames.get(g.key))}</span>
                </th>
                <td class="num" data-testid="part-total">${amount(g.sums.estimate, lang)}</td>
                <td class="num">${amount(g.sums.carriedIn, lang)}</td>
                <td class="num">${amount(g.sums.committed, lang)}</td>
                <td class="num" data-testid="part-disbursed">${amount(g.sums.disbursed, lang)}</td>
                <td>${progressBar(g.sums.disbursed, g.sums.committed, g.sums.estimate, lang)}</td>
                <td class="num">${amount(g.sums.available, lang)}</td>
              </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">${t(lang, 'total')}</th>
            <td class="num">${amount(total.estimate, lang)}</td>
            <td class="num">${amount(total.carriedIn, lang)}</td>
            <td class="num">${amount(total.committed, lang)}</td>
            <td class="num">${amount(total.disbursed, lang)}</td>
            <td>${progressBar(total.disbursed, total.committed, total.estimate, lang)}</td>
            <td class="num">${amount(total.available, lang)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
    ${chart(partChart(groups, lang), t(lang, 'chartTitle'), 'chart-parts')}
  </section>`;
}

function partChart(groups: ReturnType<typeof groupLines>, lang: Lang): ChartSpec {
  const n = (v: bigint): number => Number(v);
  return {
    kind: 'bar',
    horizontal: true,
    stacked: true,
    lang,
    labels: groups.map((g) => g.key),
    series: [
      {
        label: t(lang, 'chartDisbursed'),
        color: COLORS.disbursed,
        data: groups.map((g) => n(g.sums.disbursed)),
      },
      {
        label: t(lang, 'chartCommittedOnly'),
        color: COLORS.committed,
        data: groups.map((g) => n(g.sums.committed - g.sums.disbursed)),
      },
      {
        label: t(lang, 'chartAvailable'),
        color: COLORS.available,
        data: groups.map((g) => n(g.sums.available)),
      },
    ],
  };
}

function bySource(data: OverviewData, lang: Lang): SafeHtml {
  const groups = groupLines(data.lines, (l) => fundSourceOrder(l.fundSource));
  return html`<section aria-labelledby="by-source">
    <h2 id="by-source">${t(lang, 'bySource')}</h2>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${t(lang, 'fundSource')}</th>
            <th scope="col" class="num">${t(lang, 'total')}</th>
            <th scope="col" class="num">${t(lang, 'committed')}</th>
            <th scope="col" class="num">${t(lang, 'disbursed')}</th>
            <th scope="col">${t(lang, 'progress')}</th>
            <th scope="col" class="num">${t(lang, 'available')}</th>
          </tr>
        </thead>
        <tbody>
          ${groups.map((g) => {
            const code = g.lines[0]?.fundSource ?? '';
            return html`<tr data-testid="source-${code}">
              <th scope="row">${fundSourceName(code, lang)}</th>
              <td class="num">${amount(g.sums.estimate, lang)}</td>
              <td class="num">${amount(g.sums.committed, lang)}</td>
              <td class="num">${amount(g.sums.disbursed, lang)}</td>
              <td>${progressBar(g.sums.disbursed, g.sums.committed, g.sums.estimate, lang)}</td>
              <td class="num">${amount(g.sums.available, lang)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
  </section>`;
}

function carryOvers(data: OverviewData, lang: Lang): SafeHtml {
  const carried = data.lines.filter((l) => l.carriedOver);
  return html`<section aria-labelledby="carry-overs">
    <h2 id="carry-overs">${t(lang, 'carryOvers')}</h2>
    ${
      carried.length === 0
        ? html`<p>${t(lang, 'carryOverNone')}</p>`
        : html`<div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">${t(lang, 'line')}</th>
                  <th scope="col">${t(lang, 'sourceYear')}</th>
                  <th scope="col" class="num">${t(lang, 'carriedIn')}</th>
                  <th scope="col" class="num">${t(lang, 'disbursed')}</th>
                  <th scope="col" class="num">${t(lang, 'cancelled')}</th>
                  <th scope="col" class="num">${t(lang, 'available')}</th>
                  <th scope="col">${t(lang, 'deadline')}</th>
                </tr>
              </thead>
              <tbody>
                ${carried.map((l) => {
                  const s = sumsOf([l]);
                  const deadline = l.carryOverDeadline ?? `${l.fiscalYear}-12-31`;
                  return html`<tr data-testid="carry-over">
                    <th scope="row">
                      <a
                        href="${href(`/lines/${encodeURIComponent(l.id)}`, data.state)}"
                        aria-label="${lineLabel(l, lang)}"
                        >${l.programPart}</a
                      >
                      <span class="name">${fundSourceName(l.fundSource, lang)}, ${l.unit}</span>
                    </th>
                    <td>${l.sourceYear}</td>
                    <td class="num">${amount(l.amounts.carriedIn, lang)}</td>
                    <td class="num">${amount(s.disbursed, lang)}</td>
                    <td class="num">${amount(s.cancelled, lang)}</td>
                    <td class="num">${amount(s.available, lang)}</td>
                    <td>
                      ${date(deadline, lang)} · ${daysLeft(deadline, data.today, lang)}
                      <span class="name">${deadlineBasisLabel(l, lang)}</span>
                    </td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}

function sortedLines(lines: readonly BalanceLine[]): BalanceLine[] {
  const order = (l: BalanceLine): string =>
    `${l.programPart}|${fundSourceOrder(l.fundSource)}|${l.sourceYear}|${l.unit}`;
  return [...lines].sort((a, b) => order(a).localeCompare(order(b)));
}

function lineTable(data: OverviewData, lang: Lang): SafeHtml {
  return html`<section aria-labelledby="lines">
    <h2 id="lines">${t(lang, 'lines')}</h2>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${t(lang, 'part')}</th>
            <th scope="col">${t(lang, 'fundSource')}</th>
            <th scope="col">${t(lang, 'sourceYear')}</th>
            <th scope="col">${t(lang, 'unit')}</th>
            <th scope="col" class="num">${t(lang, 'total')}</th>
            <th scope="col" class="num">${t(lang, 'disbursed')}</th>
            <th scope="col" class="num">${t(lang, 'available')}</th>
          </tr>
        </thead>
        <tbody>
          ${sortedLines(data.lines).map((l) => {
            const s = sumsOf([l]);
            return html`<tr data-testid="line-row" data-unit="${l.unit}">
              <th scope="row">
                <a
                  href="${href(`/lines/${encodeURIComponent(l.id)}`, data.state)}"
                  aria-label="${lineLabel(l, lang)}"
                  >${l.programPart}</a
                >
              </th>
              <td>${fundSourceName(l.fundSource, lang)}</td>
              <td>${l.sourceYear}</td>
              <td>${l.unit}</td>
              <td class="num">${amount(s.estimate, lang)}</td>
              <td class="num">${amount(s.disbursed, lang)}</td>
              <td class="num">${amount(s.available, lang)}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
  </section>`;
}

export function overviewBody(data: OverviewData): SafeHtml {
  const lang = data.state.lang;
  const heading = html`<h1>${t(lang, 'overviewTitle')} ${data.year}</h1>
    ${scopeNote(data.user, lang)}`;
  if (data.lines.length === 0) {
    return html`${heading} ${summary(sumsOf([]), lang)}
      <p class="empty" data-testid="no-lines">${t(lang, 'noLines')}</p>`;
  }
  return html`${heading} ${summary(sumsOf(data.lines), lang)} ${byPart(data, lang)}
  ${bySource(data, lang)} ${carryOvers(data, lang)} ${lineTable(data, lang)}
  ${reportDownloads(data.state, data.year)}`;
}
