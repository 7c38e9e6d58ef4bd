import { fold } from '../shared/decider';
import { budgetLineStreamId } from './budget-line-key';
import { decideBudgetLine } from './budget-line.decide';
import type { BudgetLineCommand, BudgetLineEvent } from './budget-line.events';
import {
  evolveBudgetLine,
  initialBudgetLineState,
  type BudgetLineState,
} from './budget-line.state';

/** The budget line as a decider. Its id is part of its identity, so decide takes it too. */
export const budgetLineDecider = {
  initialState: initialBudgetLineState,
  evolve: evolveBudgetLine,
  decide: decideBudgetLine,
  streamId: budgetLineStreamId,
  fold: (events: readonly BudgetLineEvent[]): BudgetLineState =>
    fold({ initialState: initialBudgetLineState, evolve: evolveBudgetLine }, events),
} as const;

export type { BudgetLineCommand, BudgetLineEvent, BudgetLineState };
