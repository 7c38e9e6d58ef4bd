import { DomainError } from './domain-error';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A business date YYYY-MM-DD that exists in the calendar. Compared as strings. */
export function parseBusinessDate(text: string, field: string): string {
  const match = typeof text === 'string' ? DATE.exec(text) : null;
  const parsed = match ? new Date(`${text}T00:00:00Z`) : null;
  // An impossible month gives an invalid Date, whose toISOString throws: check first.
  const valid =
    parsed !== null &&
    !Number.isNaN(parsed.getTime()) &&
    parsed.toISOString().slice(0, 10) === text;
  if (!valid) {
    throw new DomainError(
      'VALIDATION.DATE',
      'validation',
      {
        vi: `${field}: ngày không hợp lệ "${text}" (định dạng YYYY-MM-DD)`,
        en: `${field}: invalid date "${text}" (format YYYY-MM-DD)`,
      },
      { field },
    );
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
