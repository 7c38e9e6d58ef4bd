import { DOCUMENT_TYPES, FUND_SOURCES } from '@app/budgeting';
import { fundSourceName } from '../i18n';
import type { FieldDef, FormDef } from './form-def';

/** The date a decision took effect: the business date of the command. */
const EFFECTIVE: FieldDef = {
  name: 'effectiveDate',
  kind: 'date',
  label: { vi: 'Ngày hiệu lực', en: 'Effective date' },
  required: true,
};

const DECISION_HINT = {
  vi: 'số văn bản như đã ký, ví dụ 30/QĐ-UBND; văn bản phải được đăng ký trước',
  en: 'the number as signed, e.g. 30/QĐ-UBND; the document must be registered first',
};

/** Giao dự toán: the finance office (administrators) puts money on a line by decision. */
export const ALLOCATE: FormDef = {
  id: 'allocate',
  title: { vi: 'Giao dự toán', en: 'Allocate funds' },
  submit: { vi: 'Giao dự toán', en: 'Allocate' },
  fields: [
    {
      name: 'fiscalYear',
      kind: 'text',
      label: { vi: 'Năm ngân sách', en: 'Fiscal year' },
      required: true,
      maxLength: 4,
    },
    {
      name: 'programPart',
      kind: 'text',
      label: { vi: 'Dự án / tiểu dự án', en: 'Program part' },
      hint: { vi: 'ví dụ DA7.TDA1', en: 'e.g. DA7.TDA1' },
      required: true,
      maxLength: 30,
    },
    {
      name: 'fundSource',
      kind: 'select',
      label: { vi: 'Nguồn vốn', en: 'Fund source' },
      required: true,
      choices: FUND_SOURCES.map((s) => ({
        value: s,
        label: { vi: fundSourceName(s, 'vi'), en: fundSourceName(s, 'en') },
      })),
    },
    {
      name: 'sourceYear',
      kind: 'text',
      label: { vi: 'Năm nguồn', en: 'Source year' },
      required: true,
      maxLength: 4,
    },
    {
      name: 'unit',
      kind: 'text',
      label: { vi: 'Đơn vị sử dụng', en: 'Spending unit' },
      hint: { vi: 'mã đơn vị, ví dụ LDTBXH', en: 'the unit code, e.g. LDTBXH' },
      required: true,
      maxLength: 40,
    },
    { name: 'amount', kind: 'amount', label: { vi: 'Số tiền', en: 'Amount' }, required: true },
    {
      name: 'decision',
      kind: 'text',
      label: { vi: 'Quyết định giao dự toán', en: 'Allocating decision' },
      hint: DECISION_HINT,
      required: true,
      maxLength: 100,
    },
    EFFECTIVE,
    {
      name: 'legalBasis',
      kind: 'list',
      label: { vi: 'Căn cứ khác (mỗi văn bản một dòng)', en: 'Other basis (one document a line)' },
    },
  ],
  fieldOf: {
    'DOCUMENT.NOT_REGISTERED': 'decision',
    'DOCUMENT.NOT_AN_ALLOCATION_DECISION': 'decision',
    'DOCUMENT.ISSUED_AFTER': 'decision',
    'DOCUMENT.AMOUNT_EXCEEDED': 'amount',
    'VALIDATION.AMOUNT_TOO_LARGE': 'amount',
  },
};

const DOCUMENT_TYPE_NAMES: Record<string, { vi: string; en: string }> = {
  QĐ: { vi: 'Quyết định', en: 'Decision' },
  KH: { vi: 'Kế hoạch', en: 'Plan' },
  TTr: { vi: 'Tờ trình', en: 'Submission' },
  BC: { vi: 'Báo cáo', en: 'Report' },
  TB: { vi: 'Thông báo', en: 'Notice' },
  CV: { vi: 'Công văn', en: 'Official letter' },
  TT: { vi: 'Thông tư', en: 'Circular' },
  NĐ: { vi: 'Nghị định', en: 'Decree' },
  NQ: { vi: 'Nghị quyết', en: 'Resolution' },
  CT: { vi: 'Chỉ thị', en: 'Directive' },
  HD: { vi: 'Hướng dẫn', en: 'Guidance' },
  Luật: { vi: 'Luật', en: 'Law' },
};

/** A legal document the ledger may then cite: a decision, a plan, a circular. */
export const REGISTER_DOCUMENT: FormDef = {
  id: 'document',
  title: { vi: 'Đăng ký văn bản', en: 'Register a document' },
  submit: { vi: 'Đăng ký', en: 'Register' },
  fields: [
    {
      name: 'number',
      kind: 'text',
      label: { vi: 'Số, ký hiệu', en: 'Number' },
      hint: { vi: 'như đã ký, ví dụ 30/QĐ-UBND', en: 'as signed, e.g. 30/QĐ-UBND' },
      required: true,
      maxLength: 100,
    },
    {
      name: 'type',
      kind: 'select',
      label: { vi: 'Loại văn bản', en: 'Kind of document' },
      required: true,
      choices: DOCUMENT_TYPES.map((d) => ({
        value: d,
        label: DOCUMENT_TYPE_NAMES[d] ?? { vi: d, en: d },
      })),
    },
    {
      name: 'issuer',
      kind: 'text',
      label: { vi: 'Cơ quan ban hành', en: 'Issued by' },
      required: true,
    },
    {
      name: 'issuedOn',
      kind: 'date',
      label: { vi: 'Ngày ban hành', en: 'Issued on' },
      required: true,
    },
    { name: 'title', kind: 'textarea', label: { vi: 'Trích yếu', en: 'Title' }, required: true },
    { name: 'signerName', kind: 'text', label: { vi: 'Người ký', en: 'Signed by' } },
    {
      name: 'signerCapacity',
      kind: 'text',
      label: { vi: 'Thẩm quyền ký', en: 'Signing capacity' },
      hint: { vi: 'ví dụ KT. Chủ tịch', en: 'e.g. KT. Chủ tịch' },
    },
    {
      name: 'amount',
      kind: 'amount',
      label: {
        vi: 'Tổng số tiền văn bản giao (nếu có)',
        en: 'Total the document assigns (if any)',
      },
    },
  ],
  fieldOf: { 'DOCUMENT.ALREADY_REGISTERED': 'number', 'DOCUMENT.NUMBER_MISMATCH': 'number' },
};

/** Khóa sổ: the finance office proposes, an approver approves (two persons). */
export const PROPOSE_CLOSE: FormDef = {
  id: 'close-propose',
  title: { vi: 'Đề nghị khóa sổ', en: 'Propose closing the year' },
  submit: { vi: 'Đề nghị khóa sổ', en: 'Propose closing' },
  fields: [EFFECTIVE],
};

export const APPROVE_CLOSE: FormDef = {
  id: 'close-approve',
  title: { vi: 'Phê duyệt khóa sổ', en: 'Approve closing the year' },
  submit: { vi: 'Phê duyệt khóa sổ', en: 'Approve closing' },
  fields: [
    {
      name: 'effectiveDate',
      kind: 'date',
      label: { vi: 'Ngày phê duyệt', en: 'Date of the approval' },
      hint: {
        vi: 'ngày/tháng/năm; để trống: ngày đề nghị',
        en: 'day/month/year; empty: the date of the proposal',
      },
    },
  ],
};
