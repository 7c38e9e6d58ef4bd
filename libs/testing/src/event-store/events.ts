import { randomUUID } from 'node:crypto';
import type { JsonObject, NewEvent } from '@app/event-store';

/** A valid event with a fresh id; override what the test cares about. */
export function anEvent(overrides: Partial<NewEvent> & { data?: JsonObject } = {}): NewEvent {
  return {
    id: randomUUID(),
    type: 'TestHappened',
    schemaVersion: 1,
    data: { amount: '1000' },
    metadata: {
      actor: 'user:test',
      correlationId: randomUUID(),
      causationId: null,
      effectiveDate: '2024-03-25',
    },
    ...overrides,
  };
}

export function someEvents(count: number, overrides: Partial<NewEvent> = {}): NewEvent[] {
  return Array.from({ length: count }, (_, i) => anEvent({ data: { n: i }, ...overrides }));
}

/** A stream name no other test (or earlier run against a shared server) uses. */
export function uniqueStream(prefix = 'test'): string {
  return `${prefix}-${randomUUID()}`;
}
