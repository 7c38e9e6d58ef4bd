import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Authority } from '@app/budgeting';
import type { CommandContext } from '../command-executor';
import { LineCommands } from '../shared/line-commands';
import { ExpenditureLookup } from './expenditure-lookup';
import type { CommandAnswer } from './propose-expenditure.handler';

/** Context whose effective date may be left to the proposal's own date. */
export type ActionContext = Omit<CommandContext, 'effectiveDate'> & {
  readonly effectiveDate: string | null;
};

export class ApproveExpenditureCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: ActionContext,
    readonly expenditureId: string,
    readonly authority: Authority | null,
    readonly legalBasis: readonly string[],
  ) {
    super();
  }
}

export class RejectExpenditureCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: ActionContext,
    readonly expenditureId: string,
    readonly authority: Authority | null,
    readonly reason: string,
  ) {
    super();
  }
}

export class DisburseExpenditureCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: Omit<CommandContext, 'effectiveDate'>,
    readonly expenditureId: string,
    readonly voucher: string,
    readonly paidOn: string,
  ) {
    super();
  }
}

export class ReverseExpenditureCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: ActionContext,
    readonly expenditureId: string,
    readonly reason: string,
  ) {
    super();
  }
}

function answer(id: string, position: bigint | null): CommandAnswer {
  return { id, position: position?.toString() ?? null };
}

@CommandHandler(ApproveExpenditureCommand)
export class ApproveExpenditureHandler implements ICommandHandler<ApproveExpenditureCommand> {
  constructor(
    private readonly lookup: ExpenditureLookup,
    private readonly lines: LineCommands,
  ) {}

  async execute(c: ApproveExpenditureCommand): Promise<CommandAnswer> {
    const found = await this.lookup.find(c.expenditureId);
    const context = { ...c.context, effectiveDate: c.context.effectiveDate ?? found.effectiveDate };
    const authority = c.authority;
    const result = await this.lines.run(
      found.budgetLineId,
      {
        ...context,
        extra: {
          ...(authority ? { capacity: authority.capacity, title: authority.title } : {}),
          legalBasis: [...c.legalBasis],
        },
      },
      {
        type: 'ApproveExpenditure',
        data: { expenditureId: c.expenditureId, authority, legalBasis: c.legalBasis },
      },
    );
    return answer(c.expenditureId, result.position);
  }
}

@CommandHandler(RejectExpenditureCommand)
export class RejectExpenditureHandler implements ICommandHandler<RejectExpenditureCommand> {
  constructor(
    private readonly lookup: ExpenditureLookup,
    private readonly lines: LineCommands,
  ) {}

  async execute(c: RejectExpenditureCommand): Promise<CommandAnswer> {
    const found = await this.lookup.find(c.expenditureId);
    const context = { ...c.context, effectiveDate: c.context.effectiveDate ?? found.effectiveDate };
    const result = await this.lines.run(found.budgetLineId, context, {
      type: 'RejectExpenditure',
      data: { expenditureId: c.expenditureId, authority: c.authority, reason: c.reason },
    });
    return answer(c.expenditureId, result.position);
  }
}

@CommandHandler(DisburseExpenditureCommand)
export class DisburseExpenditureHandler implements ICommandHandler<DisburseExpenditureCommand> {
  constructor(
    private readonly lookup: ExpenditureLookup,
    private readonly lines: LineCommands,
  ) {}

  async execute(c: DisburseExpenditureCommand): Promise<CommandAnswer> {
    const found = await this.lookup.find(c.expenditureId);
    // A payment takes effect on the day the Treasury paid it.
    const result = await this.lines.run(
      found.budgetLineId,
      { ...c.context, effectiveDate: c.paidOn },
      {
        type: 'DisburseExpenditure',
        data: { expenditureId: c.expenditureId, voucher: c.voucher, paidOn: c.paidOn },
      },
    );
    return answer(c.expenditureId, result.position);
  }
}

@CommandHandler(ReverseExpenditureCommand)
export class ReverseExpenditureHandler implements ICommandHandler<ReverseExpenditureCommand> {
  constructor(
    private readonly lookup: ExpenditureLookup,
    private readonly lines: LineCommands,
  ) {}

  async execute(c: ReverseExpenditureCommand): Promise<CommandAnswer> {
    const found = await this.lookup.find(c.expenditureId);
    const context = { ...c.context, effectiveDate: c.context.effectiveDate ?? found.effectiveDate };
    const result = await this.lines.run(found.budgetLineId, context, {
      type: 'ReverseExpenditure',
      data: { expenditureId: c.expenditureId, reason: c.reason },
    });
    return answer(c.expenditureId, result.position);
  }
}
