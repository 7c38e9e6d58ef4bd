/*
 * The two time axes of the balances, cut into weeks: where the projection keeps one
 * snapshot per line and week, and where a time-travel query starts from one.
 *
 * Business dates are Vietnam's (UTC+7, no daylight saving): an entry recorded at 06:00
 * local time on 3 June is recorded on 3 June, not on 2 June. The offset and the week length
 * only decide how many movements a query adds on top of a snapshot; the answers are exact
 * whatever they are (each query states its sets by the stored dates themselves).
 */

const DAY_MS = 86_400_000;
const BUSINESS_OFFSET_MS = 7 * 3_600_000;
/**
 * One snapshot per line per week. Measured at 100k events: daily snapshots would write ~7×
 * more documents for a residual that is already a few hundred movements; monthly ones
 * would leave a month of movements (thousands at 1M events) to add at query time.
 */
const WEEK_DAYS = 7;

/** Where an entry's effective date stands against the day it was recorded. */
export type Lag = 'late' | 'on' | 'early';
export const LAGS: readonly Lag[] = ['early', 'late', 'on'];

/*
 * Dates and day numbers are converted for every movement a replay projects (a million at
 * a time in a rebuild), and a history has only a few thousand distinct days: both ways are
 * remembered, in maps emptied when they grow past a bound (so memory stays flat).
 */
const MEMO_LIMIT = 20_000;
const dayNumbers = new Map<string, number>();
const datesOfDays = new Map<number, string>();

function dayNumber(date: string): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    day = Math.floor(Date.parse(`${date}T00:00:00.000Z`) / DAY_MS);
    if (dayNumbers.size >= MEMO_LIMIT) dayNumbers.clear();
    dayNumbers.set(date, day);
  }
  return day;
}

function dateOfDay(day: number): string {
  let date = datesOfDays.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (datesOfDays.size >= MEMO_LIMIT) datesOfDays.clear();
    datesOfDays.set(day, date);
  }
  return date;
}

/** The business date (YYYY-MM-DD) of a recorded instant. */
export function businessDate(instant: string): string {
  return dateOfDay(Math.floor((Date.parse(instant) + BUSINESS_OFFSET_MS) / DAY_MS));
}

/** The last instant (ISO, ms) whose business date is `date`. */
export function endOfBusinessDay(date: string): string {
  return new Date((dayNumber(date) + 1) * DAY_MS - BUSINESS_OFFSET_MS - 1).toISOString();
}

/** The week of a date: the date of its Monday, so weeks sort as text. */
export function weekOf(date: string): string {
  const day = dayNumber(date);
  // Day 0 (1970-01-01) was a Thursday: Monday-based weekday = (day + 3) mod 7.
  return dateOfDay(day - ((((day + 3) % WEEK_DAYS) + WEEK_DAYS) % WEEK_DAYS));
}

/** The week `weeks` after `week` (a week key). */
export function addWeeks(week: string, weeks: number): string {
  return dateOfDay(dayNumber(week) + weeks * WEEK_DAYS);
}

/** The first instant (ISO) of a week on the recorded axis. */
export function weekStartInstant(week: string): string {
  return new Date(dayNumber(week) * DAY_MS - BUSINESS_OFFSET_MS).toISOString();
}

/** The weeks after `after` up to and including `upTo` (both weeks), oldest first. */
export function weeksBetween(after: string, upTo: string): string[] {
  const out: string[] = [];
  for (let day = dayNumber(after) + WEEK_DAYS; day <= dayNumber(upTo); day += WEEK_DAYS) {
    out.push(dateOfDay(day));
  }
  return out;
}

/** The date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** Days from one date to another (negative if the second is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** How many days before its recorded business day an entry took effect (0 if not before). */
export function daysLate(effectiveDate: string, recordedAt: string): number {
  return Math.max(0, dayNumber(businessDate(recordedAt)) - dayNumber(effectiveDate));
}

/*
 * Back-dated entries as intervals [effective day, recorded day): the ones that cross a
 * date D (effective by D, recorded after it) are a stabbing query. Each interval is filed
 * under its length's power of two (level) and the bucket of that size its start falls in;
 * it can only cross D if that bucket is D's or the one before, at its level. So a query
 * reads two keys per level, and about as many intervals as actually cross D.
 */

function levelOf(length: number): number {
  let level = 0;
  while (2 ** level < length) level++;
  return level;
}

/** The stabbing key of a back-dated entry (null if it is not back-dated). */
export function crossingKey(effectiveDate: string, recordedAt: string): string | null {
  const start = dayNumber(effectiveDate);
  const length = dayNumber(businessDate(recordedAt)) - start;
  if (length <= 0) return null;
  const level = levelOf(length);
  return `${level}:${Math.floor(start / 2 ** level)}`;
}

/** The keys under which every back-dated entry (at most `maxDaysLate`) crossing `date` is filed. */
export function crossingKeys(date: string, maxDaysLate: number): string[] {
  const day = dayNumber(date);
  const keys: string[] = [];
  for (let level = 0; level <= levelOf(Math.max(1, maxDaysLate)); level++) {
    const bucket = Math.floor(day / 2 ** level);
    keys.push(`${level}:${bucket}`, `${level}:${bucket - 1}`);
  }
  return keys;
}

/** Back-dated (late), same day (on) or future-dated (early), by the business date. */
export function lagOf(effectiveDate: string, recordedAt: string): Lag {
  const recorded = businessDate(recordedAt);
  return effectiveDate < recorded ? 'late' : effectiveDate > recorded ? 'early' : 'on';
}
