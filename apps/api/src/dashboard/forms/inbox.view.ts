import { CAPACITY_LABELS } from '@app/budgeting';
import { html, type SafeHtml } from '../html';
import { date, money, type Lang } from '../format';
import { href, type PageState } from '../page-state';
import { statusName } from './expenditure.view';
import type { InboxItem, InboxReason } from './inbox';

const REASONS: Record<InboxReason, { vi: string; en: string }> = {
  approve: { vi: 'Chờ bạn phê duyệt', en: 'Awaits your approval' },
  sign_account_holder: {
    vi: `Chờ bạn ký (${CAPACITY_LABELS.account_holder.vi})`,
    en: `Awaits your signature (${CAPACITY_LABELS.account_holder.en})`,
  },
  sign_chief_accountant: {
    vi: `Chờ bạn ký (${CAPACITY_LABELS.chief_accountant.vi})`,
    en: `Awaits your signature (${CAPACITY_LABELS.chief_accountant.en})`,
  },
  pay: { vi: 'Đã phê duyệt, chưa chi', en: 'Approved, not yet paid' },
  at_treasury: { vi: 'Đang chờ Kho bạc trả lời', en: "Awaiting the Treasury's answer" },
  treasury_refused: {
    vi: 'Kho bạc từ chối: sửa và gửi lại',
    en: 'Refused by the Treasury: correct and resend',
  },
  own: { vi: 'Đề xuất của bạn', en: 'Your proposal' },
};

const T = {
  title: { vi: 'Việc cần làm', en: 'Inbox' },
  empty: { vi: 'Không có việc nào chờ bạn.', en: 'Nothing waits for you.' },
  why: { vi: 'Việc', en: 'Why' },
  status: { vi: 'Trạng thái', en: 'Status' },
  amount: { vi: 'Số tiền (đồng)', en: 'Amount (đồng)' },
  description: { vi: 'Nội dung', en: 'Description' },
  line: { vi: 'Dòng ngân sách', en: 'Budget line' },
  proposedOn: { vi: 'Ngày đề xuất', en: 'Proposed on' },
  open: { vi: 'Mở', en: 'Open' },
} as const;

function t(lang: Lang, key: keyof typeof T): string {
  return T[key][lang];
}

/** The user's inbox: one row per expenditure, why it is here, a link to act on it. */
export function inboxBody(items: readonly InboxItem[], state: PageState): SafeHtml {
  const lang = state.lang;
  return html`<h1>${t(lang, 'title')}</h1>
    ${
      items.length === 0
        ? html`<p data-testid="inbox-empty">${t(lang, 'empty')}</p>`
        : html`<table class="data" data-testid="inbox">
            <thead>
              <tr>
                <th scope="col">${t(lang, 'why')}</th>
                <th scope="col">${t(lang, 'status')}</th>
                <th scope="col" class="num">${t(lang, 'amount')}</th>
                <th scope="col">${t(lang, 'description')}</th>
                <th scope="col">${t(lang, 'line')}</th>
                <th scope="col">${t(lang, 'proposedOn')}</th>
              </tr>
            </thead>
            <tbody>
              ${items.map(
                ({ reason, expenditure: e }) =>
                  html`<tr data-reason="${reason}" data-expenditure="${e.id}">
                    <td>
                      <a href="${href(`/expenditures/${e.id}`, state)}">${REASONS[reason][lang]}</a>
                    </td>
                    <td>${statusName(e.state.status, lang)}</td>
                    <td class="num">${money(e.state.amount, lang)}</td>
                    <td>${e.description}</td>
                    <td>${e.lineId}</td>
                    <td>${e.proposedOn ? date(e.proposedOn, lang) : '—'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }`;
}
