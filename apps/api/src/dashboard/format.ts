import {
  formatMoney,
  formatVietnameseDate,
  parseVietnamInstant,
  toVietnamLocal,
} from '@app/budgeting';
import { isBusinessDate } from '../http/validation';

export type Lang = 'vi' | 'en';

const MONTHS_EN = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** Whole đồng: 2.444.771.300 in Vietnamese, 2,444,771,300 in English. */
export function money(amount: bigint | string, lang: Lang): string {
  const text = formatMoney(typeof amount === 'bigint' ? amount : BigInt(amount));
  return lang === 'vi' ? text : text.replaceAll('.', ',');
}

/** A business date: 19/3/2024, or 19 Mar 2024. */
export function date(isoDate: string, lang: Lang): string {
  if (lang === 'vi') return formatVietnameseDate(isoDate);
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${Number(d)} ${MONTHS_EN[Number(m) - 1] ?? m} ${y}`;
}

/** An instant as read in Vietnam (UTC+7): 14:05 19/3/2024, or 19 Mar 2024 14:05. */
export function instant(iso: string, lang: Lang): string {
  const local = toVietnamLocal(iso);
  const time = local.slice(11, 16);
  return lang === 'vi' ? `${time} ${date(local, lang)}` : `${date(local, lang)} ${time} (UTC+7)`;
}

/**
 * A business date as typed in the time control, d/m/yyyy (19/3/2024, 19/03/2024), or as
 * the dashboard's own links carry it (2024-03-19): YYYY-MM-DD, or null when it is not a
 * day of the calendar within the ledger's years. Never month first, whatever the browser.
 */
export function parseDate(text: string): string | null {
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  const iso = dmy
    ? `${dmy[3]}-${(dmy[2] ?? '').padStart(2, '0')}-${(dmy[1] ?? '').padStart(2, '0')}`
    : text.trim();
  return isBusinessDate(iso) ? iso : null;
}

/** What the time control's date field shows: always day first, 19/3/2024. */
export function dateInput(isoDate: string): string {
  return formatVietnameseDate(isoDate);
}

/** What the known-at field shows, as the page says instants: 14:05 19/3/2024 (Vietnam). */
export function instantInput(iso: string): string {
  return instant(iso, 'vi');
}

/**
 * A known-at instant from the time control or the address bar, as the CLI's --known-at
 * reads it (parseVietnamInstant): a datetime-local value ("2024-06-01T10:00") or a typed
 * 1/6/2024 10:00 is Vietnam time; an instant with its zone is taken as written. Null when
 * invalid.
 */
export function parseKnownAt(text: string): string | null {
  const parsed = parseVietnamInstant(text);
  return 'value' in parsed ? new Date(Date.parse(parsed.value)).toISOString() : null;
}

/** Disbursed share in hundredths of a percent: "8,16 %" / "8.16%". */
export function rate(part: bigint, whole: bigint, lang: Lang): string {
  if (whole <= 0n) return '—';
  const bp = (part * 10_000n) / whole;
  const text = `${bp / 100n}${lang === 'vi' ? ',' : '.'}${(bp % 100n).toString().padStart(2, '0')}`;
  return lang === 'vi' ? `${text} %` : `${text}%`;
}

/** A share as a number 0–100 for bar widths. */
export function percent(part: bigint, whole: bigint): number {
  if (whole <= 0n || part <= 0n) return 0;
  const bp = (part * 10_000n) / whole;
  return Math.min(100, Number(bp) / 100);
}

/** Whole days from one business date to another (negative when past). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
