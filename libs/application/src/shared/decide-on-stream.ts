import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { Decider } from '@app/budgeting';
import { handle, type CommandContext, type ExecutionResult } from '../command-executor';
import type { DomainEvent } from '../event-codec';
import type { CommandAnswer } from '../command-executor';

/**
 * A command for an aggregate whose rules need nothing beyond its own stream (units,
 * documents, users, plans): load, fold, decide, append — one handler for all of them.
 */
export class DecideOnStreamCommand<C, E extends DomainEvent, S> extends Command<CommandAnswer> {
  constructor(
    readonly context: CommandContext,
    readonly streamId: string,
    readonly decider: Decider<C, E, S>,
    readonly command: C,
    /** The id the answer names (a unit code, a plan id…). */
    readonly answerId: string,
  ) {
    super();
  }
}

function withRecordedOn<C>(command: C, recordedOn: string): C {
  return typeof command === 'object' && command !== null ? { ...command, recordedOn } : command;
}

/**
 * A decider's command on its stream, made on the context's day (deciders that check
 * delegations read `recordedOn`): what the bus runs for HTTP and the import, and what the
 * CLI calls without a bus.
 */
export function decideOnStream<C, E extends DomainEvent, S>(
  store: EventStore,
  context: CommandContext,
  streamId: string,
  decider: Decider<C, E, S>,
  command: C,
): Promise<ExecutionResult<E>> {
  return handle(store, context, streamId, decider, withRecordedOn(command, context.recordedOn));
}

@CommandHandler(DecideOnStreamCommand)
export class DecideOnStreamHandler implements ICommandHandler<
  DecideOnStreamCommand<unknown, DomainEvent, unknown>
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(c: DecideOnStreamCommand<unknown, DomainEvent, unknown>): Promise<CommandAnswer> {
    const result = await decideOnStream(this.store, c.context, c.streamId, c.decider, c.command);
    return { id: c.answerId, position: result.position?.toString() ?? null };
  }
}
