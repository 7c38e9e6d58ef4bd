import { fold } from '../shared/decider';
import { budgetLineStreamId } from './budget-line-key';
import { decideBudgetLine } from './budget-line.decide';
export { passesClosedYear } from './budget-line.decide';
import type { BudgetLineCommand } from './budget-line.commands';
import type { BudgetLineEvent } from './budget-line.events';
import {
  evolveBudgetLine,
  initialBudgetLineState,
  type BudgetLineState,
} from './budget-line.state';

function evolveRecorded(
  state: BudgetLineState,
  event: BudgetLineEvent,
  metadata: { readonly effectiveDate: string },
): BudgetLineState {
  return evolveBudgetLine(state, event, metadata.effectiveDate);
}

/** The budget line as a decider. Its id is part of its identity, so decide takes it too. */
export const budgetLineDecider = {
  name: 'budget-line@1',
  initialState: initialBudgetLineState,
  evolve: evolveBudgetLine,
  /** Evolve as a store fold calls it, with the event's metadata: its effective date dates the money. */
  evolveRecorded: evolveRecorded,
  decide: decideBudgetLine,
  streamId: budgetLineStreamId,
  fold: (events: readonly BudgetLineEvent[]): BudgetLineState =>
    fold({ initialState: initialBudgetLineState, evolve: evolveBudgetLine }, events),
} as const;

export type { BudgetLineCommand, BudgetLineEvent, BudgetLineState };
