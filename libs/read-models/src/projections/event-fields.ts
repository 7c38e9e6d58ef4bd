import { textField } from '@app/application';
import type { BudgetLineEvent, ExpenditureSignature } from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import type { DocumentValue } from '../document-store.port';

/**
 * A domain value as the store keeps it (the codec of @app/application): money (bigint) as
 * its decimal string, the rest as JSON has it (plain, so it can be copied into documents).
 */
export type Stored<T> = T extends bigint
  ? string
  : T extends readonly (infer U)[]
    ? Stored<U>[]
    : T extends object
      ? { -readonly [K in keyof T]: Stored<T[K]> }
      : T;

/**
 * A recorded event read as a member of the domain's event union E: switching on its type
 * narrows its data, so a field renamed in the domain's event types fails the type check of
 * every projection that reads it.
 */
export type StoredEvent<E extends { readonly type: string; readonly data: object }> =
  E extends unknown
    ? Omit<RecordedEvent, 'type' | 'data'> & {
        readonly type: E['type'];
        readonly data: Stored<E['data']>;
      }
    : never;

/**
 * The recorded event as a member of E. A cast, not a parse: the store holds what the codec
 * wrote from E, and a projection reads only the types it handles (events of other streams
 * fall to its switch's default). Fields added to E later are optional in E, so old events
 * type-check as they read.
 */
export function storedAs<E extends { readonly type: string; readonly data: object }>(
  event: RecordedEvent,
): StoredEvent<E> {
  return event as unknown as StoredEvent<E>;
}

/** A budget-line event as stored. */
export type StoredLineEvent = StoredEvent<BudgetLineEvent>;
export const lineEventOf = (event: RecordedEvent): StoredLineEvent =>
  storedAs<BudgetLineEvent>(event);

/** Every field name some member of the union E carries in its data. */
export type FieldOf<E extends { readonly data: object }> = E extends unknown
  ? keyof E['data'] & string
  : never;

/** A string field, by a name the domain's union E declares (str<BudgetLineEvent>(e, 'payee')). */
export function str<E extends { readonly data: object }>(
  event: RecordedEvent,
  field: FieldOf<E>,
): string {
  return textField(event, field);
}

export function optStr<E extends { readonly data: object }>(
  event: RecordedEvent,
  field: FieldOf<E>,
): string | null {
  const value = event.data[field];
  return typeof value === 'string' ? value : null;
}

export function strings<E extends { readonly data: object }>(
  event: RecordedEvent,
  field: FieldOf<E>,
): string[] {
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
export function text<E extends { readonly data: object }>(
  event: RecordedEvent,
  field: FieldOf<E>,
): string {
  const value = event.data[field];
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  throw new TypeError(`${event.type}@${event.position}: ${field} is not a scalar`);
}

/** A signature (ExpenditureSigned, or one of an approval's) as read models keep it. */
export function signatureDoc(s: ExpenditureSignature): DocumentValue {
  const { capacity, signedBy, person, name, title, standing, specimen, signedOn } = s;
  const { number, registeredOn } = specimen;
  return {
    capacity,
    signedBy,
    person,
    name,
    title,
    standing,
    specimen: { number, registeredOn },
    signedOn,
  };
}
