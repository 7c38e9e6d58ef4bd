import { HIGHER_LEVELS } from '@app/budgeting';
import type { FieldDef, FormDef, Text } from './form-def';

/**
 * The finance office's decisions on a line's money past the allocation: a carry-over's
 * deadline extended, approved expenditures kept past it, money returned to the level it
 * came from (hoàn trả), part of an estimate cancelled (hủy dự toán). Each posts to the
 * API route of the same write (line-forms.controller.ts).
 */

const EFFECTIVE: FieldDef = {
  name: 'effectiveDate',
  kind: 'date',
  label: { vi: 'Ngày hiệu lực', en: 'Effective date' },
  required: true,
};

const DECISION_EXAMPLE: Text = {
  vi: 'số văn bản như đã ký, ví dụ 15/QĐ-UBND',
  en: 'the number as signed, e.g. 15/QĐ-UBND',
};

/**
 * A decision cited by number, date and issuer (the API's nested `decision`). A refusal of
 * `decision.*` is shown beside the number (DECISION_FIELD_ALIAS).
 */
const DECISION_CITATION: readonly FieldDef[] = [
  {
    name: 'decisionNumber',
    api: 'decision.number',
    kind: 'text',
    label: { vi: 'Quyết định', en: 'Decision' },
    hint: DECISION_EXAMPLE,
    required: true,
    maxLength: 100,
  },
  {
    name: 'decisionIssuedOn',
    api: 'decision.issuedOn',
    kind: 'date',
    label: { vi: 'Ngày ban hành quyết định', en: 'Decision issued on' },
    required: true,
  },
  {
    name: 'decisionIssuer',
    api: 'decision.issuer',
    kind: 'text',
    label: { vi: 'Cơ quan ban hành', en: 'Issued by' },
    hint: { vi: 'ví dụ UBND huyện Ba Tơ', en: 'e.g. UBND huyện Ba Tơ' },
    required: true,
    maxLength: 300,
  },
];

/** The API's nested decision (its refusals name `decision.number`…) → the form's field. */
export const DECISION_FIELD_ALIAS: Readonly<Record<string, string>> = {
  decision: 'decisionNumber',
};

const REASON: FieldDef = {
  name: 'reason',
  kind: 'textarea',
  label: { vi: 'Lý do', en: 'Reason' },
  required: true,
};

const AMOUNT: FieldDef = {
  name: 'amount',
  kind: 'amount',
  label: { vi: 'Số tiền', en: 'Amount' },
  required: true,
};

/** Gia hạn kinh phí chuyển nguồn: one decision extends the deadline of the lines it names. */
export const EXTEND_CARRY_OVER: FormDef = {
  id: 'extend',
  title: {
    vi: 'Gia hạn kinh phí chuyển nguồn',
    en: 'Extend the deadline of carried-over money',
  },
  submit: { vi: 'Ghi gia hạn', en: 'Record the extension' },
  fields: [
    {
      name: 'lines',
      kind: 'list',
      label: {
        vi: 'Các dòng chuyển nguồn (mỗi dòng một mã)',
        en: 'Carried-over lines (one id a line)',
      },
      hint: {
        vi: 'ví dụ 2024.DA6.TDA2.district.2023.LDTBXH',
        en: 'e.g. 2024.DA6.TDA2.district.2023.LDTBXH',
      },
      required: true,
    },
    {
      name: 'decision',
      kind: 'text',
      label: { vi: 'Quyết định gia hạn', en: 'Extending decision' },
      hint: { vi: 'ví dụ 111/2024/QH15', en: 'e.g. 111/2024/QH15' },
      required: true,
      maxLength: 100,
    },
    {
      name: 'decisionIssuedOn',
      kind: 'date',
      label: { vi: 'Ngày ban hành quyết định', en: 'Decision issued on' },
      required: true,
    },
    {
      name: 'issuer',
      kind: 'text',
      label: { vi: 'Cơ quan ban hành', en: 'Issued by' },
      hint: {
        vi: 'để trống: theo số hiệu (QH15, UBND)',
        en: 'empty: as the number says (QH15, UBND)',
      },
      maxLength: 200,
    },
    {
      name: 'deadline',
      kind: 'date',
      label: { vi: 'Hạn chi mới', en: 'New deadline' },
      required: true,
    },
    EFFECTIVE,
    {
      name: 'coversLapsed',
      kind: 'select',
      label: {
        vi: 'Cho dùng lại số đã hết hạn',
        en: 'Money that already lapsed may be used again',
      },
      hint: {
        vi: 'cần khi ghi sau hạn cũ',
        en: 'needed when recorded after the old deadline',
      },
      choices: [
        { value: 'no', label: { vi: 'Không', en: 'No' } },
        { value: 'yes', label: { vi: 'Có', en: 'Yes' } },
      ],
    },
  ],
  fieldOf: {
    'BUDGET.LINE_NOT_FOUND': 'lines',
    'BUDGET.NOT_A_CARRY_OVER_LINE': 'lines',
    'BUDGET.NO_CARRY_OVER_DEADLINE': 'lines',
    'BUDGET.DEADLINE_NOT_LATER': 'deadline',
    'BUDGET.CARRY_OVER_DEADLINE_CONFLICT': 'deadline',
    'BUDGET.DECISION_AFTER_EFFECTIVE_DATE': 'decisionIssuedOn',
    'BUDGET.CARRY_OVER_ALREADY_LAPSED': 'coversLapsed',
    'DOCUMENT.NOT_REGISTERED': 'decision',
    'DOCUMENT.NOT_AN_EXTENSION_DECISION': 'decision',
    'DOCUMENT.ISSUED_AFTER': 'decision',
    'DOCUMENT.ISSUED_ON_MISMATCH': 'decisionIssuedOn',
  },
};

