import type { Messages } from '@app/budgeting';
import type { UsageProblem } from './cli-errors';

/** Việt Nam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
export const VIETNAM_ZONE = '+07:00';

const pad = (n: number): string => n.toString().padStart(2, '0');

function inVietnam(instant: string): Date | null {
  const time = Date.parse(instant);
  return Number.isNaN(time) ? null : new Date(time + VIETNAM_OFFSET_MS);
}

/** An instant on Vietnamese clocks, for people: `19/7/2024 14:03:12`. */
export function formatVietnamTime(instant: string): string {
  const t = inVietnam(instant);
  if (!t) return instant;
  return `${t.getUTCDate()}/${t.getUTCMonth() + 1}/${t.getUTCFullYear()} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}

/** An instant on Vietnamese clocks, for spreadsheets (Excel reads it as a date-time): `2024-07-19 14:03:12`. */
export function formatVietnamTimeForSheet(instant: string): string {
  const t = inVietnam(instant);
  if (!t) return instant;
  return t.toISOString().slice(0, 19).replace('T', ' ');
}

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:([T ])(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * `--known-at`: an ISO 8601 instant. Without a zone it is read on Vietnamese clocks
 * (UTC+7), whatever the machine's zone, so the same command means the same instant on
 * the treasurer's laptop and on a UTC server; a date alone means 00:00 that day.
 * Returns the instant as the query takes it, or a usage problem.
 */
export function parseKnownAtOption(text: string): { value: string } | { problem: UsageProblem } {
  const problem = (message: Messages): { problem: UsageProblem } => ({
    problem: { field: '--known-at', message },
  });
  const m = INSTANT.exec(text.trim());
  if (!m) {
    return problem({
      vi: `--known-at: thời điểm không hợp lệ "${text}" (ISO 8601, ví dụ 2024-07-01T08:30 theo giờ Việt Nam, hoặc 2024-07-01T01:30:00Z)`,
      en: `--known-at: invalid instant "${text}" (ISO 8601, e.g. 2024-07-01T08:30 in Vietnam time, or 2024-07-01T01:30:00Z)`,
    });
  }
  const [, y, mo, d, separator, hh = '00', mi = '00', ss = '00', fraction = '', zone] = m;
  const value = `${y}-${mo}-${d}T${hh}:${mi}:${ss}${fraction}${zone ?? VIETNAM_ZONE}`;
  // Date rolls 2024-02-30 over to March: check the calendar date and the clock too.
  const day = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  const calendarOk =
    !Number.isNaN(day.getTime()) &&
    day.toISOString().startsWith(`${y}-${mo}-${d}`) &&
    Number(hh) < 24 &&
    Number(mi) < 60 &&
    Number(ss) < 60 &&
    !Number.isNaN(Date.parse(value));
  if (!calendarOk) {
    return problem({
      vi: `--known-at: thời điểm không tồn tại "${text}"`,
      en: `--known-at: no such instant "${text}"`,
    });
  }
  // An instant given with its zone passes as written: the JSON then echoes it as the API does.
  return { value: zone !== undefined && separator === 'T' ? text.trim() : value };
}
