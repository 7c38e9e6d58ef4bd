import {
  ADVANCE_POLICIES,
  BUDGET_LINE_POLICIES,
  CAPACITY_LABELS,
  SIGNING_CAPACITIES,
  type ExpenditureStatus,
  type Policy,
} from '@app/budgeting';
import type { FieldDef, FormDef, Text } from './form-def';

/** What one action on an expenditure is: its form, its API route, its policy, when offered. */
export interface ExpenditureAction {
  readonly def: FormDef;
  /** The API route's last segment: POST /api/v1/expenditures/<id>/<route>. */
  readonly route: string;
  /** The policy the API route carries (@Allow): only its roles are offered the form. */
  readonly policy: Policy;
  /** The statuses in which the form is offered (the API still decides). */
  readonly when: readonly ExpenditureStatus[];
  /** Offered only for advances (tạm ứng). */
  readonly advanceOnly?: boolean;
}

const LEGAL_BASIS: FieldDef = {
  name: 'legalBasis',
  kind: 'list',
  label: { vi: 'Căn cứ pháp lý (mỗi văn bản một dòng)', en: 'Legal basis (one document a line)' },
  hint: { vi: 'ví dụ 30/QĐ-UBND', en: 'e.g. 30/QĐ-UBND' },
};

const DECISION_DATE: FieldDef = {
  name: 'effectiveDate',
  kind: 'date',
  label: { vi: 'Ngày quyết định', en: 'Date of the decision' },
  hint: {
    vi: 'ngày/tháng/năm; để trống: ngày của đề xuất',
    en: 'day/month/year; empty: the date of the proposal',
  },
};

const REASON: FieldDef = {
  name: 'reason',
  kind: 'textarea',
  label: { vi: 'Lý do', en: 'Reason' },
  required: true,
};

function def(
  id: string,
  title: Text,
  submit: Text,
  fields: readonly FieldDef[],
  fieldOf: Record<string, string> = {},
): FormDef {
  return { id, title, submit, fields, fieldOf };
}

