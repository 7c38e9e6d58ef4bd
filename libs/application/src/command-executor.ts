import {
  ConcurrencyError,
  type EventMetadataInput,
  type EventStore,
  type JsonObject,
} from '@app/event-store';
import { DomainError, type Actor } from '@app/budgeting';
import { decodeEvent, encodeEvent, type DomainEvent } from './event-codec';
import { deterministicUuid } from './deterministic-id';
import {
  StreamStateCache,
  streamStateCache,
  type FoldedStream,
  type StreamView,
} from './stream-state-cache';

/** Who acts, why and when: carried into every event's metadata. */
export interface CommandContext {
  readonly actor: Actor;
  /** The idempotency key (or another unique id) of the request: event ids derive from it. */
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** Business date the facts take effect (YYYY-MM-DD). */
  readonly effectiveDate: string;
  /**
   * The business day the command is made on (YYYY-MM-DD): the server's day in Vietnam for
   * a request, the item's own date for an import transcribing decisions made earlier.
   * Delegations are checked on it as well as on the effective date.
   */
  readonly recordedOn: string;
  /** Authority, legal basis and the like, kept in the metadata for the audit trail. */
  readonly extra?: JsonObject;
}

/** A command on one stream, its decide bound to the command. */
export interface StreamDecision<E extends DomainEvent, S> extends StreamView<E, S> {
  /** Pure; may throw DomainError. Called again on every retry with fresh state. */
  readonly decide: (state: S) => readonly E[];
}

/** A decider as the executor runs it: `name` keys its folded states in the cache. */
export interface StreamDecider<C, E extends DomainEvent, S> {
  readonly name: string;
  readonly initialState: S;
  evolve(state: S, event: E, metadata: EventMetadataInput): S;
  decide(command: C, state: S): readonly E[];
}

export interface ExecutionOptions<S> {
  /**
   * The stream as this same command already loaded it (loadStream), to decide on at
   * the first attempt without reading again. Sound because it was the log's state at
   * a moment during the command: a refusal or a no-op decided on it is one the log
   * justified then, and an append is still checked against the expected revision.
   */
  readonly loaded?: FoldedStream<S>;
  /**
   * False for a stream written once and seldom read again (an expenditure's locator, a
   * voucher claim): it is read whole, and takes no place from the lines in the cache.
   */
  readonly cache?: boolean;
}

