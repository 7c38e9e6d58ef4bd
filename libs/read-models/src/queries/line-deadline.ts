import { normalizeInstant, type TimeWindow } from './time-window';

/** A carried-over line's deadline and where it comes from, as a balance shows it. */
export interface LineDeadline {
  readonly date: string | null;
  /** 'decision': the carry-over decision stated it; 'default': 31/12 of the receiving year. */
  readonly basis: 'decision' | 'default' | null;
  /** The carry-over decision that set it (or stated none); null before 0.9.0's version 8. */
  readonly decision: string | null;
  /** The decisions that extended it, oldest first. */
  readonly extensions: readonly string[];
}

export const NO_DEADLINE: LineDeadline = {
  date: null,
  basis: null,
  decision: null,
  extensions: [],
};

type Fields = Readonly<Record<string, unknown>>;

const text = (d: Fields, key: string): string | null =>
  typeof d[key] === 'string' ? d[key] : null;

/** The deadline as the `lines` document records it now. */
export function deadlineOf(d: Fields): LineDeadline {
  const date = text(d, 'carryOverDeadline');
  if (date === null) return NO_DEADLINE;
  const extensions = Array.isArray(d.deadlineExtensions)
    ? d.deadlineExtensions.filter((x): x is string => typeof x === 'string')
    : [];
  return {
    date,
    basis: d.deadlineBasis === 'decision' ? 'decision' : 'default',
    decision: text(d, 'deadlineDecision'),
    extensions,
  };
}

/**
 * The deadline in effect on `asOf` as known at `knownAt`: the settings (carry-ins and
 * extensions, each with its effective date and recorded instant) that had taken effect and
 * were recorded by then. An extension decided or recorded later does not show. A line
 * whose settings were all recorded before version 8 has none: it shows the present one.
 */
export function deadlineAt(d: Fields, window: TimeWindow): LineDeadline {
  const settings = Array.isArray(d.deadlineSettings) ? (d.deadlineSettings as Fields[]) : null;
  if (settings === null) return deadlineOf(d);
  const knownAt = window.knownAt ? normalizeInstant(window.knownAt) : null;
  const applies = (s: Fields): boolean =>
    (window.asOf === undefined || (text(s, 'on') ?? '') <= window.asOf) &&
    (knownAt === null || (text(s, 'at') ?? '') <= knownAt);
  let found: LineDeadline = NO_DEADLINE;
  for (const s of settings.filter(applies)) {
    const date = text(s, 'carryOverDeadline');
    if (date === null) continue;
    const extension = text(s, 'extension');
    found =
      extension === null
        ? {
            date: found.date !== null && found.date > date ? found.date : date,
            // As the domain's line takes them: the latest carry-in's basis, the first's decision.
            basis: s.deadlineBasis === 'decision' ? 'decision' : 'default',
            decision: found.decision ?? text(s, 'deadlineDecision'),
            extensions: found.extensions,
          }
        : { ...found, date, extensions: [...found.extensions, extension] };
  }
  return found;
}
