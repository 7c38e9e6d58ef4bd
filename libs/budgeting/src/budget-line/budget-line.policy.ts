import { policy, type Policies } from '../shared/policy';
import type { BudgetLineCommand } from './budget-line.commands';
import { ADVANCE_POLICIES } from './advance.policy';

const SPENDING_YEAR = {
  vi: 'ngày hiệu lực trong năm ngân sách của dòng hoặc thời gian chỉnh lý đến 31/01 năm sau, không sau ngày ghi sổ; nguồn chuyển từ năm trước không quá hạn; chỉ dùng tiền đã có hiệu lực vào ngày đó và không làm âm dòng vào ngày đó hay ngày nào sau đó',
  en: "effective date within the line's fiscal year or its adjustment period to 31/01 of the next, not after the day recorded; carried-over money not past its deadline; only money in effect on that date, never overdrawing the line on it or any later date",
};

/** A payment's dates at the Treasury: the line's spending year, as a direct payment's are. */
const PAYMENT_YEAR = {
  vi: 'ngày hiệu lực trong năm ngân sách của dòng hoặc thời gian chỉnh lý đến 31/01 năm sau (hoặc đến ngày quyết định giữ lại), không sau ngày ghi sổ; nguồn chuyển từ năm trước không quá hạn',
  en: "effective date within the line's fiscal year or its adjustment period to 31/01 of the next (or until a decision kept the payment), not after the day recorded; carried-over money not past its deadline",
};

const system = (name: string, vi: string, en: string) =>
  policy({
    name,
    kind: 'write',
    action: { vi, en },
    roles: ['admin'],
    system: true,
    scope: 'any',
    doors: ['quy trình điều chuyển, hết hạn chuyển nguồn / transfer and lapse processes'],
  });

/**
 * Who may do what on a budget line (enforced by `authorize`, called once in
 * decideBudgetLine). Allocations and cancellations are the finance office's: in this
 * ledger the administrator role stands for it (Phòng Tài chính – Kế hoạch assigns
 * estimates under the People's Committee's decision); a finance officer who belongs to a
 * unit is confined to that unit like anyone else.
 */
