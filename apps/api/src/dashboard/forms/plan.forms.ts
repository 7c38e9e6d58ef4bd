import { ACTIVITY_CATEGORIES, OUTPUT_UNITS } from '@app/budgeting';
import type { FieldDef, FormDef } from './form-def';
import { CATEGORY_NAMES } from './propose.form';

/**
 * Rows the content form offers: enough for a district unit's plan, more by amendment. All
 * are in the page (without script, every row shows); forms.js shows the filled ones and
 * one empty, with buttons to add a row or remove one.
 */
const PART_ROWS = [0, 1, 2, 3] as const;
const ACTIVITY_ROWS = [0, 1, 2, 3, 4, 5] as const;

const ROW_LISTS = {
  parts: { vi: 'Tiểu dự án', en: 'Part' },
  activities: { vi: 'Hoạt động', en: 'Activity' },
} as const;

const EFFECTIVE: FieldDef = {
  name: 'effectiveDate',
  kind: 'date',
  label: { vi: 'Ngày', en: 'Date' },
  required: true,
};

function partFields(i: number): FieldDef[] {
  const n = i + 1;
  return [
    {
      name: `part${n}Code`,
      api: `parts.${i}.code`,
      kind: 'text',
      label: { vi: `Tiểu dự án ${n}: mã`, en: `Part ${n}: code` },
      hint: { vi: 'ví dụ DA7.TDA1', en: 'e.g. DA7.TDA1' },
      maxLength: 30,
    },
    {
      name: `part${n}Name`,
      api: `parts.${i}.name`,
      kind: 'text',
      label: { vi: `Tiểu dự án ${n}: tên`, en: `Part ${n}: name` },
    },
    {
      name: `part${n}Amount`,
      api: `parts.${i}.budgetAmount`,
      kind: 'amount',
      label: { vi: `Tiểu dự án ${n}: kinh phí`, en: `Part ${n}: budget` },
    },
  ];
}

function activityFields(i: number): FieldDef[] {
  const n = i + 1;
  const at = (field: string): string => `activities.${i}.${field}`;
  return [
    {
      name: `activity${n}Id`,
      api: at('id'),
      kind: 'text',
      label: { vi: `Hoạt động ${n}: mã`, en: `Activity ${n}: id` },
      hint: { vi: 'ví dụ HD1', en: 'e.g. HD1' },
      maxLength: 60,
    },
    {
      name: `activity${n}Part`,
      api: at('programPart'),
      kind: 'text',
      label: { vi: `Hoạt động ${n}: tiểu dự án`, en: `Activity ${n}: part` },
      maxLength: 30,
    },
    {
      name: `activity${n}Name`,
      api: at('name'),
      kind: 'text',
      label: { vi: `Hoạt động ${n}: nội dung`, en: `Activity ${n}: name` },
    },
    {
      name: `activity${n}Category`,
      api: at('category'),
      kind: 'select',
      label: { vi: `Hoạt động ${n}: loại chi`, en: `Activity ${n}: category` },
      choices: ACTIVITY_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_NAMES[c] })),
    },
    {
      name: `activity${n}Planned`,
      api: at('plannedAmount'),
      kind: 'amount',
      label: { vi: `Hoạt động ${n}: kinh phí`, en: `Activity ${n}: planned amount` },
    },
    {
      name: `activity${n}OutputId`,
      api: at('outputs.0.id'),
      kind: 'text',
      label: { vi: `Hoạt động ${n}: mã sản phẩm`, en: `Activity ${n}: output id` },
      maxLength: 60,
    },
    {
      name: `activity${n}Output`,
      api: at('outputs.0.description'),
      kind: 'text',
      label: { vi: `Hoạt động ${n}: sản phẩm`, en: `Activity ${n}: output` },
    },
    {
      name: `activity${n}OutputUnit`,
      api: at('outputs.0.unit'),
      kind: 'select',
      label: { vi: `Hoạt động ${n}: đơn vị tính`, en: `Activity ${n}: unit` },
      choices: OUTPUT_UNITS.map((u) => ({ value: u, label: { vi: u, en: u } })),
    },
    {
      name: `activity${n}Target`,
      api: at('outputs.0.target'),
      kind: 'text',
      label: { vi: `Hoạt động ${n}: chỉ tiêu`, en: `Activity ${n}: target` },
      maxLength: 7,
    },
  ];
}

const CONTENT: FieldDef[] = [
  ...PART_ROWS.flatMap(partFields),
  ...ACTIVITY_ROWS.flatMap(activityFields),
];

const LIST_HINT = { vi: 'mỗi văn bản một dòng, ví dụ 30/QĐ-UBND', en: 'one document a line' };

/** Lập (or sửa, while a draft) a unit's plan for a year. */
export const DRAFT_PLAN: FormDef = {
  id: 'plan-draft',
  title: { vi: 'Dự thảo kế hoạch', en: 'Draft a plan' },
  submit: { vi: 'Lưu dự thảo', en: 'Save the draft' },
  rowLists: ROW_LISTS,
  fields: [
    {
      name: 'fiscalYear',
      kind: 'text',
      label: { vi: 'Năm', en: 'Year' },
      required: true,
      maxLength: 4,
    },
    {
      name: 'leadUnit',
      kind: 'text',
      label: { vi: 'Đơn vị chủ trì', en: 'Lead unit' },
      required: true,
      maxLength: 40,
    },
    { name: 'title', kind: 'textarea', label: { vi: 'Tên kế hoạch', en: 'Title' }, required: true },
    {
      name: 'legalBasis',
      kind: 'list',
      label: { vi: 'Căn cứ', en: 'Legal basis' },
      hint: LIST_HINT,
    },
    {
      name: 'fundingDecisions',
      kind: 'list',
      label: { vi: 'Quyết định giao vốn', en: 'Funding decisions' },
      hint: LIST_HINT,
    },
    EFFECTIVE,
    ...CONTENT,
  ],
};

