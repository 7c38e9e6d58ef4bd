import type { RecordedEvent } from '@app/event-store';

/** Typed access to stored event data, which projections read as JSON. */
export function str(event: RecordedEvent, field: string): string {
  const value = event.data[field];
  if (typeof value !== 'string')
    throw new TypeError(`${event.type}@${event.position}: ${field} is not a string`);
  return value;
}

export function optStr(event: RecordedEvent, field: string): string | null {
  const value = event.data[field];
  return typeof value === 'string' ? value : null;
}

/** A money field as bigint (stored as a decimal string). */
export function money(event: RecordedEvent, field: string): bigint {
  return BigInt(str(event, field));
}

export function strings(event: RecordedEvent, field: string): string[] {
  const value = event.data[field];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Who acted, as the command executor recorded it in the metadata. */
export function actorOf(event: RecordedEvent): {
  id: string;
  name: string;
  role: string;
  unit: string | null;
} {
  const extra = event.metadata.extra ?? {};
  return {
    id: event.metadata.actor,
    name: typeof extra.actorName === 'string' ? extra.actorName : event.metadata.actor,
    role: typeof extra.actorRole === 'string' ? extra.actorRole : '',
    unit: typeof extra.actorUnit === 'string' ? extra.actorUnit : null,
  };
}

/** A scalar field as text (years are numbers in events), for ids built from it. */
export function text(event: RecordedEvent, field: string): string {
  const value = event.data[field];
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new TypeError(`${event.type}@${event.position}: ${field} is not a scalar`);
}
