import type { FieldDef, FormDef } from './form-def';

const DECISION_DATE: FieldDef = {
  name: 'effectiveDate',
  kind: 'date',
  label: { vi: 'Ngày quyết định', en: 'Date of the decision' },
  hint: {
    vi: 'ngày/tháng/năm; để trống: ngày của đề nghị',
    en: 'day/month/year; empty: the date of the request',
  },
};

/**
 * Điều chuyển (between two lines) or chuyển nguồn (money of an earlier year carried in).
 * The line pickers are filled per visitor (the lines they may see), hence a function.
 */
export function requestTransferDef(lines: readonly { value: string; label: string }[]): FormDef {
  const choices = lines.map((l) => ({ value: l.value, label: { vi: l.label, en: l.label } }));
  return {
    id: 'transfer',
    title: { vi: 'Đề nghị điều chuyển, chuyển nguồn', en: 'Request a transfer or carry-over' },
    submit: { vi: 'Gửi đề nghị', en: 'Submit the request' },
    fields: [
      {
        name: 'kind',
        kind: 'select',
        label: { vi: 'Loại', en: 'Kind' },
        required: true,
        choices: [
          { value: 'reallocation', label: { vi: 'Điều chuyển dự toán', en: 'Reallocation' } },
          { value: 'carry_over', label: { vi: 'Chuyển nguồn', en: 'Carry-over' } },
        ],
      },
      {
        name: 'fromLine',
        kind: 'select',
        label: { vi: 'Từ dòng ngân sách', en: 'From budget line' },
        hint: {
          vi: 'để trống khi chuyển nguồn từ năm sổ không giữ',
          en: 'empty for a carry-over from a year this ledger does not hold',
        },
        choices,
      },
      {
        name: 'toLine',
        kind: 'select',
        label: { vi: 'Đến dòng ngân sách', en: 'To budget line' },
        required: true,
        choices,
      },
      { name: 'amount', kind: 'amount', label: { vi: 'Số tiền', en: 'Amount' }, required: true },
      {
        name: 'decision',
        kind: 'text',
        label: { vi: 'Quyết định', en: 'Decision' },
        hint: { vi: 'ví dụ 699/QĐ-UBND', en: 'e.g. 699/QĐ-UBND' },
        required: true,
        maxLength: 100,
      },
      {
        name: 'effectiveDate',
        kind: 'date',
        label: { vi: 'Ngày hiệu lực', en: 'Effective date' },
        required: true,
      },
      {
        name: 'deadline',
        kind: 'date',
        label: { vi: 'Hạn chi (chuyển nguồn)', en: 'Deadline (carry-over)' },
        hint: {
          vi: 'theo quyết định; để trống: 31/12 của năm nhận',
          en: 'as the decision states; empty: 31/12 of the receiving year',
        },
      },
      {
        name: 'permittedBy',
        kind: 'text',
        label: { vi: 'Văn bản cho phép (nếu cần)', en: 'Permitting document (if needed)' },
        maxLength: 100,
      },
    ],
    fieldOf: {
      'BUDGET.LINE_OVERDRAWN': 'amount',
      'BUDGET.LINE_NOT_FOUND': 'fromLine',
      'TRANSFER.SAME_LINE': 'toLine',
      'TRANSFER.SOURCE_REQUIRED': 'fromLine',
      'TRANSFER.ACROSS_FUND_SOURCES': 'permittedBy',
      'TRANSFER.ACROSS_YEARS': 'toLine',
      'TRANSFER.ACROSS_CARRY_OVER': 'toLine',
      'TRANSFER.NOT_A_CARRY_OVER': 'toLine',
      'TRANSFER.SECOND_CARRY_OVER_NOT_PERMITTED': 'permittedBy',
      'TRANSFER.DEADLINE_BEFORE_CARRY_OVER': 'deadline',
      'TRANSFER.DEADLINE_ONLY_FOR_CARRY_OVER': 'deadline',
      'TRANSFER.AFTER_REALLOCATION_DEADLINE': 'effectiveDate',
    },
  };
}

export const APPROVE_TRANSFER: FormDef = {
  id: 'transfer-approve',
  title: { vi: 'Phê duyệt', en: 'Approve' },
  submit: { vi: 'Phê duyệt', en: 'Approve' },
  fields: [DECISION_DATE],
};

export const REJECT_TRANSFER: FormDef = {
  id: 'transfer-reject',
  title: { vi: 'Từ chối', en: 'Reject' },
  submit: { vi: 'Từ chối', en: 'Reject' },
  fields: [
    { name: 'reason', kind: 'textarea', label: { vi: 'Lý do', en: 'Reason' }, required: true },
    DECISION_DATE,
  ],
};
