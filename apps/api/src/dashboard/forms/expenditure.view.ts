import { CAPACITY_LABELS, type Actor, type ExpenditureStatus } from '@app/budgeting';
import { html, type SafeHtml } from '../html';
import { date, money, type Lang } from '../format';
import { href, type PageState } from '../page-state';
import { EXPENDITURE_ACTIONS, type ExpenditureAction } from './expenditure-actions';
import type { ExpenditureView } from './expenditure-reads';
import { renderForm } from './form-def';
import { newFormKey, type FieldError, type FormFields } from './form-infra';
import { CATEGORY_NAMES } from './propose.form';

export const STATUS_NAMES: Record<ExpenditureStatus, { vi: string; en: string }> = {
  proposed: { vi: 'Chờ phê duyệt', en: 'Awaiting approval' },
  approved: { vi: 'Đã phê duyệt, chưa chi', en: 'Approved, not yet paid' },
  rejected: { vi: 'Bị từ chối', en: 'Rejected' },
  disbursed: { vi: 'Đã chi', en: 'Paid' },
  reversed: { vi: 'Đã đảo bút toán', en: 'Reversed' },
  lapsed: { vi: 'Hết hạn, tiền bị hủy', en: 'Lapsed' },
  sent: { vi: 'Đang ở Kho bạc', en: 'At the Treasury' },
  refused: { vi: 'Kho bạc từ chối, đã dừng', en: 'Refused by the Treasury, ended' },
};

const T = {
  title: { vi: 'Khoản chi', en: 'Expenditure' },
  line: { vi: 'Dòng ngân sách', en: 'Budget line' },
  status: { vi: 'Trạng thái', en: 'Status' },
  amount: { vi: 'Số tiền', en: 'Amount' },
  category: { vi: 'Loại chi', en: 'Category' },
  description: { vi: 'Nội dung', en: 'Description' },
  payee: { vi: 'Người nhận', en: 'Payee' },
  proposedOn: { vi: 'Ngày đề xuất', en: 'Proposed on' },
  advance: { vi: 'Tạm ứng', en: 'Advance' },
  signatures: { vi: 'Chữ ký', en: 'Signatures' },
  none: { vi: 'Chưa có', en: 'None yet' },
  treasury: { vi: 'Kho bạc', en: 'Treasury' },
  atTreasury: { vi: 'Hồ sơ đang chờ Kho bạc', en: 'Dossier awaiting the Treasury' },
  refusedKept: { vi: 'Kho bạc từ chối, giữ cam kết để gửi lại', en: 'Refused, kept to resend' },
  actions: { vi: 'Thao tác', en: 'Actions' },
  noAction: {
    vi: 'Không có thao tác nào bạn có thể làm với khoản chi này lúc này.',
    en: 'There is nothing you can do with this expenditure now.',
  },
  history: { vi: 'Xem lịch sử của dòng', en: "See the line's history" },
} as const;

/**
 * The forms offered to this user for this expenditure now: the action's status, the
 * policy's roles (the API route's @Allow), one approval path or the other by whether the
 * unit registered signatories. The API decides the rest (scope, delegation, dates).
 */
export function offeredActions(actor: Actor, e: ExpenditureView): ExpenditureAction[] {
  const twoSignatures = e.signatories.length > 0;
  return EXPENDITURE_ACTIONS.filter(
    (a) =>
      a.when.includes(e.state.status) &&
      a.policy.roles.includes(actor.role) &&
      (!a.advanceOnly || e.isAdvance) &&
      (a.route !== 'approve' || !twoSignatures) &&
      (a.route !== 'sign' || twoSignatures),
  );
}

/** A refused action's form, shown again with what was typed and why. */
export interface RefusedAction {
  readonly route: string;
  readonly values: FormFields;
  readonly errors: readonly FieldError[];
  readonly top: readonly string[];
}

function summary(e: ExpenditureView, state: PageState): SafeHtml {
  const lang = state.lang;
  const s = e.state;
  return html`<dl class="summary" data-testid="expenditure-summary">
    <dt>${T.status[lang]}</dt>
    <dd data-testid="expenditure-status">${STATUS_NAMES[s.status][lang]}</dd>
    <dt>${T.line[lang]}</dt>
    <dd><a href="${href(`/lines/${encodeURIComponent(e.lineId)}`, state)}">${e.lineId}</a></dd>
    <dt>${T.amount[lang]}</dt>
    <dd>${money(s.amount, lang)} đồng${e.isAdvance ? html` (${T.advance[lang]})` : ''}</dd>
    <dt>${T.category[lang]}</dt>
    <dd>${CATEGORY_NAMES[s.category][lang]}</dd>
    <dt>${T.description[lang]}</dt>
    <dd>${e.description}</dd>
    <dt>${T.payee[lang]}</dt>
    <dd>${e.payee}</dd>
    <dt>${T.proposedOn[lang]}</dt>
    <dd>${e.proposedOn ? date(e.proposedOn, lang) : '—'}</dd>
    <dt>${T.signatures[lang]}</dt>
    <dd>
      ${
        s.signatures.length === 0
          ? T.none[lang]
          : html`<ul>
              ${s.signatures.map(
                (g) => html`<li>${CAPACITY_LABELS[g.capacity][lang]}: ${g.name} (${g.title})</li>`,
              )}
            </ul>`
      }
    </dd>
    ${
      s.atTreasury || s.treasuryAnswer
        ? html`<dt>${T.treasury[lang]}</dt>
            <dd>
              ${s.atTreasury ? html`${T.atTreasury[lang]} ${s.atTreasury.dossier} (${date(s.atTreasury.sentOn, lang)})` : ''}
              ${s.treasuryAnswer?.outcome === 'refused_kept' ? T.refusedKept[lang] : ''}
            </dd>`
        : ''
    }
  </dl>`;
}

export function expenditureBody(input: {
  readonly actor: Actor;
  readonly state: PageState;
  readonly e: ExpenditureView;
  readonly csrf: string;
  readonly refused?: RefusedAction;
}): SafeHtml {
  const { state, e } = input;
  const lang = state.lang;
  const actions = offeredActions(input.actor, e);
  return html`<h1>${T.title[lang]} ${money(e.state.amount, lang)} đồng</h1>
    ${summary(e, state)}
    <h2>${T.actions[lang]}</h2>
    ${actions.length === 0 ? html`<p data-testid="no-action">${T.noAction[lang]}</p>` : ''}
    ${actions.map((a) => {
      const refused = input.refused?.route === a.route ? input.refused : undefined;
      return renderForm({
        def: a.def,
        ctx: { lang, values: refused?.values ?? {}, errors: refused?.errors ?? [] },
        action: href(`/expenditures/${e.id}/${a.route}`, state),
        csrf: input.csrf,
        key: newFormKey(),
        level: 2,
        ...(refused ? { topErrors: refused.top } : {}),
      });
    })}`;
}

export function statusName(status: ExpenditureStatus, lang: Lang): string {
  return STATUS_NAMES[status][lang];
}
