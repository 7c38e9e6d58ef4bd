import {
  CAPACITY_LABELS,
  SIGNATORY_STANDINGS,
  SIGNING_CAPACITIES,
  UNIT_KINDS,
} from '@app/budgeting';
import type { FieldDef, FormDef, Text } from './form-def';

/** The finance office's records of a unit (đơn vị sử dụng ngân sách), as the API keeps them. */

export const UNIT_KIND_NAMES: Readonly<Record<(typeof UNIT_KINDS)[number], Text>> = {
  lead_agency: { vi: 'Cơ quan chủ trì', en: 'Lead agency' },
  district_agency: { vi: 'Phòng, ban cấp huyện', en: 'District agency' },
  commune: { vi: 'Xã', en: 'Commune' },
};

export const STANDING_NAMES: Readonly<Record<(typeof SIGNATORY_STANDINGS)[number], Text>> = {
  head: { vi: 'Thủ trưởng đơn vị', en: 'Head of the unit' },
  deputy: { vi: 'Cấp phó được ủy quyền', en: 'Authorised deputy' },
  chief_accountant: { vi: 'Kế toán trưởng', en: 'Chief accountant' },
  in_charge: { vi: 'Người phụ trách kế toán', en: 'Person in charge of accounting' },
};

const UNIT_CODE_HINT: Text = {
  vi: 'chữ in hoa, số, _ hoặc -, ví dụ LDTBXH',
  en: 'capital letters, digits, _ or -, e.g. LDTBXH',
};

const VALID_FROM: FieldDef = {
  name: 'validFrom',
  kind: 'date',
  label: { vi: 'Hiệu lực từ ngày', en: 'In force from' },
  required: true,
};

const VALID_TO: FieldDef = {
  name: 'validTo',
  kind: 'date',
  label: { vi: 'Hiệu lực đến ngày', en: 'In force until' },
  hint: { vi: 'để trống: chưa có ngày kết thúc', en: 'empty: no end date' },
};

/** Đăng ký đơn vị: the unit every line, user and payment of it names by its code. */
export const REGISTER_UNIT: FormDef = {
  id: 'unit',
  title: { vi: 'Đăng ký đơn vị sử dụng ngân sách', en: 'Register a spending unit' },
  submit: { vi: 'Đăng ký đơn vị', en: 'Register the unit' },
  fields: [
    {
      name: 'code',
      kind: 'text',
      label: { vi: 'Mã đơn vị', en: 'Unit code' },
      hint: UNIT_CODE_HINT,
      required: true,
      maxLength: 40,
    },
    {
      name: 'name',
      kind: 'text',
      label: { vi: 'Tên đơn vị', en: 'Name' },
      required: true,
      maxLength: 300,
    },
    {
      name: 'kind',
      kind: 'select',
      label: { vi: 'Loại đơn vị', en: 'Kind of unit' },
      required: true,
      choices: UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_NAMES[k] })),
    },
    VALID_FROM,
    VALID_TO,
  ],
  fieldOf: { 'UNIT.ALREADY_REGISTERED': 'code' },
};

/** A signatory of the unit's Treasury account, with the specimen registration it holds. */
export const REGISTER_SIGNATORY: FormDef = {
  id: 'signatory',
  title: { vi: 'Đăng ký người ký tài khoản', en: 'Register an account signatory' },
  submit: { vi: 'Đăng ký người ký', en: 'Register the signatory' },
  fields: [
    {
      name: 'capacity',
      kind: 'select',
      label: { vi: 'Ký với tư cách', en: 'Signs as' },
      required: true,
      choices: SIGNING_CAPACITIES.map((c) => ({ value: c, label: CAPACITY_LABELS[c] })),
    },
    {
      name: 'standing',
      kind: 'select',
      label: { vi: 'Chức danh trong đơn vị', en: 'Standing in the unit' },
      required: true,
      choices: SIGNATORY_STANDINGS.map((s) => ({ value: s, label: STANDING_NAMES[s] })),
    },
    {
      name: 'personId',
      kind: 'text',
      label: { vi: 'Mã người dùng', en: 'User id' },
      hint: {
        vi: 'mã mà "budget users add" in ra cho người này, ví dụ u-…',
        en: 'the id "budget users add" printed for this person, e.g. u-…',
      },
      required: true,
      maxLength: 100,
    },
    { name: 'name', kind: 'text', label: { vi: 'Họ và tên', en: 'Full name' }, required: true },
    {
      name: 'title',
      kind: 'text',
      label: { vi: 'Chức vụ', en: 'Title' },
      hint: { vi: 'ví dụ Trưởng phòng', en: 'e.g. Trưởng phòng' },
      required: true,
    },
    VALID_FROM,
    VALID_TO,
    {
      name: 'specimenNumber',
      api: 'specimen.number',
      kind: 'text',
      label: { vi: 'Số đăng ký mẫu dấu, chữ ký tại Kho bạc', en: 'Specimen registration number' },
      required: true,
      maxLength: 100,
    },
    {
      name: 'specimenRegisteredOn',
      api: 'specimen.registeredOn',
      kind: 'date',
      label: { vi: 'Ngày đăng ký mẫu chữ ký', en: 'Specimen registered on' },
      required: true,
    },
    {
      name: 'appointment',
      kind: 'text',
      label: { vi: 'Quyết định bổ nhiệm (nếu có)', en: 'Appointing decision (if any)' },
      hint: { vi: 'ví dụ 12/QĐ-UBND', en: 'e.g. 12/QĐ-UBND' },
      maxLength: 100,
    },
  ],
  fieldOf: { 'UNIT.NOT_REGISTERED': 'validFrom' },
};

