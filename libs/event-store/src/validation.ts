import type { NewEvent } from './event';
import { InvalidEventError } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.toISOString().slice(0, 10) === value;
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
  events.forEach((event, index) => {
    const where = `event ${index} of the batch for ${streamId}`;
    if (typeof event.id !== 'string' || !UUID.test(event.id)) {
      throw new InvalidEventError(`${where}: id must be a lowercase UUID, got ${String(event.id)}`);
    }
    if (seen.has(event.id)) throw new InvalidEventError(`${where}: id ${event.id} appears twice`);
    seen.add(event.id);
    if (typeof event.type !== 'string' || !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(event.type)) {
      throw new InvalidEventError(
        `${where}: type must be an identifier, got ${String(event.type)}`,
      );
    }
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new InvalidEventError(`${where}: schemaVersion must be an integer ≥ 1`);
    }
    if (!isPlainObject(event.data)) throw new InvalidEventError(`${where}: data must be an object`);
    const m = event.metadata as unknown;
    if (!isPlainObject(m)) throw new InvalidEventError(`${where}: metadata must be an object`);
    if (typeof m.actor !== 'string' || m.actor.length === 0) {
      throw new InvalidEventError(`${where}: metadata.actor is required`);
    }
    if (typeof m.correlationId !== 'string' || m.correlationId.length === 0) {
      throw new InvalidEventError(`${where}: metadata.correlationId is required`);
    }
    if (m.causationId !== null && typeof m.causationId !== 'string') {
      throw new InvalidEventError(`${where}: metadata.causationId must be a string or null`);
    }
    if (typeof m.effectiveDate !== 'string' || !isIsoDate(m.effectiveDate)) {
      throw new InvalidEventError(`${where}: metadata.effectiveDate must be a date YYYY-MM-DD`);
    }
    if (m.extra !== undefined && !isPlainObject(m.extra)) {
      throw new InvalidEventError(`${where}: metadata.extra must be an object`);
    }
  });
}
