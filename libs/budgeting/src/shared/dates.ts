import { DomainError } from './domain-error';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A business date YYYY-MM-DD that exists in the calendar. Compared as strings. */
export function parseBusinessDate(text: string, field: string): string {
  const match = DATE.exec(text);
  const valid = match !== null && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
  if (!valid) {
    throw new DomainError('VALIDATION.DATE', 'validation', {
      vi: `${field}: ngày không hợp lệ "${text}" (định dạng YYYY-MM-DD)`,
      en: `${field}: invalid date "${text}" (format YYYY-MM-DD)`,
    });
  }
  return text;
}

/** Vietnamese reading format: 19/3/2024. */
export function formatVietnameseDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${Number(d)}/${Number(m)}/${y}`;
}

/** 31/12 of the year carried-over money was carried into: the day after, it lapses. */
export function carryOverDeadline(fiscalYear: number): string {
  return `${fiscalYear}-12-31`;
}
