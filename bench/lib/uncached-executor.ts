/**
 * The command executor as it was before the stream state cache (libs/application
 * command-executor.ts up to Nov 2026), kept as the commands benchmark's baseline: every
 * command reads its whole stream, decodes and folds it, decides, and appends with the
 * expected revision. Replays and retries as in the library; no cache.
 */
import {
  decodeEvent,
  deterministicUuid,
  encodeEvent,
  type CommandContext,
  type DomainEvent,
  type StreamDecision,
} from '@app/application';
import { ConcurrencyError, type AppendResult, type EventStore } from '@app/event-store';

const MAX_ATTEMPTS = 10;

export async function executeUncached<E extends DomainEvent, S>(
  store: EventStore,
  context: CommandContext,
  decision: StreamDecision<E, S>,
): Promise<AppendResult | null> {
  const firstId = deterministicUuid(context.commandId, decision.streamId, '0');
  for (let attempt = 1; ; attempt++) {
    const recorded = await store.readStream(decision.streamId);
    if (recorded.some((e) => e.id === firstId)) return null;
    const state = recorded.reduce(
      (s, e) => decision.evolve(s, decodeEvent<E>(e), e.metadata),
      decision.initialState,
    );
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
      return await store.append(decision.streamId, toAppend, {
        expectedRevision: recorded.at(-1)?.revision ?? 'no_stream',
      });
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
