import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { DecisionCitation, HigherLevel, Money } from '@app/budgeting';
import type { CommandContext } from '../command-executor';
import type { CommandAnswer } from '../command-executor';
import { LineCommands } from '../shared/line-commands';

/** A decision keeps a carry-over's approved, unpaid expenditures payable past its deadline. */
export class RetainCommitmentsCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: CommandContext,
    readonly budgetLineId: string,
    readonly decision: DecisionCitation,
    readonly expenditureIds: readonly string[],
    readonly until: string,
  ) {
    super();
  }
}

/** Hoàn trả: lapsed or unspent money of a higher level's funds given back to it. */
export class ReturnFundsCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: CommandContext,
    readonly budgetLineId: string,
    readonly amount: Money,
    readonly source: 'lapsed' | 'unspent',
    readonly toLevel: HigherLevel,
    readonly decision: DecisionCitation,
    readonly reason: string,
  ) {
    super();
  }
}

const answer = (id: string, position: bigint | null | undefined): CommandAnswer => ({
  id,
  position: position?.toString() ?? null,
});

@CommandHandler(RetainCommitmentsCommand)
export class RetainCommitmentsHandler implements ICommandHandler<RetainCommitmentsCommand> {
  constructor(private readonly lines: LineCommands) {}

  async execute(c: RetainCommitmentsCommand): Promise<CommandAnswer> {
    const result = await this.lines.run(c.budgetLineId, c.context, {
      type: 'RetainCommitments',
      data: { decision: c.decision, expenditureIds: c.expenditureIds, until: c.until },
    });
    return answer(c.budgetLineId, result.position);
  }
}

@CommandHandler(ReturnFundsCommand)
export class ReturnFundsHandler implements ICommandHandler<ReturnFundsCommand> {
  constructor(private readonly lines: LineCommands) {}

  async execute(c: ReturnFundsCommand): Promise<CommandAnswer> {
    const result = await this.lines.run(c.budgetLineId, c.context, {
      type: 'ReturnFunds',
      data: {
        amount: c.amount,
        source: c.source,
        toLevel: c.toLevel,
        decision: c.decision,
        reason: c.reason,
      },
    });
    return answer(c.budgetLineId, result.position);
  }
}
