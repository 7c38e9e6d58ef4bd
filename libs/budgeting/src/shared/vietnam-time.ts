/**
 * Instants as people in Việt Nam read and type them: one module for the CLI, the
 * dashboard and the reports. Việt Nam keeps UTC+7 all year (no daylight saving), so a
 * fixed offset is exact, whatever the machine's zone.
 */
export const VIETNAM_ZONE = '+07:00';
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

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

/** "YYYY-MM-DDTHH:MM" on Vietnamese clocks, the value a datetime-local control shows. */
export function toVietnamLocal(instant: string): string {
  return new Date(Date.parse(instant) + VIETNAM_OFFSET_MS).toISOString().slice(0, 16);
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:([T ])(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
// What people write and what the CLI and the dashboard show: 19/3/2024, 19/3/2024 08:30,
// 19/3/2024 08:30:15, or the dashboard's 08:30 19/3/2024. Always Vietnamese clocks.
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME_FIRST = /^(\d{1,2}):(\d{2})(?::(\d{2}))? (\d{1,2})\/(\d{1,2})\/(\d{4})$/;

interface Parts {
  readonly y: string;
  readonly mo: string;
  readonly d: string;
  readonly hh: string;
  readonly mi: string;
  readonly ss: string;
  readonly fraction: string;
  readonly zone: string | undefined;
  /** Written with its zone and a `T`: passed on as written. */
  readonly asWritten: boolean;
}

function partsOf(text: string): Parts | null {
  const iso = ISO.exec(text);
  if (iso) {
    const [, y = '', mo = '', d = '', separator, hh = '00', mi = '00', ss = '00', fraction = ''] =
      iso;
    const zone = iso[9];
    return {
      y,
      mo,
      d,
      hh,
      mi,
      ss,
      fraction,
      zone,
      asWritten: zone !== undefined && separator === 'T',
    };
  }
  const dmy = DMY.exec(text);
  const timeFirst = dmy ? null : TIME_FIRST.exec(text);
  const [d, mo, y, hh, mi, ss] = dmy
    ? [dmy[1], dmy[2], dmy[3], dmy[4], dmy[5], dmy[6]]
    : timeFirst
      ? [timeFirst[4], timeFirst[5], timeFirst[6], timeFirst[1], timeFirst[2], timeFirst[3]]
      : [];
  if (!d || !mo || !y) return null;
  return {
    y,
    mo: pad(Number(mo)),
    d: pad(Number(d)),
    hh: pad(Number(hh ?? '0')),
    mi: mi ?? '00',
    ss: ss ?? '00',
    fraction: '',
    zone: undefined,
    asWritten: false,
  };
}

/**
 * An instant as typed: dd/mm/yyyy first (19/3/2024, 19/3/2024 08:30, 08:30 19/3/2024),
 * or ISO 8601 (2024-03-19, 2024-03-19T08:30, 2024-03-19 08:30:15, with or without a zone).
 * Without a zone it is read on Vietnamese clocks; a date alone means 00:00 that day.
 * `value` is ISO 8601 with a zone: as written when typed so, else in +07:00.
 * `format`: not one of those shapes; `calendar`: no such day or time (30/2, 24:00).
 */
export function parseVietnamInstant(
  text: string,
): { readonly value: string } | { readonly error: 'format' | 'calendar' } {
  const trimmed = text.trim();
  const p = partsOf(trimmed);
  if (!p) return { error: 'format' };
  const value = `${p.y}-${p.mo}-${p.d}T${p.hh}:${p.mi}:${p.ss}${p.fraction}${p.zone ?? VIETNAM_ZONE}`;
  // Date rolls 2024-02-30 over to March: check the calendar date and the clock too.
  const day = new Date(`${p.y}-${p.mo}-${p.d}T00:00:00Z`);
  const calendarOk =
    !Number.isNaN(day.getTime()) &&
    day.toISOString().startsWith(`${p.y}-${p.mo}-${p.d}`) &&
    Number(p.hh) < 24 &&
    Number(p.mi) < 60 &&
    Number(p.ss) < 60 &&
    !Number.isNaN(Date.parse(value));
  if (!calendarOk) return { error: 'calendar' };
  return { value: p.asWritten ? trimmed : value };
}
