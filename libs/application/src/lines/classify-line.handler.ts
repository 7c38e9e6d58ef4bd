import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { LineClassification } from '@app/budgeting';
import type { CommandAnswer, CommandContext } from '../command-executor';
import { LineCommands } from '../shared/line-commands';

/** The finance office classifies a line by the budget index (mục lục NSNN). */
export class ClassifyBudgetLineCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: CommandContext,
    readonly budgetLineId: string,
    readonly classification: LineClassification,
  ) {
    super();
  }
}

@CommandHandler(ClassifyBudgetLineCommand)
export class ClassifyBudgetLineHandler implements ICommandHandler<ClassifyBudgetLineCommand> {
  constructor(private readonly lines: LineCommands) {}

  async execute(c: ClassifyBudgetLineCommand): Promise<CommandAnswer> {
    const result = await this.lines.run(c.budgetLineId, c.context, {
      type: 'ClassifyBudgetLine',
      data: { classification: c.classification },
    });
    return { id: c.budgetLineId, position: result.position?.toString() ?? null };
  }
}
