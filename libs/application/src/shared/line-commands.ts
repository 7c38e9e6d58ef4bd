import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  budgetLineDecider,
  budgetLineStreamId,
  parseBudgetLineId,
  type BudgetLineCommand,
  type BudgetLineEvent,
  type BudgetLineState,
} from '@app/budgeting';
import { executeOnStream, type CommandContext, type ExecutionResult } from '../command-executor';
import { decodeEvent } from '../event-codec';
import { isFiscalYearClosed } from './fiscal-year';

type WithoutContext<C> = C extends unknown ? Omit<C, 'actor' | 'on' | 'fiscalYearClosed'> : never;

/** Runs a budget-line command: the year's closing status is read, then load-decide-append. */
@Injectable()
export class LineCommands {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async run(
    lineId: string,
    context: CommandContext,
    command: WithoutContext<BudgetLineCommand>,
  ): Promise<ExecutionResult<BudgetLineEvent>> {
    const key = parseBudgetLineId(lineId);
    const fiscalYearClosed = await isFiscalYearClosed(this.store, key.fiscalYear);
    const full = {
      ...command,
      actor: context.actor,
      on: context.effectiveDate,
      fiscalYearClosed,
    } as BudgetLineCommand;
    return executeOnStream<BudgetLineEvent, BudgetLineState>(this.store, context, {
      streamId: budgetLineStreamId(lineId),
      initialState: budgetLineDecider.initialState,
      evolve: budgetLineDecider.evolve,
      decide: (state) => budgetLineDecider.decide(full, state, lineId),
    });
  }

  async isClosed(lineId: string): Promise<boolean> {
    return isFiscalYearClosed(this.store, parseBudgetLineId(lineId).fiscalYear);
  }

  async state(lineId: string): Promise<BudgetLineState> {
    const events = await this.store.readStream(budgetLineStreamId(lineId));
    return budgetLineDecider.fold(events.map((e) => decodeEvent<BudgetLineEvent>(e)));
  }
}