/** Every action on an expenditure the dashboard offers, in the order of a payment's life. */
export const EXPENDITURE_ACTIONS: readonly ExpenditureAction[] = [
  {
    route: 'sign',
    policy: BUDGET_LINE_POLICIES.SignExpenditure,
    when: ['proposed'],
    def: def(
      'sign',
      { vi: 'Ký duyệt (hai chữ ký)', en: 'Sign (two signatures)' },
      { vi: 'Ký', en: 'Sign' },
      [
        {
          name: 'capacity',
          kind: 'select',
          label: { vi: 'Ký với tư cách', en: 'Signing as' },
          required: true,
          choices: SIGNING_CAPACITIES.map((c) => ({ value: c, label: CAPACITY_LABELS[c] })),
        },
        LEGAL_BASIS,
        DECISION_DATE,
      ],
      { 'EXPENDITURE.SAME_SIGNER': 'capacity' },
    ),
  },
  {
    route: 'approve',
    policy: BUDGET_LINE_POLICIES.ApproveExpenditure,
    when: ['proposed'],
    def: def(
      'approve',
      { vi: 'Phê duyệt (một người phê duyệt)', en: 'Approve (single approver)' },
      { vi: 'Phê duyệt', en: 'Approve' },
      [LEGAL_BASIS, DECISION_DATE],
    ),
  },
  {
    route: 'reject',
    policy: BUDGET_LINE_POLICIES.RejectExpenditure,
    when: ['proposed'],
    def: def(
      'reject',
      { vi: 'Từ chối', en: 'Reject' },
      { vi: 'Từ chối khoản chi', en: 'Reject the expenditure' },
      [REASON, DECISION_DATE],
    ),
  },
  {
    route: 'treasury-submissions',
    policy: BUDGET_LINE_POLICIES.SendExpenditureToTreasury,
    when: ['approved'],
    def: def(
      'treasury-send',
      { vi: 'Gửi hồ sơ đến Kho bạc', en: 'Send the dossier to the Treasury' },
      { vi: 'Ghi nhận đã gửi', en: 'Record it sent' },
      [
        {
          name: 'dossier',
          kind: 'text',
          label: { vi: 'Mã hồ sơ', en: 'Dossier id' },
          required: true,
          maxLength: 100,
        },
        { name: 'sentOn', kind: 'date', label: { vi: 'Ngày gửi', en: 'Sent on' }, required: true },
        {
          name: 'treasuryOffice',
          kind: 'text',
          label: { vi: 'Kho bạc', en: 'Treasury office' },
          hint: { vi: 'ví dụ KBNN Ba Tơ', en: 'e.g. KBNN Ba Tơ' },
          maxLength: 200,
        },
      ],
    ),
  },
  {
    route: 'treasury-acceptance',
    policy: BUDGET_LINE_POLICIES.RecordTreasuryAcceptance,
    when: ['sent'],
    def: def(
      'treasury-accept',
      { vi: 'Kho bạc chấp nhận và đã chi', en: 'The Treasury accepted and paid' },
      { vi: 'Ghi nhận đã chi', en: 'Record the payment' },
      [
        {
          name: 'paymentOrder',
          kind: 'text',
          label: { vi: 'Số lệnh chi / ủy nhiệm chi', en: 'Payment order' },
          required: true,
          maxLength: 100,
        },
        { name: 'paidOn', kind: 'date', label: { vi: 'Ngày chi', en: 'Paid on' }, required: true },
      ],
    ),
  },
  {
    route: 'treasury-refusal',
    policy: BUDGET_LINE_POLICIES.RecordTreasuryRefusal,
    when: ['sent'],
    def: def(
      'treasury-refuse',
      { vi: 'Kho bạc từ chối', en: 'The Treasury refused' },
      { vi: 'Ghi nhận từ chối', en: 'Record the refusal' },
      [
        REASON,
        {
          name: 'refusedOn',
          kind: 'date',
          label: { vi: 'Ngày từ chối', en: 'Refused on' },
          required: true,
        },
        {
          name: 'commitment',
          kind: 'select',
          label: { vi: 'Khoản cam kết', en: 'The commitment' },
          required: true,
          choices: [
            {
              value: 'kept',
              label: { vi: 'Giữ lại để sửa và gửi lại', en: 'Kept, to correct and resend' },
            },
            {
              value: 'released',
              label: { vi: 'Giải phóng: dừng khoản chi', en: 'Released: it ends' },
            },
          ],
        },
      ],
    ),
  },
  {
    route: 'disburse',
    policy: BUDGET_LINE_POLICIES.DisburseExpenditure,
    when: ['approved'],
    def: def(
      'disburse',
      { vi: 'Ghi nhận đã chi (không qua hồ sơ Kho bạc)', en: 'Record the payment (simple path)' },
      { vi: 'Ghi nhận đã chi', en: 'Record the payment' },
      [
        {
          name: 'voucher',
          kind: 'text',
          label: { vi: 'Số chứng từ', en: 'Voucher' },
          required: true,
          maxLength: 100,
        },
        { name: 'paidOn', kind: 'date', label: { vi: 'Ngày chi', en: 'Paid on' }, required: true },
      ],
    ),
  },
  {
    route: 'settlements',
    policy: ADVANCE_POLICIES.SettleAdvance,
    when: ['disbursed'],
    advanceOnly: true,
    def: def(
      'settle',
      { vi: 'Thanh toán tạm ứng bằng chứng từ', en: 'Settle the advance by vouchers' },
      { vi: 'Ghi nhận thanh toán', en: 'Record the settlement' },
      [
        { name: 'amount', kind: 'amount', label: { vi: 'Số tiền', en: 'Amount' }, required: true },
        {
          name: 'voucherNumber',
          kind: 'text',
          api: 'vouchers.0.number',
          label: { vi: 'Số chứng từ', en: 'Voucher number' },
          required: true,
          maxLength: 100,
        },
        {
          name: 'voucherDate',
          kind: 'date',
          api: 'vouchers.0.date',
          label: { vi: 'Ngày chứng từ', en: 'Voucher date' },
          required: true,
        },
        {
          name: 'settledOn',
          kind: 'date',
          label: { vi: 'Ngày thanh toán', en: 'Settled on' },
          required: true,
        },
      ],
      { 'ADVANCE.EXCEEDS_OPEN': 'amount' },
    ),
  },
  {
    route: 'recoveries',
    policy: ADVANCE_POLICIES.RecoverAdvance,
    when: ['disbursed'],
    advanceOnly: true,
    def: def(
      'recover',
      { vi: 'Thu hồi tạm ứng', en: 'Recover the advance' },
      { vi: 'Ghi nhận thu hồi', en: 'Record the recovery' },
      [
        { name: 'amount', kind: 'amount', label: { vi: 'Số tiền', en: 'Amount' }, required: true },
        {
          name: 'receipt',
          kind: 'text',
          label: { vi: 'Số biên lai', en: 'Receipt' },
          required: true,
          maxLength: 100,
        },
        {
          name: 'recoveredOn',
          kind: 'date',
          label: { vi: 'Ngày thu hồi', en: 'Recovered on' },
          required: true,
        },
      ],
      { 'ADVANCE.EXCEEDS_OPEN': 'amount' },
    ),
  },
  {
    route: 'reverse',
    policy: BUDGET_LINE_POLICIES.ReverseExpenditure,
    when: ['approved', 'disbursed'],
    def: def(
      'reverse',
      { vi: 'Đảo bút toán', en: 'Reverse' },
      { vi: 'Đảo bút toán khoản chi', en: 'Reverse the expenditure' },
      [REASON, { ...DECISION_DATE, label: { vi: 'Ngày đảo', en: 'Date of the reversal' } }],
    ),
  },
];

export function actionByRoute(route: string): ExpenditureAction | undefined {
  return EXPENDITURE_ACTIONS.find((a) => a.route === route);
}