/** Mã ĐVQHNS from a date: a first code, or a change from a later day. */
export const RECORD_BUDGET_CODE: FormDef = {
  id: 'budget-code',
  title: { vi: 'Ghi mã ĐVQHNS', en: 'Record the budget-relationship code' },
  submit: { vi: 'Ghi mã ĐVQHNS', en: 'Record the code' },
  fields: [
    {
      name: 'budgetRelationshipCode',
      kind: 'text',
      label: { vi: 'Mã ĐVQHNS', en: 'Budget-relationship code (mã ĐVQHNS)' },
      hint: {
        vi: '7 chữ số, như giấy chứng nhận mã số ĐVQHNS ghi',
        en: 'seven digits, as the certificate gives it',
      },
      required: true,
      maxLength: 7,
    },
    VALID_FROM,
    {
      name: 'certificate',
      kind: 'text',
      label: { vi: 'Giấy chứng nhận mã số (nếu có)', en: 'Certificate (if any)' },
      maxLength: 200,
    },
  ],
};

/** Phân loại dòng: chương, loại–khoản, mã CTMTQG, mã nguồn, checked by the code table. */
export function classifyLineDef(lines: readonly { value: string; label: string }[]): FormDef {
  return {
    id: 'classify',
    title: { vi: 'Phân loại dòng theo mục lục ngân sách', en: 'Classify a budget line' },
    submit: { vi: 'Phân loại', en: 'Classify' },
    fields: [
      {
        name: 'line',
        kind: 'select',
        label: { vi: 'Dòng ngân sách', en: 'Budget line' },
        required: true,
        choices: lines.map((l) => ({ value: l.value, label: { vi: l.label, en: l.label } })),
      },
      digits('chapter', { vi: 'Chương', en: 'Chapter' }, 3, '622'),
      digits('sector', { vi: 'Khoản (loại–khoản)', en: 'Sector (loại–khoản)' }, 3, '398'),
      digits('program', { vi: 'Mã CTMTQG', en: 'National target program code' }, 4, '0490'),
      digits('source', { vi: 'Mã nguồn NSNN', en: 'State budget source code' }, 2, '12'),
      {
        name: 'effectiveDate',
        kind: 'date',
        label: { vi: 'Ngày hiệu lực', en: 'Effective date' },
        required: true,
      },
    ],
    fieldOf: { 'BUDGET.CLASSIFICATION_CONFLICT': 'chapter' },
    // The domain names the codes inside the line's classification; the API takes them flat.
    fieldAt: Object.fromEntries(
      ['chapter', 'sector', 'program', 'source'].map((f) => [`classification.${f}`, f]),
    ),
  };
}

function digits(name: string, label: Text, count: number, example: string): FieldDef {
  return {
    name,
    kind: 'text',
    label,
    hint: { vi: `${count} chữ số, ví dụ ${example}`, en: `${count} digits, e.g. ${example}` },
    required: true,
    maxLength: count,
  };
}

