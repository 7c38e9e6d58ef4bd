import {
  ConcurrencyError,
  type EventStore,
  type JsonObject,
  type ExpectedRevision,
} from '@app/event-store';
import type { Actor } from '@app/budgeting';
import { decodeEvent, encodeEvent, type DomainEvent } from './event-codec';
import { deterministicUuid } from './deterministic-id';

/** Who acts, why and when: carried into every event's metadata. */
export interface CommandContext {
  readonly actor: Actor;
  /** The idempotency key (or another unique id) of the request: event ids derive from it. */
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** Business date the facts take effect (YYYY-MM-DD). */
  readonly effectiveDate: string;
  /** Authority, legal basis and the like, kept in the metadata for the audit trail. */
  readonly extra?: JsonObject;
}

export interface StreamDecision<E extends DomainEvent, S> {
  readonly streamId: string;
  readonly initialState: S;
  readonly evolve: (state: S, event: E) => S;
  /** Pure; may throw DomainError. Called again on every retry with fresh state. */
  readonly decide: (state: S) => readonly E[];
}

export interface ExecutionResult<E> {
  readonly events: readonly E[];
  /** Position of the last event written (or found, on a replay); null when nothing was due. */
  readonly position: bigint | null;
  readonly nextExpectedRevision: bigint | null;
  /** True when this command's events were already in the stream (a retried request). */
  readonly replayed: boolean;
}

const MAX_ATTEMPTS = 10;

/**
 * Load, fold, decide, append with the expected revision. A concurrent writer makes the
 * append fail with ConcurrencyError: we read again and decide again (bounded), so a rule
 * like "never overdraw" is checked against the state the append lands on.
 */
export async function executeOnStream<E extends DomainEvent, S>(
  store: EventStore,
  context: CommandContext,
  decision: StreamDecision<E, S>,
): Promise<ExecutionResult<E>> {
  const firstId = deterministicUuid(context.commandId, decision.streamId, '0');
  for (let attempt = 1; ; attempt++) {
    const recorded = await store.readStream(decision.streamId);
    const already = recorded.findIndex((e) => e.id === firstId);
    if (already >= 0) {
      const own = recorded
        .slice(already)
        .filter((e) => e.metadata.correlationId === context.correlationId);
      const last = own.at(-1) ?? recorded[already];
      return {
        events: own.map((e) => decodeEvent<E>(e)),
        position: last?.position ?? null,
        nextExpectedRevision: recorded.at(-1)?.revision ?? null,
        replayed: true,
      };
    }
    const state = recorded.reduce(
      (s, e) => decision.evolve(s, decodeEvent<E>(e)),
      decision.initialState,
    );
    const events = decision.decide(state);
    if (events.length === 0) {
      return {
        events,
        position: null,
        nextExpectedRevision: recorded.at(-1)?.revision ?? null,
        replayed: false,
      };
    }
    const expectedRevision: ExpectedRevision = recorded.at(-1)?.revision ?? 'no_stream';
    const metadata = {
      actor: context.actor.userId,
      correlationId: context.correlationId,
      causationId: context.causationId,
      effectiveDate: context.effectiveDate,
      extra: {
        actorName: context.actor.name,
        actorRole: context.actor.role,
        actorUnit: context.actor.unit,
        ...(context.extra ?? {}),
      },
    };
    const toAppend = events.map((event, i) =>
      encodeEvent(
        event,
        deterministicUuid(context.commandId, decision.streamId, String(i)),
        metadata,
      ),
    );
    try {
      const result = await store.append(decision.streamId, toAppend, { expectedRevision });
      return {
        events,
        position: result.position,
        nextExpectedRevision: result.nextExpectedRevision,
        replayed: false,
      };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
