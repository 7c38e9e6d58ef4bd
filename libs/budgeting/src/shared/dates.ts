import { DomainError } from './domain-error';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The business dates the ledger takes: those of the fiscal years it can hold (2000–2100,
 * as budget line keys). "0000-01-01" or "9999-12-31" is a typing error, not history.
 */
export const BUSINESS_DATES = { from: '2000-01-01', to: '2100-12-31' } as const;
/** Documents cited as legal basis may be older than the ledger's years (from 2/9/1945). */
export const DOCUMENT_DATES = { from: '1945-09-02', to: BUSINESS_DATES.to } as const;

/** A real calendar date YYYY-MM-DD within the window (both ends inclusive). */
export function isDateWithin(
  text: unknown,
  window: { readonly from: string; readonly to: string } = BUSINESS_DATES,
): text is string {
  if (typeof text !== 'string' || !DATE.exec(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  // An impossible month gives an invalid Date, whose toISOString throws: check first.
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== text) return false;
  return text >= window.from && text <= window.to;
}

/** A business date YYYY-MM-DD that exists in the calendar, within the window. Compared as strings. */
export function parseBusinessDate(
  text: string,
  field: string,
  window: { readonly from: string; readonly to: string } = BUSINESS_DATES,
): string {
  if (!isDateWithin(text, window)) {
    throw new DomainError(
      'VALIDATION.DATE',
      'validation',
      {
        vi: `${field}: ngày không hợp lệ "${String(text).slice(0, 40)}" (định dạng YYYY-MM-DD, từ ${window.from} đến ${window.to})`,
        en: `${field}: invalid date "${String(text).slice(0, 40)}" (format YYYY-MM-DD, from ${window.from} to ${window.to})`,
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
