/**
 * An aggregate as a decider (Chassaing; Emmett's businessLogic): pure functions, no I/O,
 * no clock. Time, ids and the acting user arrive inside the command.
 */
export interface Decider<Command, Event, State> {
  /**
   * Names the fold, with a version (`user@1`): a cache of folded states keys on it. Bump
   * the version when evolve or the state's shape changes.
   */
  readonly name: string;
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  /** The events the command causes, or a DomainError when it is refused. */
  decide(command: Command, state: State): readonly Event[];
}

export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
}

/** Compile-time proof that a switch handled every case. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
