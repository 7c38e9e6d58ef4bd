import { EXPENDITURE_CATEGORIES, type ExpenditureCategory } from '@app/budgeting';
import { html, type SafeHtml } from '../html';
import { money, type Lang } from '../format';
import type { ActivityChoice, LineChoice } from './form-reads';
import {
  collectFieldErrors,
  FieldErrors,
  parseAmount,
  parseDate,
  requiredMessage,
  type FormFields,
} from './form-infra';
import {
  amountField,
  dateField,
  formShell,
  selectField,
  textArea,
  textField,
  type FormContext,
} from './form-view';

export const CATEGORY_NAMES: Record<ExpenditureCategory, { vi: string; en: string }> = {
  travel_allowance: { vi: 'Công tác phí', en: 'Travel allowance' },
  training: { vi: 'Tập huấn, đào tạo', en: 'Training' },
  communication: { vi: 'Truyền thông', en: 'Communication' },
  printing: { vi: 'In ấn tài liệu', en: 'Printing' },
  meeting: { vi: 'Hội nghị, hội họp', en: 'Meeting' },
  survey: { vi: 'Điều tra, khảo sát', en: 'Survey' },
  study_tour: { vi: 'Học tập kinh nghiệm', en: 'Study tour' },
  other: { vi: 'Khác', en: 'Other' },
};

const T = {
  title: { vi: 'Đề xuất khoản chi', en: 'Propose an expenditure' },
  submit: { vi: 'Gửi đề xuất', en: 'Submit the proposal' },
  line: { vi: 'Dòng ngân sách', en: 'Budget line' },
  lineHint: {
    vi: 'Số trong ngoặc là số còn được cam kết hôm nay',
    en: 'The figure is what can still be committed today',
  },
  left: { vi: 'còn', en: 'available' },
  category: { vi: 'Loại chi', en: 'Category' },
  kind: { vi: 'Hình thức', en: 'Kind' },
  payment: { vi: 'Thanh toán', en: 'Payment' },
  advance: {
    vi: 'Tạm ứng (quyết toán sau bằng chứng từ)',
    en: 'Advance (settled later by vouchers)',
  },
  amount: { vi: 'Số tiền', en: 'Amount' },
  effectiveDate: { vi: 'Ngày đề xuất', en: 'Date of the proposal' },
  description: { vi: 'Nội dung chi', en: 'Description' },
  payee: { vi: 'Người nhận tiền', en: 'Payee' },
  voucher: { vi: 'Số chứng từ', en: 'Voucher number' },
  activity: { vi: 'Hoạt động của kế hoạch', en: 'Plan activity' },
  activityHint: {
    vi: 'Bắt buộc khi kế hoạch của đơn vị đã được phê duyệt; số trong ngoặc là số còn lại của hoạt động',
    en: "Required once the unit's plan is approved; the figure is what the activity has left",
  },
  noCap: { vi: 'không giới hạn', en: 'no cap' },
  economicCode: { vi: 'Tiểu mục (mục lục NSNN)', en: 'Economic code (tiểu mục)' },
  norms: {
    vi: 'Định mức chi (công tác phí, hội nghị, tập huấn)',
    en: 'Spending norms (travel, meetings, training)',
  },
  normFrom: { vi: 'Từ ngày', en: 'From' },
  normTo: { vi: 'Đến ngày', en: 'To' },
  normKind: { vi: 'Khoản theo định mức', en: 'Normed item' },
  normKindHint: {
    vi: 'ví dụ per_diem, lodging, transport',
    en: 'e.g. per_diem, lodging, transport',
  },
  normAmount: { vi: 'Số tiền khoản', en: 'Item amount' },
  persons: { vi: 'Số người', en: 'Persons' },
  days: { vi: 'Số ngày', en: 'Days' },
  nights: { vi: 'Số đêm', en: 'Nights' },
  km: { vi: 'Số km', en: 'Km' },
  quantity: { vi: 'Số nguyên dương', en: 'A positive whole number' },
} as const;

