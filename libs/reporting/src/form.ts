import { displayInstant, type Lang } from './labels';
import { describePeriod } from './period';
import type { ReportBasis } from './progress/progress.model';
import type { Signer, SignatureBlock } from './table';
import { formatVietnameseDate } from '@app/budgeting';

/** Who signs, as the caller names them; any left out is a blank line to sign by hand. */
export interface SignerNames {
  readonly preparedBy?: string;
  readonly chiefAccountant?: string;
  readonly head?: string;
  /** "KT. Chủ tịch": the head's deputy signs on behalf. */
  readonly headCapacity?: string;
  /** "Phó Chủ tịch": the deputy's own title, under the capacity. */
  readonly headTitle?: string;
}

/** The names given (CLI options, query parameters), blanks left out. */
export function signerNames(
  given: Readonly<Partial<Record<keyof SignerNames, string>>>,
): SignerNames {
  const out: Record<string, string> = {};
  for (const key of [
    'preparedBy',
    'chiefAccountant',
    'head',
    'headCapacity',
    'headTitle',
  ] as const) {
    const value = given[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}

/** What a printed report needs besides its figures. */
export interface FormContext {
  readonly lang: Lang;
  /** The body the units belong to, e.g. "UBND huyện Ba Tơ" (BUDGET_REPORTING_UNIT). */
  readonly reportingUnit: string;
  /** Where it is signed: "Ba Tơ" (BUDGET_REPORT_PLACE). */
  readonly place: string;
  /** The day it is signed (ISO date). */
  readonly signedOn: string;
  readonly signers?: SignerNames;
}

const upper = (text: string): string => text.toLocaleUpperCase('vi');

/** "Ba Tơ, ngày 19 tháng 3 năm 2024". */
export function placeAndDate(place: string, isoDate: string, lang: Lang): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return lang === 'vi' ? `${place}, ngày ${d} tháng ${m} năm ${y}` : `${place}, ${isoDate}`;
}

export function signatureBlock(context: FormContext): SignatureBlock {
  const vi = context.lang === 'vi';
  const s = context.signers ?? {};
  const signer = (role: string, hint: string, name?: string, capacity: string[] = []): Signer => ({
    role,
    capacity,
    hint,
    name: name?.trim() ? name.trim() : null,
  });
  const sign = vi ? '(Ký, ghi rõ họ tên)' : '(Signature, full name)';
  const capacity = [s.headCapacity, s.headTitle].filter((l): l is string => Boolean(l?.trim()));
  return {
    placeAndDate: placeAndDate(context.place, context.signedOn, context.lang),
    signers: [
      signer(vi ? 'NGƯỜI LẬP BIỂU' : 'PREPARED BY', sign, s.preparedBy),
      signer(vi ? 'KẾ TOÁN TRƯỞNG' : 'CHIEF ACCOUNTANT', sign, s.chiefAccountant),
      signer(
        vi ? 'THỦ TRƯỞNG ĐƠN VỊ' : 'HEAD OF UNIT',
        vi ? '(Ký, họ tên, đóng dấu)' : '(Signature, full name, seal)',
        s.head,
        capacity.map(upper),
      ),
    ],
  };
}

/** The issuing body top left: the district, then the unit reporting (when one). */
export function issuerLines(basis: ReportBasis, context: FormContext): string[] {
  const unit = basis.unitName ?? basis.unit;
  return [upper(context.reportingUnit), ...(unit ? [upper(unit)] : [])];
}

export function illustrativeNotice(basis: ReportBasis, lang: Lang): string | undefined {
  if (!basis.illustrative) return undefined;
  const n = basis.illustrative.count;
  return lang === 'vi'
    ? `SỐ LIỆU MINH HỌA — sổ có ${n} sự kiện được đánh dấu minh họa (dữ liệu mẫu): không phải số liệu chính thức`
    : `ILLUSTRATIVE FIGURES — the log holds ${n} events marked illustrative (example data): not official figures`;
}

/** The lines under the title: program and year, period, the point in time, the plans. */
export function basisLines(basis: ReportBasis, lang: Lang): string[] {
  const vi = lang === 'vi';
  const lines = [
    vi
      ? `Chương trình mục tiêu quốc gia giảm nghèo bền vững năm ${basis.fiscalYear}`
      : `National target program for sustainable poverty reduction, ${basis.fiscalYear}`,
    `${vi ? 'Kỳ báo cáo' : 'Period'}: ${describePeriod(basis.period, lang)}`,
  ];
  const cut = basis.end < basis.period.to;
  if (cut || basis.knownAt) {
    const date = vi ? formatVietnameseDate(basis.end) : basis.end;
    const parts = [
      ...(cut ? [`${vi ? 'Số liệu đến ngày' : 'Figures as of'} ${date}`] : []),
      ...(basis.knownAt
        ? [
            `${vi ? 'theo sổ sách lúc' : 'as the books showed at'} ${displayInstant(basis.knownAt, lang)}`,
          ]
        : []),
    ];
    lines.push(parts.join(vi ? ', ' : ', '));
  }
  return lines;
}

/** Where the plan's figures come from: the plan in force, or a draft not yet issued. */
export function planNote(basis: ReportBasis, lang: Lang): string | null {
  if (basis.plans.length === 0) return null;
  const vi = lang === 'vi';
  const each = basis.plans.map((p) => {
    if (!p.draft && p.number) {
      const on = p.issuedOn
        ? ` ${vi ? 'ngày' : 'of'} ${vi ? formatVietnameseDate(p.issuedOn) : p.issuedOn}`
        : '';
      return `${vi ? 'Kế hoạch số' : 'plan'} ${p.number}${on}`;
    }
    return vi
      ? `dự thảo kế hoạch của ${p.leadUnit} (chưa ban hành)`
      : `the draft plan of ${p.leadUnit} (not yet issued)`;
  });
  return vi
    ? `Kinh phí kế hoạch theo ${each.join('; ')}.`
    : `Planned amounts per ${each.join('; ')}.`;
}

/** "giai-ngan-2024-q2": file names without diacritics or spaces. */
export function fileStem(prefix: string, basis: ReportBasis): string {
  const period = basis.period.spec.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  const unit = basis.unit ? `-${basis.unit.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` : '';
  return `${prefix}-${basis.fiscalYear}-${period}${unit}`;
}