/** Điều chỉnh: an approved plan changes only by a decision, which the amendment cites. */
export const AMEND_PLAN: FormDef = {
  id: 'plan-amend',
  title: { vi: 'Điều chỉnh kế hoạch', en: 'Amend the plan' },
  submit: { vi: 'Lưu điều chỉnh', en: 'Save the amendment' },
  rowLists: ROW_LISTS,
  fields: [
    {
      name: 'amendingDecision',
      kind: 'text',
      label: { vi: 'Quyết định điều chỉnh', en: 'Amending decision' },
      required: true,
      maxLength: 100,
    },
    { name: 'reason', kind: 'textarea', label: { vi: 'Lý do', en: 'Reason' }, required: true },
    EFFECTIVE,
    ...CONTENT,
  ],
};

export const SUBMIT_PLAN: FormDef = {
  id: 'plan-submit',
  title: { vi: 'Trình phê duyệt', en: 'Submit for approval' },
  submit: { vi: 'Trình', en: 'Submit' },
  fields: [EFFECTIVE],
};

/** The decision number is given only now: the draft's "Số /KH-UBND" is blank until signed. */
export const APPROVE_PLAN: FormDef = {
  id: 'plan-approve',
  title: { vi: 'Phê duyệt kế hoạch', en: 'Approve the plan' },
  submit: { vi: 'Phê duyệt', en: 'Approve' },
  fields: [
    {
      name: 'number',
      kind: 'text',
      label: { vi: 'Số quyết định phê duyệt', en: 'Decision number' },
      hint: { vi: 'như đã ký, ví dụ 112/KH-UBND', en: 'as signed, e.g. 112/KH-UBND' },
      required: true,
      maxLength: 100,
    },
    {
      name: 'issuedOn',
      kind: 'date',
      label: { vi: 'Ngày ký', en: 'Signed on' },
      required: true,
    },
    EFFECTIVE,
  ],
};

export const REJECT_PLAN: FormDef = {
  id: 'plan-reject',
  title: { vi: 'Trả lại kế hoạch', en: 'Return the plan' },
  submit: { vi: 'Trả lại', en: 'Return' },
  fields: [
    { name: 'reason', kind: 'textarea', label: { vi: 'Lý do', en: 'Reason' }, required: true },
    EFFECTIVE,
  ],
};

/** Output progress: a count delivered so far, or one commune done. */
export function progressDef(outputs: readonly { value: string; label: string }[]): FormDef {
  return {
    id: 'plan-progress',
    title: { vi: 'Báo cáo kết quả đầu ra', en: 'Record output progress' },
    submit: { vi: 'Ghi kết quả', en: 'Record' },
    fields: [
      {
        name: 'output',
        kind: 'select',
        label: { vi: 'Sản phẩm', en: 'Output' },
        required: true,
        choices: outputs.map((o) => ({ value: o.value, label: { vi: o.label, en: o.label } })),
      },
      {
        name: 'delivered',
        kind: 'text',
        label: { vi: 'Số lượng đã thực hiện (lũy kế)', en: 'Delivered so far' },
        maxLength: 7,
      },
      {
        name: 'commune',
        kind: 'text',
        label: {
          vi: 'Hoặc: xã đã hoàn thành (sản phẩm tính theo xã)',
          en: 'Or: a commune done (outputs counted by commune)',
        },
      },
      EFFECTIVE,
    ],
  };
}

/** Whole numbers inside the content (outputs' targets), and rows left empty dropped. */
export function planContentBody(body: Record<string, unknown>): Record<string, unknown> {
  const rows = (value: unknown): Record<string, unknown>[] =>
    Array.isArray(value)
      ? value.filter((r): r is Record<string, unknown> => !!r && typeof r === 'object')
      : [];
  const activities = rows(body.activities).map((a) => ({
    ...a,
    outputs: rows(a.outputs).map((o) => ({
      ...o,
      ...(typeof o.target === 'string' && /^\d{1,7}$/.test(o.target)
        ? { target: Number(o.target) }
        : {}),
    })),
  }));
  const year = body.fiscalYear;
  return {
    ...body,
    ...(typeof year === 'string' && /^\d{4}$/.test(year) ? { fiscalYear: Number(year) } : {}),
    parts: rows(body.parts),
    activities,
  };
}

/** The progress form's body: which output, and a count or a commune. */
export function progressBody(body: Record<string, unknown>): Record<string, unknown> {
  const [activityId, outputId] = (typeof body.output === 'string' ? body.output : '').split('/');
  const delivered = typeof body.delivered === 'string' ? body.delivered : '';
  const { output: _output, delivered: _d, commune, ...rest } = body;
  return {
    ...rest,
    activityId,
    outputId,
    ...(typeof commune === 'string' && commune
      ? { kind: 'commune', commune, done: true }
      : { kind: 'count', delivered: /^\d{1,9}$/.test(delivered) ? Number(delivered) : delivered }),
  };
}
