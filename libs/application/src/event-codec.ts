import type {
  JsonObject,
  JsonValue,
  NewEvent,
  RecordedEvent,
  EventMetadataInput,
} from '@app/event-store';

/** Domain events are `{ type, data }` with bigint money; stored events carry decimal strings. */
export interface DomainEvent {
  readonly type: string;
  readonly data: object;
}

/**
 * Money fields are named `amount` or end in `Amount`: that name rule is the whole codec,
 * so a new event needs no mapping code and money never passes through a float.
 */
const MONEY_FIELD = /^(amount|.*Amount)$/;

function encodeValue(value: unknown): JsonValue {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('non-finite number in event data');
    return value;
  }
  if (Array.isArray(value)) return value.map(encodeValue);
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) out[k] = encodeValue(v);
    }
    return out;
  }
  throw new TypeError(`cannot store a ${typeof value} in event data`);
}

function decodeValue(value: JsonValue, key: string | null): unknown {
  if (typeof value === 'string' && key !== null && MONEY_FIELD.test(key) && /^-?\d+$/.test(value))
    return BigInt(value);
  if (Array.isArray(value)) return value.map((v) => decodeValue(v, null));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = decodeValue(v, k);
    return out;
  }
  return value;
}

export function encodeEvent(
  event: DomainEvent,
  id: string,
  metadata: EventMetadataInput,
  schemaVersion = 1,
): NewEvent {
  return {
    id,
    type: event.type,
    schemaVersion,
    data: encodeValue(event.data) as JsonObject,
    metadata,
  };
}

/** Of a stored event, or of one about to be appended (to fold it as it will read back). */
export function decodeEvent<E extends DomainEvent>(
  recorded: Pick<RecordedEvent, 'type' | 'data'>,
): E {
  return { type: recorded.type, data: decodeValue(recorded.data, null) } as E;
}

/** A string field of a stored event's data, for processes that only route on ids. */
export function textField(event: RecordedEvent, field: string): string {
  const value = event.data[field];
  if (typeof value !== 'string')
    throw new TypeError(`${event.type} at ${event.position}: ${field} is not a string`);
  return value;
}