/** What a command answers over the bus (and HTTP): the id it names and where it was written. */
export interface CommandAnswer {
  readonly id: string;
  /** Log position of the last event written: pass it to queries to read your writes. */
  readonly position: string | null;
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

/** The id of a command's `index`th event on a stream: a retried command finds its events by it. */
export function eventIdOf(commandId: string, streamId: string, index: number): string {
  return deterministicUuid(commandId, streamId, String(index));
}

/** The stream's state as the store has it now (from the cache, plus what was appended since). */
export async function loadStream<E extends DomainEvent, S>(
  store: EventStore,
  view: StreamView<E, S>,
): Promise<FoldedStream<S>> {
  return streamStateCache(store).catchUp(store, view);
}

/**
 * The one way a command is run, whatever door it came in by (HTTP, CLI, import,
 * follow-ups): `decider.decide(command)` on the stream's state, appended with the
 * expected revision (see executeOnStream for the cache, retries and idempotency).
 */
export function handle<C, E extends DomainEvent, S>(
  store: EventStore,
  context: CommandContext,
  streamId: string,
  decider: StreamDecider<C, E, S>,
  command: C,
  options: ExecutionOptions<S> = {},
): Promise<ExecutionResult<E>> {
  return executeOnStream(
    store,
    context,
    {
      streamId,
      name: decider.name,
      initialState: decider.initialState,
      evolve: (state, event, metadata) => decider.evolve(state, event, metadata),
      decide: (state) => decider.decide(command, state),
    },
    options,
  );
}

/**
 * Load, fold, decide, append with the expected revision (handle() is its front door). The stream's folded state is
 * cached per store, so loading reads only the events appended since (by any process).
 * Commands on one stream take turns within a process; a writer in another process makes
 * the append fail with ConcurrencyError: we catch up and decide again (bounded), so a
 * rule like "never overdraw" is checked against the state the append lands on. A retried command whose events are already in the stream is
 * answered with them (`replayed`), never decided again.
 */
export async function executeOnStream<E extends DomainEvent, S>(
  store: EventStore,
  context: CommandContext,
  decision: StreamDecision<E, S>,
  options: ExecutionOptions<S> = {},
): Promise<ExecutionResult<E>> {
  const cache = options.cache === false ? new StreamStateCache(1) : streamStateCache(store);
  // One command per stream at a time in this process: the next decides on the state the
  // previous one appended, instead of losing the race to it and deciding again.
  const turn = await cache.turn(decision.streamId);
  try {
    // Waiting for the turn means another command moved the stream since it was loaded.
    return await attempts(store, cache, context, decision, turn.waited ? null : options.loaded);
  } finally {
    turn.release();
  }
}

async function attempts<E extends DomainEvent, S>(
  store: EventStore,
  cache: StreamStateCache,
  context: CommandContext,
  decision: StreamDecision<E, S>,
  loaded: FoldedStream<S> | null | undefined,
): Promise<ExecutionResult<E>> {
  const firstId = eventIdOf(context.commandId, decision.streamId, 0);
  for (let attempt = 1; ; attempt++) {
    const current = attempt === 1 && loaded ? loaded : await cache.catchUp(store, decision);
    const replayedAt = current.ids.get(firstId);
    if (replayedAt !== undefined) {
      return replay<E>(store, decision.streamId, BigInt(replayedAt), context, current.revision);
    }
    const events = decision.decide(current.state);
    if (events.length === 0) {
      return { events, position: null, nextExpectedRevision: current.revision, replayed: false };
    }
    const metadata = metadataOf(context);
    const toAppend = events.map((event, i) =>
      encodeEvent(
        event,
        i === 0 ? firstId : eventIdOf(context.commandId, decision.streamId, i),
        metadata,
      ),
    );
    try {
      const result = await store.append(decision.streamId, toAppend, {
        expectedRevision: current.revision ?? 'no_stream',
      });
      // Folded as they read back (money fields decoded by name), not as decided.
      const written = toAppend.map((e) => ({ id: e.id, event: decodeEvent<E>(e) }));
      cache.advance(decision, current, written, metadata, result.nextExpectedRevision);
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

function metadataOf(context: CommandContext): EventMetadataInput {
  return {
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
}

/** The events this command wrote the first time: from its first id on, its correlation's. */
async function replay<E extends DomainEvent>(
  store: EventStore,
  streamId: string,
  from: bigint,
  context: CommandContext,
  revision: bigint | null,
): Promise<ExecutionResult<E>> {
  const recorded = await store.readStream(streamId, { fromRevision: from });
  // Command ids are scoped to the user (and, over HTTP, the route and target): a first
  // event of someone else's would mean two commands shared an id. Never answer with it.
  if (recorded[0] && recorded[0].metadata.actor !== context.actor.userId) {
    throw new DomainError('IDEMPOTENCY.KEY_CONFLICT', 'conflict', {
      vi: 'Khóa của lệnh này đã được một người dùng khác dùng; hãy gửi lại với khóa mới',
      en: "This command's key was already used by another user; send it again with a new key",
    });
  }
  const own = recorded.filter((e) => e.metadata.correlationId === context.correlationId);
  const last = own.at(-1) ?? recorded[0];
  const tip = recorded.at(-1)?.revision ?? null;
  return {
    events: own.map((e) => decodeEvent<E>(e)),
    position: last?.position ?? null,
    nextExpectedRevision: tip !== null && (revision === null || tip > revision) ? tip : revision,
    replayed: true,
  };
}