/** Giữ lại: a decision keeps approved, unpaid expenditures payable past the deadline. */
export const RETAIN_COMMITMENTS: FormDef = {
  id: 'retain',
  title: {
    vi: 'Giữ lại khoản chi đã duyệt quá hạn chuyển nguồn',
    en: 'Keep approved expenditures past the deadline',
  },
  submit: { vi: 'Ghi giữ lại', en: 'Record the retention' },
  fields: [
    ...DECISION_CITATION,
    {
      name: 'expenditureIds',
      kind: 'list',
      label: {
        vi: 'Các khoản chi được giữ lại (mỗi dòng một mã)',
        en: 'Expenditures kept (one id a line)',
      },
      hint: {
        vi: 'đã điền sẵn các khoản đã duyệt chưa chi của dòng; xóa khoản không giữ',
        en: "filled with the line's approved, unpaid expenditures; delete those not kept",
      },
      required: true,
    },
    {
      name: 'until',
      kind: 'date',
      label: { vi: 'Được chi đến ngày', en: 'Payable until' },
      hint: { vi: 'sau hạn chuyển nguồn', en: "after the carry-over's deadline" },
      required: true,
    },
    EFFECTIVE,
  ],
  fieldOf: {
    'BUDGET.RETENTION_NOT_AFTER_DEADLINE': 'until',
    'BUDGET.EXPENDITURE_NOT_RETAINABLE': 'expenditureIds',
    'BUDGET.DECISION_AFTER_EFFECTIVE_DATE': 'decisionIssuedOn',
  },
};

const LEVEL_NAMES: Record<(typeof HIGHER_LEVELS)[number], Text> = {
  central: { vi: 'Ngân sách trung ương', en: 'Central budget' },
  provincial: { vi: 'Ngân sách tỉnh', en: 'Provincial budget' },
};

/** Hoàn trả: lapsed or unspent money of a higher level's funds given back to it. */
export const RETURN_FUNDS: FormDef = {
  id: 'return',
  title: { vi: 'Hoàn trả kinh phí cho ngân sách cấp trên', en: 'Return funds to a higher level' },
  submit: { vi: 'Ghi hoàn trả', en: 'Record the return' },
  fields: [
    AMOUNT,
    {
      name: 'source',
      kind: 'select',
      label: { vi: 'Nguồn hoàn trả', en: 'What is returned' },
      required: true,
      choices: [
        {
          value: 'unspent',
          label: { vi: 'Kinh phí không sử dụng hết cuối năm', en: "Unspent at the year's end" },
        },
        {
          value: 'lapsed',
          label: { vi: 'Kinh phí chuyển nguồn đã hết hạn', en: 'Carried-over money that lapsed' },
        },
      ],
    },
    {
      name: 'toLevel',
      kind: 'select',
      label: { vi: 'Hoàn trả về', en: 'Returned to' },
      required: true,
      choices: HIGHER_LEVELS.map((level) => ({ value: level, label: LEVEL_NAMES[level] })),
    },
    ...DECISION_CITATION,
    REASON,
    EFFECTIVE,
  ],
  fieldOf: {
    'BUDGET.LINE_OVERDRAWN': 'amount',
    'BUDGET.LINE_OVERDRAWN_ON_DATE': 'amount',
    'BUDGET.RETURN_EXCEEDS_LAPSED': 'amount',
    'BUDGET.RETURN_BEFORE_YEAR_END': 'effectiveDate',
    'BUDGET.RETURN_LEVEL_INVALID': 'toLevel',
    'BUDGET.RETURN_NOT_FROM_HIGHER_LEVEL': 'toLevel',
    'BUDGET.DECISION_AFTER_EFFECTIVE_DATE': 'decisionIssuedOn',
  },
};

/** Hủy dự toán: part of a line's estimate cancelled by a decision. */
export const CANCEL_FUNDS: FormDef = {
  id: 'cancel',
  title: { vi: 'Hủy dự toán', en: 'Cancel funds' },
  submit: { vi: 'Ghi hủy dự toán', en: 'Record the cancellation' },
  fields: [
    AMOUNT,
    {
      name: 'decision',
      kind: 'text',
      label: { vi: 'Quyết định hủy dự toán', en: 'Cancelling decision' },
      hint: DECISION_EXAMPLE,
      required: true,
      maxLength: 100,
    },
    REASON,
    EFFECTIVE,
  ],
  fieldOf: {
    'BUDGET.LINE_OVERDRAWN': 'amount',
    'BUDGET.LINE_OVERDRAWN_ON_DATE': 'amount',
    'DOCUMENT.NOT_REGISTERED': 'decision',
    'DOCUMENT.NOT_A_CANCELLATION_DECISION': 'decision',
    'DOCUMENT.ISSUED_AFTER': 'decision',
  },
};