const NORM_ROWS = [1, 2] as const;
const QUANTITIES = ['persons', 'days', 'nights', 'km'] as const;

/** The form's own field names: the API's, plus the norm rows flattened. */
export const PROPOSE_FIELDS = [
  'budgetLineId',
  'category',
  'kind',
  'amount',
  'effectiveDate',
  'description',
  'payee',
  'voucher',
  'activity',
  'economicCode',
  'normFrom',
  'normTo',
] as const;

/** Refusals the API gives without a field, and the field they are about. */
export const PROPOSE_FIELD_OF: Record<string, string> = {
  'BUDGET.LINE_OVERDRAWN': 'amount',
  'VALIDATION.AMOUNT_TOO_LARGE': 'amount',
  'PLAN.ACTIVITY_REQUIRED': 'activity',
  'PLAN.ACTIVITY_PART_MISMATCH': 'activity',
  'PLAN.ACTIVITY_CAP_EXCEEDED': 'activity',
  'BUDGET.LINE_NOT_FOUND': 'budgetLineId',
};

function t(lang: Lang, key: keyof typeof T): string {
  return T[key][lang];
}

function required(fields: FormFields, name: string, lang: Lang): string {
  const value = (fields[name] ?? '').trim();
  if (!value) throw new FieldErrors([{ field: name, message: requiredMessage(lang) }]);
  return value;
}

function quantity(text: string, field: string, lang: Lang): number | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  if (!/^[1-9]\d{0,5}$/.test(value)) throw new FieldErrors([{ field, message: T.quantity[lang] }]);
  return Number(value);
}

/**
 * The fields as the API's ProposeExpenditureDto: amounts exact (parseMoney) and sent as
 * decimal strings, dates ISO. Optional fields left empty are left out, not sent empty.
 */
export function proposeBody(fields: FormFields, lang: Lang): Record<string, unknown> {
  return collectFieldErrors((attempt) => {
    const body: Record<string, unknown> = {
      budgetLineId: attempt(() => required(fields, 'budgetLineId', lang)),
      category: attempt(() => required(fields, 'category', lang)),
      amount: attempt(() => parseAmount(fields.amount ?? '', 'amount', lang).toString()),
      effectiveDate: attempt(() => parseDate(fields.effectiveDate ?? '', 'effectiveDate', lang)),
      description: attempt(() => required(fields, 'description', lang)),
      payee: attempt(() => required(fields, 'payee', lang)),
    };
    for (const name of ['voucher', 'activity', 'economicCode'] as const) {
      const value = (fields[name] ?? '').trim();
      if (value) body[name] = value;
    }
    if (fields.kind === 'advance') body.kind = 'advance';
    const normClaim = attempt(() => normClaimOf(fields, lang));
    if (normClaim) body.normClaim = normClaim;
    return body;
  });
}

function normClaimOf(fields: FormFields, lang: Lang): Record<string, unknown> | undefined {
  const rows = NORM_ROWS.filter((n) => (fields[`norm${n}Kind`] ?? '').trim() !== '');
  if (rows.length === 0 && !fields.normFrom?.trim() && !fields.normTo?.trim()) return undefined;
  return collectFieldErrors((attempt) => ({
    period: {
      from: attempt(() => parseDate(fields.normFrom ?? '', 'normFrom', lang)),
      to: attempt(() => parseDate(fields.normTo ?? '', 'normTo', lang)),
    },
    items: rows.map((n) => {
      const item: Record<string, unknown> = {
        kind: (fields[`norm${n}Kind`] ?? '').trim(),
        amount: attempt(() =>
          parseAmount(fields[`norm${n}Amount`] ?? '', `norm${n}Amount`, lang).toString(),
        ),
      };
      for (const q of QUANTITIES) {
        const value = attempt(() => quantity(fields[`norm${n}${q}`] ?? '', `norm${n}${q}`, lang));
        if (value !== undefined) item[q] = value;
      }
      return item;
    }),
  }));
}

