import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { Money } from '@app/budgeting';
import type { CommandAnswer, CommandContext } from '../command-executor';
import { LineCommands } from '../shared/line-commands';
import { lookUpDecision } from './allocation-facts';

/**
 * Hủy dự toán: the finance office cancels part of a line's estimate by a decision (money
 * not to be spent, e.g. a line settled before the year is closed). The line's decider
 * checks the role and unit (`authorize`), the decision against the register of documents
 * (registered, a People's Committee decision, issued by the date) and that the money is
 * available on the date.
 */
export class CancelFundsCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: CommandContext,
    readonly budgetLineId: string,
    readonly amount: Money,
    readonly decision: string,
    readonly reason: string,
  ) {
    super();
  }
}

@CommandHandler(CancelFundsCommand)
export class CancelFundsHandler implements ICommandHandler<CancelFundsCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly lines: LineCommands,
  ) {}

  async execute(c: CancelFundsCommand): Promise<CommandAnswer> {
    const decisionDocument = await lookUpDecision(this.store, c.decision, c.context.effectiveDate);
    const result = await this.lines.run(c.budgetLineId, c.context, {
      type: 'CancelFunds',
      data: { amount: c.amount, decision: c.decision, reason: c.reason, decisionDocument },
    });
    return { id: c.budgetLineId, position: result.position?.toString() ?? null };
  }
}