export const BUDGET_LINE_POLICIES: Policies<BudgetLineCommand['type']> = {
  AllocateFunds: policy({
    name: 'AllocateFunds',
    kind: 'write',
    action: { vi: 'giao dự toán', en: 'allocate funds' },
    roles: ['admin'],
    scope: 'own-unit',
    // An estimate is decided ahead of the year it funds (December for 1 January).
    takesEffectLater: true,
    dates: {
      vi: 'quyết định đã đăng ký (QĐ của UBND), ban hành không sau ngày hiệu lực, tổng giao không vượt số tiền của quyết định; đơn vị đã đăng ký và còn hiệu lực; dự án/tiểu dự án của Chương trình; dòng kinh phí năm nay (năm nguồn là năm ngân sách); ngày hiệu lực từ 01/01 năm trước đến 31/12 năm ngân sách',
      en: "a registered decision (QĐ of a People's Committee) issued on or before the effective date, its amount not exceeded; a registered unit in existence then; a part of the program; a line of the year's own money (source year = fiscal year); effective from 1/1 of the year before to 31/12 of the fiscal year",
    },
    doors: ['POST /api/v1/allocations', 'budget import'],
  }),
  CancelFunds: policy({
    name: 'CancelFunds',
    kind: 'write',
    action: { vi: 'hủy dự toán', en: 'cancel funds' },
    roles: ['admin'],
    scope: 'own-unit',
    doors: ['POST /api/v1/budget-lines/{id}/cancellations'],
  }),
  RetainCommitments: policy({
    name: 'RetainCommitments',
    kind: 'write',
    action: {
      vi: 'giữ lại khoản chi đã duyệt của nguồn chuyển quá hạn',
      en: "keep a carry-over's approved expenditures past its deadline",
    },
    roles: ['admin'],
    scope: 'own-unit',
    dates: {
      vi: 'quyết định (số, ngày, cơ quan ban hành) ban hành không sau ngày hiệu lực; giữ đến ngày sau hạn của nguồn chuyển',
      en: "a decision (number, date, issuer) issued on or before the effective date; kept until a date after the carry-over's deadline",
    },
    doors: ['POST /api/v1/budget-lines/{id}/retentions'],
  }),
  ReturnFunds: policy({
    name: 'ReturnFunds',
    kind: 'write',
    action: {
      vi: 'hoàn trả kinh phí cho ngân sách cấp trên',
      en: 'return funds to a higher level',
    },
    roles: ['admin'],
    scope: 'own-unit',
    dates: {
      vi: 'quyết định ban hành không sau ngày hiệu lực; tiền chưa chi chỉ sau 31/12 của năm ngân sách, tiền hủy do hết hạn không quá số đã hủy',
      en: 'a decision issued on or before the effective date; unspent money only after 31/12 of the fiscal year, lapsed money no more than lapsed',
    },
    doors: ['POST /api/v1/budget-lines/{id}/returns'],
  }),
  CarryIn: system('CarryIn', 'ghi nhận tiền chuyển nguồn', 'credit carried-over money'),
  TransferOut: system('TransferOut', 'ghi nợ điều chuyển', 'debit a transfer'),
  TransferIn: system('TransferIn', 'ghi có điều chuyển', 'credit a transfer'),
  ReverseTransferOut: system('ReverseTransferOut', 'hoàn lại điều chuyển', 'give a debit back'),
  LapseCarryOver: system('LapseCarryOver', 'hủy nguồn chuyển quá hạn', 'lapse carried-over money'),
  ExtendCarryOverDeadline: policy({
    name: 'ExtendCarryOverDeadline',
    kind: 'write',
    action: { vi: 'gia hạn kinh phí chuyển nguồn', en: 'extend a carry-over deadline' },
    roles: ['admin'],
    scope: 'district',
    dates: {
      vi: 'quyết định có trong sổ đăng ký văn bản (loại `EXTENSION_DECISIONS` liệt kê, đúng ngày ban hành đã đăng ký) và ban hành không sau ngày hiệu lực; hạn mới sau hạn hiện tại; gia hạn sau khi đã hết hạn chỉ khi quyết định cho phép dùng lại kinh phí đã hết hạn (coversLapsed)',
      en: 'the decision in the register of documents (a kind `EXTENSION_DECISIONS` lists, its registered date of issue) and issued on or before the effective date; the new deadline after the current one; after the deadline only by a decision letting lapsed money be used again (coversLapsed)',
    },
    doors: ['POST /api/v1/carry-over-extensions'],
  }),
  ClassifyBudgetLine: policy({
    name: 'ClassifyBudgetLine',
    kind: 'write',
    action: {
      vi: 'phân loại dòng theo mục lục ngân sách',
      en: 'classify a line by the budget index',
    },
    roles: ['admin'],
    scope: 'own-unit',
    dates: {
      vi: 'mọi mã có trong bảng mục lục ngân sách và còn hiệu lực vào ngày hiệu lực; mã chương trình đúng dự án của dòng; một dòng một cách phân loại',
      en: "every code in the budget index table and in force on the effective date; the program code of the line's project; one classification per line",
    },
    doors: ['POST /api/v1/budget-lines/{id}/classification', 'budget import'],
  }),
  ProposeExpenditure: policy({
    name: 'ProposeExpenditure',
    kind: 'write',
    action: { vi: 'đề nghị chi trên dòng ngân sách', en: 'propose an expenditure on the line' },
    roles: ['officer', 'accountant'],
    scope: 'own-unit',
    dates: SPENDING_YEAR,
    doors: ['POST /api/v1/expenditures'],
  }),
  ApproveExpenditure: policy({
    name: 'ApproveExpenditure',
    kind: 'write',
    action: { vi: 'phê duyệt chi', en: 'approve an expenditure' },
    roles: ['approver'],
    scope: 'delegation',
    segregation: true,
    notBefore: { vi: 'ngày đề nghị chi', en: 'the proposal' },
    dates: SPENDING_YEAR,
    doors: ['POST /api/v1/expenditures/{id}/approve'],
  }),
  SignExpenditure: policy({
    name: 'SignExpenditure',
    kind: 'write',
    action: {
      vi: 'ký duyệt khoản chi (chủ tài khoản, kế toán trưởng)',
      en: 'sign an expenditure (account holder, chief accountant)',
    },
    // The head (or a deputy) decides, the chief accountant checks: the unit's register of
    // signatories says who, among the accounts that decide or keep the books.
    roles: ['accountant', 'approver'],
    scope: 'signatory',
    segregation: true,
    notBefore: { vi: 'ngày đề nghị chi', en: 'the proposal' },
    dates: {
      vi: `${SPENDING_YEAR.vi}; mỗi tư cách ký một lần, hai chữ ký của hai người khác nhau; chữ ký thứ hai cam kết tiền`,
      en: `${SPENDING_YEAR.en}; each capacity signs once, the two signatures by two different persons; the second commits the money`,
    },
    doors: ['POST /api/v1/expenditures/{id}/sign'],
  }),
  RejectExpenditure: policy({
    name: 'RejectExpenditure',
    kind: 'write',
    action: { vi: 'từ chối khoản chi', en: 'reject an expenditure' },
    roles: ['approver'],
    scope: 'delegation',
    segregation: true,
    notBefore: { vi: 'ngày đề nghị chi', en: 'the proposal' },
    doors: ['POST /api/v1/expenditures/{id}/reject'],
  }),
  DisburseExpenditure: policy({
    name: 'DisburseExpenditure',
    kind: 'write',
    action: { vi: 'thanh toán khoản chi của dòng', en: "disburse the line's expenditure" },
    roles: ['accountant'],
    scope: 'own-unit',
    notBefore: { vi: 'ngày phê duyệt chi', en: 'the approval' },
    dates: SPENDING_YEAR,
    doors: ['POST /api/v1/expenditures/{id}/disburse'],
  }),
  // The unit's accountant sends the payment dossier and records the Treasury's answer: the
  // same hands that record a payment directly (DisburseExpenditure).
  SendExpenditureToTreasury: policy({
    name: 'SendExpenditureToTreasury',
    kind: 'write',
    action: {
      vi: 'gửi hồ sơ thanh toán đến Kho bạc',
      en: 'send the payment dossier to the Treasury',
    },
    roles: ['accountant'],
    scope: 'own-unit',
    notBefore: {
      vi: 'ngày phê duyệt chi hoặc ngày Kho bạc từ chối hồ sơ gửi trước',
      en: "the approval or the Treasury's refusal of the dossier sent before",
    },
    dates: {
      vi: `${PAYMENT_YEAR.vi}; chỉ khoản chi đã phê duyệt, không có hồ sơ đang chờ Kho bạc`,
      en: `${PAYMENT_YEAR.en}; only an approved expenditure with no dossier awaiting the Treasury`,
    },
    doors: ['POST /api/v1/expenditures/{id}/treasury-submissions'],
  }),
  RecordTreasuryAcceptance: policy({
    name: 'RecordTreasuryAcceptance',
    kind: 'write',
    action: {
      vi: 'ghi nhận Kho bạc chấp nhận thanh toán',
      en: "record the Treasury's acceptance of a payment",
    },
    roles: ['accountant'],
    scope: 'own-unit',
    notBefore: { vi: 'ngày gửi hồ sơ đến Kho bạc', en: 'the dossier sent to the Treasury' },
    dates: {
      vi: `${PAYMENT_YEAR.vi}; một lần trả lời cho mỗi hồ sơ đã gửi`,
      en: `${PAYMENT_YEAR.en}; one answer per dossier sent`,
    },
    doors: ['POST /api/v1/expenditures/{id}/treasury-acceptance'],
  }),
  RecordTreasuryRefusal: policy({
    name: 'RecordTreasuryRefusal',
    kind: 'write',
    action: { vi: 'ghi nhận Kho bạc từ chối thanh toán', en: "record the Treasury's refusal" },
    roles: ['accountant'],
    scope: 'own-unit',
    notBefore: { vi: 'ngày gửi hồ sơ đến Kho bạc', en: 'the dossier sent to the Treasury' },
    dates: {
      vi: `${PAYMENT_YEAR.vi}; một lần trả lời cho mỗi hồ sơ đã gửi; giữ cam kết để gửi lại (không khi nguồn chuyển đã hết hạn) hoặc giải phóng đúng số đã cam kết`,
      en: `${PAYMENT_YEAR.en}; one answer per dossier sent; the commitment kept to resend (not once carried-over money expired) or released in full`,
    },
    doors: ['POST /api/v1/expenditures/{id}/treasury-refusal'],
  }),
  ReverseExpenditure: policy({
    name: 'ReverseExpenditure',
    kind: 'write',
    action: { vi: 'ghi đảo khoản chi của dòng', en: "reverse the line's expenditure" },
    roles: ['accountant'],
    scope: 'own-unit',
    doors: ['POST /api/v1/expenditures/{id}/reverse'],
  }),
  ...ADVANCE_POLICIES,
};
