import type { BudgetLineState } from '@app/budgeting';
import { money } from '../format';
import { html, type SafeHtml } from '../html';
import { href, type PageState } from '../page-state';
import type { Text } from './form-def';
import type { LineChoice } from './form-reads';

export const LINE_PICKER_TITLE: Text = {
  vi: 'Quyết định trên dòng ngân sách',
  en: 'Decisions on a budget line',
};

const TEXT = {
  pickIntro: {
    vi: 'Giữ lại khoản chi quá hạn chuyển nguồn, hoàn trả ngân sách cấp trên, hủy dự toán: chọn dòng ngân sách.',
    en: 'Keep expenditures past a carry-over deadline, return funds, cancel funds: pick the budget line.',
  },
  line: { vi: 'Dòng ngân sách', en: 'Budget line' },
  available: { vi: 'còn', en: 'available' },
  open: { vi: 'Mở', en: 'Open' },
  none: { vi: 'Chưa có dòng ngân sách nào bạn được xem.', en: 'No budget line you may see yet.' },
  availableNow: { vi: 'Còn được sử dụng', en: 'Available' },
  deadline: { vi: 'Hạn chi chuyển nguồn', en: 'Carry-over deadline' },
  retainable: {
    vi: 'Khoản chi đã duyệt chưa chi',
    en: 'Approved, unpaid expenditures',
  },
  linePage: { vi: 'Xem lịch sử dòng', en: "The line's history" },
} as const;

/**
 * The line picker: a GET form (it changes nothing), to `/line-decisions?line=…`, which
 * sends the browser to that line's decisions. Without JavaScript too.
 */
export function linePicker(lines: readonly LineChoice[], state: PageState): SafeHtml {
  const lang = state.lang;
  if (lines.length === 0) return html`<p>${TEXT.none[lang]}</p>`;
  return html`<p>${TEXT.pickIntro[lang]}</p>
    <form method="get" action="/line-decisions" data-testid="line-picker">
      ${lang === 'en' ? html`<input type="hidden" name="lang" value="en" />` : ''}
      <div class="field">
        <label for="f-line">${TEXT.line[lang]}</label>
        <select id="f-line" name="line">
          ${lines.map(
            (l) =>
              html`<option value="${l.id}">
                ${l.id} (${TEXT.available[lang]} ${money(l.available, lang)})
              </option>`,
          )}
        </select>
      </div>
      <div class="actions"><button type="submit">${TEXT.open[lang]}</button></div>
    </form>`;
}

/** What the line's decisions are judged against: its available money and deadline. */
export function lineDecisionsIntro(
  id: string,
  line: BudgetLineState,
  state: PageState,
  shown: { readonly available: string; readonly deadline: string | null },
): SafeHtml {
  const lang = state.lang;
  const unpaid = [...line.expenditures.values()].filter(
    (e) => (e.status === 'approved' || e.status === 'lapsed') && e.disbursed === 0n,
  );
  return html`<dl class="line-facts" data-testid="line-facts">
      <dt>${TEXT.availableNow[lang]}</dt>
      <dd data-testid="line-available">${shown.available}</dd>
      ${
        shown.deadline
          ? html`<dt>${TEXT.deadline[lang]}</dt>
              <dd data-testid="line-deadline">${shown.deadline}</dd>`
          : ''
      }
      ${
        shown.deadline
          ? html`<dt>${TEXT.retainable[lang]}</dt>
              <dd data-testid="line-unpaid">
                ${
                  unpaid.length === 0
                    ? '—'
                    : html`<ul>
                        ${unpaid.map(
                          (e) => html`<li><code>${e.id}</code>: ${money(e.amount, lang)}</li>`,
                        )}
                      </ul>`
                }
              </dd>`
          : ''
      }
    </dl>
    <p><a href="${href(`/lines/${encodeURIComponent(id)}`, state)}">${TEXT.linePage[lang]}</a></p>`;
}
