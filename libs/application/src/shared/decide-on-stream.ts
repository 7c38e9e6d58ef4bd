import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { Decider } from '@app/budgeting';
import { executeOnStream, type CommandContext } from '../command-executor';
import type { DomainEvent } from '../event-codec';
import type { CommandAnswer } from '../expenditures/propose-expenditure.handler';

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

type AnyDecider = Decider<unknown, DomainEvent, unknown>;
const evolves = new WeakMap<AnyDecider, AnyDecider['evolve']>();

/** One evolve function per decider, so the stream state cache recognises its fold. */
function evolveOf(decider: AnyDecider): AnyDecider['evolve'] {
  let evolve = evolves.get(decider);
  if (!evolve) {
    evolve = (state, event) => decider.evolve(state, event);
    evolves.set(decider, evolve);
  }
  return evolve;
}

function withRecordedOn<C>(command: C, recordedOn: string): C {
  return typeof command === 'object' && command !== null ? { ...command, recordedOn } : command;
}

@CommandHandler(DecideOnStreamCommand)
export class DecideOnStreamHandler implements ICommandHandler<
  DecideOnStreamCommand<unknown, DomainEvent, unknown>
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(c: DecideOnStreamCommand<unknown, DomainEvent, unknown>): Promise<CommandAnswer> {
    const result = await executeOnStream(this.store, c.context, {
      streamId: c.streamId,
      initialState: c.decider.initialState,
      evolve: evolveOf(c.decider),
      // Every command is made on the context's day: deciders that check delegations read it.
      decide: (state) => c.decider.decide(withRecordedOn(c.command, c.context.recordedOn), state),
    });
    return { id: c.answerId, position: result.position?.toString() ?? null };
  }
}
