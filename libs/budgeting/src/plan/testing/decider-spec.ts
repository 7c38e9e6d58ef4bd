import { fold, type Decider } from '../../shared/decider';
import { DomainError } from '../../shared/domain-error';

export interface Then<Event, State> {
  /** Asserts exactly these events; returns the state after them, for further checks. */
  then(expected: readonly Event[]): State;
  /** Asserts a refusal with this code (and these details, if given); returns the error. */
  thenThrows(code: string, details?: Readonly<Record<string, string>>): DomainError;
}

/**
 * given(history).when(command).then(events) for any decider. The history is folded with
 * the decider's own evolve, so a spec also proves evolve keeps what decide relies on.
 */
export function deciderSpec<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return function given(history: readonly Event[]) {
    const state = fold(decider, history);
    return {
      when(command: Command): Then<Event, State> {
        return {
          then(expected) {
            const events = decider.decide(command, state);
            expect(events).toEqual(expected);
            return events.reduce((s, e) => decider.evolve(s, e), state);
          },
          thenThrows(code, details) {
            let refusal: unknown = undefined;
            try {
              decider.decide(command, state);
            } catch (error) {
              refusal = error;
            }
            expect(refusal).toBeInstanceOf(DomainError);
            const error = refusal as DomainError;
            expect(error.code).toBe(code);
            if (details !== undefined) expect(error.details).toMatchObject(details);
            expect(error.messages.vi).not.toBe('');
            expect(error.messages.en).not.toBe('');
            return error;
          },
        };
      },
    };
  };
}