function lineLabel(line: LineChoice, lang: Lang): string {
  return `${line.id} (${t(lang, 'left')} ${money(line.available, lang)} đồng)`;
}

function activityLabel(a: ActivityChoice, lang: Lang): string {
  const left =
    a.remaining === null ? t(lang, 'noCap') : `${t(lang, 'left')} ${money(a.remaining, lang)} đồng`;
  return `${a.programPart} — ${a.name} (${left})`;
}

function normRows(ctx: FormContext): SafeHtml {
  const lang = ctx.lang;
  return html`<fieldset class="norms">
    <legend>${t(lang, 'norms')}</legend>
    ${dateField(ctx, { name: 'normFrom', label: t(lang, 'normFrom') })}
    ${dateField(ctx, { name: 'normTo', label: t(lang, 'normTo') })}
    ${NORM_ROWS.map(
      (n) =>
        html`<div class="norm-row">
          ${textField(ctx, {
            name: `norm${n}Kind`,
            label: `${t(lang, 'normKind')} ${n}`,
            hint: t(lang, 'normKindHint'),
            maxLength: 100,
          })}
          ${amountField(ctx, { name: `norm${n}Amount`, label: `${t(lang, 'normAmount')} ${n}` })}
          ${QUANTITIES.map((q) =>
            textField(ctx, { name: `norm${n}${q}`, label: `${t(lang, q)} ${n}`, maxLength: 6 }),
          )}
        </div>`,
    )}
  </fieldset>`;
}

export function proposeForm(input: {
  readonly ctx: FormContext;
  readonly action: string;
  readonly csrf: string;
  readonly key: string;
  readonly lines: readonly LineChoice[];
  readonly activities: readonly ActivityChoice[];
  readonly topErrors?: readonly string[];
}): SafeHtml {
  const { ctx } = input;
  const lang = ctx.lang;
  return formShell({
    ctx,
    action: input.action,
    csrf: input.csrf,
    key: input.key,
    title: t(lang, 'title'),
    submit: t(lang, 'submit'),
    testId: 'propose-form',
    ...(input.topErrors ? { topErrors: input.topErrors } : {}),
    fields: html`${selectField(ctx, {
      name: 'budgetLineId',
      label: t(lang, 'line'),
      hint: t(lang, 'lineHint'),
      required: true,
      choices: input.lines.map((l) => ({ value: l.id, label: lineLabel(l, lang) })),
    })}
    ${selectField(ctx, {
      name: 'category',
      label: t(lang, 'category'),
      required: true,
      choices: EXPENDITURE_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_NAMES[c][lang] })),
    })}
    ${selectField(ctx, {
      name: 'kind',
      label: t(lang, 'kind'),
      empty: false,
      choices: [
        { value: 'payment', label: t(lang, 'payment') },
        { value: 'advance', label: t(lang, 'advance') },
      ],
    })}
    ${amountField(ctx, { name: 'amount', label: t(lang, 'amount'), required: true })}
    ${dateField(ctx, { name: 'effectiveDate', label: t(lang, 'effectiveDate'), required: true })}
    ${textArea(ctx, { name: 'description', label: t(lang, 'description'), required: true })}
    ${textField(ctx, { name: 'payee', label: t(lang, 'payee'), required: true })}
    ${textField(ctx, { name: 'voucher', label: t(lang, 'voucher'), maxLength: 100 })}
    ${selectField(ctx, {
      name: 'activity',
      label: t(lang, 'activity'),
      hint: t(lang, 'activityHint'),
      choices: input.activities.map((a) => ({ value: a.id, label: activityLabel(a, lang) })),
    })}
    ${textField(ctx, { name: 'economicCode', label: t(lang, 'economicCode'), maxLength: 4 })}
    ${normRows(ctx)}`,
  });
}
