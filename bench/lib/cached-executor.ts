/**
 * A prototype of the change the commands benchmark points to in
 * libs/application/src/command-executor.ts, measured here before anyone makes it: keep
 * each stream's folded state and revision in memory, and on the next command read only
 * the events after that revision (usually none) instead of the whole stream. A retried
 * command still appends nothing twice: its event ids are deterministic and the store
 * treats a re-append of committed ids as a no-op returning the original result.
 */
import {
  deterministicUuid,
  encodeEvent,
  decodeEvent,
  type CommandContext,
  type DomainEvent,
  type StreamDecision,
} from '@app/application';
import { ConcurrencyError, type AppendResult, type EventStore } from '@app/event-store';

export class CachedExecutor {
  private readonly states = new Map<string, { state: unknown; revision: bigint | null }>();

  constructor(private readonly store: EventStore) {}

  async execute<E extends DomainEvent, S>(
    context: CommandContext,
    decision: StreamDecision<E, S>,
  ): Promise<AppendResult | null> {
    for (let attempt = 1; ; attempt++) {
      const cached = this.states.get(decision.streamId);
      let state = (cached?.state as S | undefined) ?? decision.initialState;
      let revision = cached?.revision ?? null;
      const newer = await this.store.readStream(
        decision.streamId,
        revision === null ? {} : { fromRevision: revision + 1n },
      );
      for (const recorded of newer) {
        state = decision.evolve(state, decodeEvent<E>(recorded), recorded.metadata);
        revision = recorded.revision;
      }
      this.states.set(decision.streamId, { state, revision });
      const events = decision.decide(state);
      if (events.length === 0) return null;
      const metadata = {
        actor: context.actor.userId,
        correlationId: context.correlationId,
        causationId: context.causationId,
        effectiveDate: context.effectiveDate,
        extra: {
          actorName: context.actor.name,
          actorRole: context.actor.role,
          actorUnit: context.actor.unit,
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
        const result = await this.store.append(decision.streamId, toAppend, {
          expectedRevision: revision ?? 'no_stream',
        });
        for (const event of events) state = decision.evolve(state, event, metadata);
        this.states.set(decision.streamId, { state, revision: result.nextExpectedRevision });
        return result;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= 10) throw error;
      }
    }
  }
}
