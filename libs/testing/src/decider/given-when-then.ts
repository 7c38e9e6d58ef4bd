/**
 * given(history).when(command).then(events) for every decider spec of the domain.
 * Pure on purpose: it imports only the domain (libs/budgeting), never a store, so the
 * domain's unit specs stay free of I/O (see libs/testing/src/decider/index.ts).
 */
import { DomainError, fold } from '@app/budgeting';

/** What a spec needs of a decider. Bind extra arguments (a line's id) in `decide`. */
export interface SpecDecider<Command, Event, State> {
  readonly initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): readonly Event[];
}

/** Recursive partial, for events checked by their salient fields only. */
export type Partially<T> = T extends bigint | string | number | boolean | null | undefined
  ? T
  : T extends readonly (infer U)[]
    ? readonly Partially<U>[]
    : { readonly [K in keyof T]?: Partially<T[K]> };

export interface When<Event, State> {
  /** Asserts exactly these events (Jest matchers allowed); returns the state after them. */
  then(expected: readonly Event[]): State;
  /** Asserts as many events, each matching its partial; returns the state after them. */
  thenMatches(expected: readonly Partially<Event>[]): State;
  /**
   * Asserts a refusal with this code (and these details, if given), readable in both
   * languages (see expectReadable); returns the error.
   */
  thenThrows(
    code: string,
    details?: Readonly<Record<string, string>>,
    readable?: Readability,
  ): DomainError;
  /** The events, unchecked, for a spec that asserts on them itself. */
  events(): readonly Event[];
}

/** A known exception to expectReadable, named so that a spec pins it rather than hides it. */
export interface Readability {
  /** Details a refusal states empty on purpose (nothing to name yet). */
  readonly emptyDetails?: readonly string[];
}

export interface Given<Command, Event, State> {
  /** The state the history folds to, with the decider's own evolve. */
  readonly state: State;
  when(command: Command): When<Event, State>;
}

/**
 * A spec's `given` for one decider. The history is folded with the decider's own evolve,
 * so a spec also proves that evolve keeps what decide relies on.
 */
export function deciderSpec<Command, Event, State>(
  decider: SpecDecider<Command, Event, State>,
): (history: readonly Event[]) => Given<Command, Event, State> {
  return (history) => {
    const state = fold(decider, history);
    const after = (events: readonly Event[]): State =>
      events.reduce((s, e) => decider.evolve(s, e), state);
    return {
      state,
      when: (command) => ({
        then(expected) {
          const events = decider.decide(command, state);
          expect(events).toEqual(expected);
          return after(events);
        },
        thenMatches(expected) {
          const events = decider.decide(command, state);
          expect(events).toHaveLength(expected.length);
          events.forEach((event, i) => expect(event).toMatchObject(expected[i] as object));
          return after(events);
        },
        thenThrows(code, details, readable) {
          const error = refusalOf(() => decider.decide(command, state), readable);
          expect(error.code).toBe(code);
          if (details !== undefined) expect(error.details).toMatchObject(details);
          return error;
        },
        events: () => decider.decide(command, state),
      }),
    };
  };
}

/**
 * A refusal people can read: both messages whole sentences (no blank where a word or a
 * field name was put in: no doubled or dangling space, no leading punctuation, no empty
 * brackets), and no empty detail. Checked on every refusal a decider spec expects.
 */
export function expectReadable(error: DomainError, readable: Readability = {}): void {
  for (const [language, text] of Object.entries(error.messages)) {
    const flaws = [
      [/^$/, 'is empty'],
      [/\s{2}/, 'has a doubled space'],
      [/^\s|\s$/, 'starts or ends with a space'],
      [/^[\s:;,.)]/, 'starts with punctuation'],
      [/\s[:;,.)]/, 'has a space before punctuation'],
      [/\(\s*\)/, 'has empty brackets'],
    ] as const;
    for (const [pattern, flaw] of flaws) {
      if (pattern.test(text))
        throw new Error(`${error.code}: the ${language} message ${flaw}: "${text}"`);
    }
  }
  for (const [name, value] of Object.entries(error.details)) {
    if (value === '' && !readable.emptyDetails?.includes(name))
      throw new Error(`${error.code}: detail "${name}" is empty`);
  }
}

/**
 * The DomainError `run` throws, checked readable; fails the spec when it returns or
 * throws anything else.
 */
export function refusalOf(run: () => unknown, readable?: Readability): DomainError {
  let thrown: unknown = undefined;
  let returned: unknown = undefined;
  try {
    returned = run();
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) {
    throw new Error(`expected a refusal, got ${describe(returned)}`);
  }
  expect(thrown).toBeInstanceOf(DomainError);
  expectReadable(thrown as DomainError, readable);
  return thrown as DomainError;
}

function describe(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}
