import type { NewEvent } from './event';
import { InvalidEventError } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TYPE = /^[A-Za-z][A-Za-z0-9_.-]*$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True for a real calendar date written YYYY-MM-DD, by arithmetic (it runs for every
 * appended event; a Date per call cost more than the rest of the check). Years before
 * 0100 stay refused, as they were when this went through Date.UTC, which reads them as
 * 19xx.
 */
export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= days;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a batch before any adapter touches storage, so both adapters refuse the same
 * batches with the same error. Ids are lowercase UUIDs because EventStoreDB requires
 * UUIDs and we compare ids as strings.
 */
export function validateAppend(streamId: string, events: readonly NewEvent[]): void {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.startsWith('$')) {
    throw new InvalidEventError(
      `stream id must be a non-empty string not starting with $: ${streamId}`,
    );
  }
  if (events.length === 0) throw new InvalidEventError('a batch must hold at least one event');
  const seen = new Set<string>();
  // Named only when refusing: this loop runs for every appended event.
  const where = (index: number): string => `event ${index} of the batch for ${streamId}`;
  for (let index = 0; index < events.length; index++) {
    const event = events[index] as NewEvent;
    if (typeof event.id !== 'string' || !UUID.test(event.id)) {
      throw new InvalidEventError(
        `${where(index)}: id must be a lowercase UUID, got ${String(event.id)}`,
      );
    }
    if (seen.has(event.id))
      throw new InvalidEventError(`${where(index)}: id ${event.id} appears twice`);
    seen.add(event.id);
    if (typeof event.type !== 'string' || !TYPE.test(event.type)) {
      throw new InvalidEventError(
        `${where(index)}: type must be an identifier, got ${String(event.type)}`,
      );
    }
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new InvalidEventError(`${where(index)}: schemaVersion must be an integer ≥ 1`);
    }
    if (!isPlainObject(event.data))
      throw new InvalidEventError(`${where(index)}: data must be an object`);
    const m = event.metadata as unknown;
    if (!isPlainObject(m))
      throw new InvalidEventError(`${where(index)}: metadata must be an object`);
    if (typeof m.actor !== 'string' || m.actor.length === 0) {
      throw new InvalidEventError(`${where(index)}: metadata.actor is required`);
    }
    if (typeof m.correlationId !== 'string' || m.correlationId.length === 0) {
      throw new InvalidEventError(`${where(index)}: metadata.correlationId is required`);
    }
    if (m.causationId !== null && typeof m.causationId !== 'string') {
      throw new InvalidEventError(`${where(index)}: metadata.causationId must be a string or null`);
    }
    if (typeof m.effectiveDate !== 'string' || !isIsoDate(m.effectiveDate)) {
      throw new InvalidEventError(
        `${where(index)}: metadata.effectiveDate must be a date YYYY-MM-DD`,
      );
    }
    if (m.extra !== undefined && !isPlainObject(m.extra)) {
      throw new InvalidEventError(`${where(index)}: metadata.extra must be an object`);
    }
  }
}
