import type { Filter } from '../document-store.port';

/**
 * The two axes of time travel. `asOf`: what had taken effect by that business date.
 * `knownAt`: what the books showed at that instant (events recorded up to it).
 */
export interface TimeWindow {
  readonly asOf?: string;
  readonly knownAt?: string;
}

/** Recorded times are stored as ISO instants (toISOString): normalise so text order is time order. */
export function normalizeInstant(value: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new RangeError(`knownAt: not an ISO 8601 instant: ${value}`);
  return new Date(time).toISOString();
}

export function windowFilter(window: TimeWindow): Filter {
  return {
    ...(window.asOf ? { effectiveDate: { $lte: window.asOf } } : {}),
    ...(window.knownAt ? { recordedAt: { $lte: normalizeInstant(window.knownAt) } } : {}),
  };
}

export function isTimeTravel(window: TimeWindow): boolean {
  return Boolean(window.asOf ?? window.knownAt);
}