/** Cơ quan chủ trì of the year: the decision naming it, and from when. */
export const DESIGNATE_LEAD: FormDef = {
  id: 'lead-agency',
  title: { vi: 'Ghi nhận cơ quan chủ trì', en: 'Record the lead agency' },
  submit: { vi: 'Ghi nhận', en: 'Record' },
  fields: [
    {
      name: 'unit',
      kind: 'text',
      label: { vi: 'Đơn vị chủ trì', en: 'Lead unit' },
      hint: UNIT_CODE_HINT,
      required: true,
      maxLength: 40,
    },
    VALID_FROM,
    {
      ...VALID_TO,
      hint: { vi: 'để trống: đến hết năm', en: "empty: to the year's end" },
    },
    {
      name: 'decisionNumber',
      api: 'decision.number',
      kind: 'text',
      label: { vi: 'Văn bản giao chủ trì', en: 'Naming decision or plan' },
      hint: { vi: 'ví dụ 112/KH-UBND', en: 'e.g. 112/KH-UBND' },
      required: true,
      maxLength: 100,
    },
    {
      name: 'decisionIssuedOn',
      api: 'decision.issuedOn',
      kind: 'date',
      label: { vi: 'Ngày ban hành văn bản', en: 'Issued on' },
      required: true,
    },
    { name: 'note', kind: 'textarea', label: { vi: 'Ghi chú', en: 'Note' } },
  ],
};

/** Rows for a trip's members: an officer fills as many as the travel order names. */
export const TRIP_MEMBER_ROWS = [0, 1, 2, 3, 4, 5] as const;

function memberFields(i: number): FieldDef[] {
  const n = i + 1;
  const at = (key: string): string => `members.${i}.${key}`;
  return [
    {
      name: `member${n}Person`,
      api: at('personId'),
      kind: 'text',
      label: { vi: `Thành viên ${n}: mã người`, en: `Member ${n}: person id` },
      maxLength: 100,
    },
    {
      name: `member${n}Name`,
      api: at('name'),
      kind: 'text',
      label: { vi: `Thành viên ${n}: họ tên`, en: `Member ${n}: name` },
      maxLength: 200,
    },
    {
      name: `member${n}Unit`,
      api: at('unit'),
      kind: 'text',
      label: { vi: `Thành viên ${n}: đơn vị cử`, en: `Member ${n}: sending unit` },
      maxLength: 200,
    },
  ];
}

/** Chuyến công tác của đoàn liên ngành, as its travel order states it. */
export const RECORD_TRIP: FormDef = {
  id: 'trip',
  title: { vi: 'Ghi nhận chuyến công tác của đoàn', en: "Record a joint team's trip" },
  submit: { vi: 'Ghi nhận chuyến', en: 'Record the trip' },
  fields: [
    {
      name: 'tripId',
      kind: 'text',
      label: { vi: 'Mã chuyến', en: 'Trip id' },
      hint: { vi: 'chữ, số, _ hoặc -, ví dụ KT-2024-03', en: 'letters, digits, _ or -' },
      required: true,
      maxLength: 60,
    },
    { name: 'team', kind: 'text', label: { vi: 'Tên đoàn', en: 'Team' }, required: true },
    {
      name: 'leadUnit',
      kind: 'text',
      label: { vi: 'Đơn vị chủ trì đoàn', en: 'Lead unit of the team' },
      hint: UNIT_CODE_HINT,
      required: true,
      maxLength: 40,
    },
    { name: 'from', kind: 'date', label: { vi: 'Từ ngày', en: 'From' }, required: true },
    { name: 'to', kind: 'date', label: { vi: 'Đến ngày', en: 'To' }, required: true },
    {
      name: 'orderNumber',
      api: 'travelOrder.number',
      kind: 'text',
      label: { vi: 'Số lệnh điều động / quyết định cử đoàn', en: 'Travel order number' },
      hint: { vi: 'ví dụ 15/QĐ-LĐTBXH', en: 'e.g. 15/QĐ-LĐTBXH' },
      required: true,
      maxLength: 100,
    },
    {
      name: 'orderIssuedOn',
      api: 'travelOrder.issuedOn',
      kind: 'date',
      label: { vi: 'Ngày của lệnh', en: 'Order issued on' },
      required: true,
    },
    ...TRIP_MEMBER_ROWS.flatMap(memberFields),
  ],
};

/** The trip's body: member rows left empty dropped (the API needs at least one). */
export function tripBody(body: Record<string, unknown>): Record<string, unknown> {
  const members = Array.isArray(body.members)
    ? body.members.filter((m): m is Record<string, unknown> => !!m && typeof m === 'object')
    : [];
  return { ...body, members };
}
