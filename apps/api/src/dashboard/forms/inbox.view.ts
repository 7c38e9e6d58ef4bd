import { CAPACITY_LABELS, type ExpenditureStatus } from '@app/budgeting';
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
  decide_transfer: {
    vi: 'Đề nghị điều chuyển chờ bạn quyết định',
    en: 'A transfer awaits your decision',
  },
  decide_plan: { vi: 'Kế hoạch chờ bạn phê duyệt', en: 'A plan awaits your approval' },
  own: { vi: 'Đề xuất của bạn', en: 'Your proposal' },
};

/** Statuses of what is not an expenditure: a transfer requested, a plan submitted. */
const OTHER_STATUSES: Readonly<Record<string, { vi: string; en: string }>> = {
  requested: { vi: 'Đã đề nghị', en: 'Requested' },
  submitted: { vi: 'Đã trình', en: 'Submitted' },
};

function statusOf(item: InboxItem, lang: Lang): string {
  if (item.kind === 'expenditure') return statusName(item.status as ExpenditureStatus, lang);
  return OTHER_STATUSES[item.status]?.[lang] ?? item.status;
}

const T = {
  title: { vi: 'Việc cần làm', en: 'Inbox' },
  empty: { vi: 'Không có việc nào chờ bạn.', en: 'Nothing waits for you.' },
  why: { vi: 'Việc', en: 'Why' },
  status: { vi: 'Trạng thái', en: 'Status' },
  amount: { vi: 'Số tiền (đồng)', en: 'Amount (đồng)' },
  description: { vi: 'Nội dung', en: 'Description' },
  line: { vi: 'Dòng ngân sách / đơn vị', en: 'Budget line / unit' },
  proposedOn: { vi: 'Ngày đề xuất / trình', en: 'Asked on' },
  open: { vi: 'Mở', en: 'Open' },
} as const;

function t(lang: Lang, key: keyof typeof T): string {
  return T[key][lang];
}

/** The user's inbox: one row per item, why it is here, a link to act on it. */
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
                (item) =>
                  html`<tr data-reason="${item.reason}" data-${item.kind}="${item.subject}">
                    <td>
                      <a href="${href(item.path, state)}">${REASONS[item.reason][lang]}</a>
                    </td>
                    <td>${statusOf(item, lang)}</td>
                    <td class="num">${item.amount === null ? '—' : money(item.amount, lang)}</td>
                    <td>${item.what}</td>
                    <td>${item.where}</td>
                    <td>${item.on ? date(item.on, lang) : '—'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }`;
}
