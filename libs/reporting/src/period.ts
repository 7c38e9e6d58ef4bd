import { formatVietnameseDate } from '@app/budgeting';
import type { Lang } from './labels';

/**
 * A reporting period of a fiscal year. Progress reports are filed monthly, quarterly, for
 * six months and for the year; the year's payments run on to 31/01 of the next year (the
 * adjustment period), so "year-final" reports to then. Any from–to range is allowed too.
 */
export interface Period {
  /** What was asked, as written back in file names and JSON: `Q2`, `year`, `2024-04-01..2024-06-30`. */
  readonly spec: string;
  readonly from: string;
  readonly to: string;
  readonly label: { readonly vi: string; readonly en: string };
}

export class PeriodError extends Error {
  constructor(readonly spec: string) {
    super(`period: "${spec}"`);
    this.name = 'PeriodError';
  }
}

/** The accepted forms, said to a user who wrote another. */
export const PERIOD_FORMS = 'year | year-final | H1 | H2 | Q1…Q4 | M1…M12 | YYYY-MM-DD..YYYY-MM-DD';

const ROMAN = ['I', 'II', 'III', 'IV'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDay(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(day)}`;
}

function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function months(year: number, first: number, last: number): { from: string; to: string } {
  return { from: `${year}-${pad(first)}-01`, to: lastDay(year, last) };
}

/** The day before an ISO date. */
export function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** Parses a period of `fiscalYear`; the default is the calendar year. */
export function parsePeriod(fiscalYear: number, spec = 'year'): Period {
  const s = spec.trim();
  const y = fiscalYear;
  const upper = s.toUpperCase();
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(s);
  if (range) {
    const [, from = '', to = ''] = range;
    if (!isRealDate(from) || !isRealDate(to) || from > to) throw new PeriodError(spec);
    const f = formatVietnameseDate(from);
    const t = formatVietnameseDate(to);
    return {
      spec: s,
      from,
      to,
      label: { vi: `Từ ngày ${f} đến ngày ${t}`, en: `From ${from} to ${to}` },
    };
  }
  if (upper === 'YEAR' || upper === String(y)) {
    return {
      spec: 'year',
      ...months(y, 1, 12),
      label: { vi: `Năm ${y}`, en: `Year ${y}` },
    };
  }
  if (upper === 'YEAR-FINAL') {
    return {
      spec: 'year-final',
      from: `${y}-01-01`,
      to: `${y + 1}-01-31`,
      label: {
        vi: `Năm ${y} (kể cả thời gian chỉnh lý đến ngày 31/01/${y + 1})`,
        en: `Year ${y}, with the adjustment period to ${y + 1}-01-31`,
      },
    };
  }
  const half = /^H([12])$/.exec(upper);
  if (half) {
    const h = Number(half[1]);
    return {
      spec: upper,
      ...months(y, h === 1 ? 1 : 7, h === 1 ? 6 : 12),
      label: {
        vi: h === 1 ? `6 tháng đầu năm ${y}` : `6 tháng cuối năm ${y}`,
        en: h === 1 ? `First half of ${y}` : `Second half of ${y}`,
      },
    };
  }
  const quarter = /^Q([1-4])$/.exec(upper);
  if (quarter) {
    const q = Number(quarter[1]);
    return {
      spec: upper,
      ...months(y, 3 * q - 2, 3 * q),
      label: { vi: `Quý ${ROMAN[q - 1] ?? q} năm ${y}`, en: `Q${q} ${y}` },
    };
  }
  const month = /^M(\d{1,2})$/.exec(upper);
  if (month) {
    const m = Number(month[1]);
    if (m < 1 || m > 12) throw new PeriodError(spec);
    return {
      spec: `M${m}`,
      ...months(y, m, m),
      label: { vi: `Tháng ${m} năm ${y}`, en: `${y}-${pad(m)}` },
    };
  }
  throw new PeriodError(spec);
}

/** "Quý II năm 2024 (từ ngày 1/4/2024 đến ngày 30/6/2024)". */
export function describePeriod(period: Period, lang: Lang): string {
  if (/^\d{4}-/.test(period.spec)) return period.label[lang];
  const f = lang === 'vi' ? formatVietnameseDate(period.from) : period.from;
  const t = lang === 'vi' ? formatVietnameseDate(period.to) : period.to;
  return lang === 'vi'
    ? `${period.label.vi} (từ ngày ${f} đến ngày ${t})`
    : `${period.label.en} (${f} to ${t})`;
}
