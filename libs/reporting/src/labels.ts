import { formatVietnameseDate } from '@app/budgeting';

export type Lang = 'vi' | 'en';

export interface ReportContext {
  /** The reporting unit named in the title, e.g. "UBND huyện Ba Tơ". */
  readonly unitName: string;
  readonly lang: Lang;
  /** Today, when the report has no as-of date. */
  readonly today?: string;
}

export const FUND_SOURCE_NAMES: Record<string, { vi: string; en: string }> = {
  central: { vi: 'Ngân sách trung ương', en: 'Central budget' },
  provincial: { vi: 'Ngân sách tỉnh', en: 'Provincial budget' },
  district: { vi: 'Ngân sách huyện', en: 'District budget' },
};

export function fundSourceName(code: string, lang: Lang): string {
  return FUND_SOURCE_NAMES[code]?.[lang] ?? code;
}

/** "19/3/2024" or "3/19/2024"-free English: 19 Mar 2024 would need a locale; keep ISO in English. */
export function displayDate(isoDate: string, lang: Lang): string {
  return lang === 'vi' ? formatVietnameseDate(isoDate) : isoDate;
}

/** An instant as Vietnam reads it (UTC+7): "14:05 ngày 15/7/2024". */
export function displayInstant(iso: string, lang: Lang): string {
  const local = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  const time = local.slice(11, 16);
  return lang === 'vi'
    ? `${time} ngày ${formatVietnameseDate(local.slice(0, 10))}`
    : `${local.slice(0, 10)} ${time} (UTC+7)`;
}

export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
