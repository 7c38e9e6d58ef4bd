import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Authority, Correction, SigningCapacity } from '@app/budgeting';
import type { CommandAnswer, CommandContext } from '../command-executor';
import { LineCommands } from '../shared/line-commands';

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
    /** A late entry on a lapsed carry-over: the lapse it corrects, why, and who approved. */
    readonly correction: Correction | null = null,
  ) {
    super();
  }
}

/** One of the two signatures of a unit with registered signatories (chủ tài khoản, kế toán trưởng). */
export class SignExpenditureCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: ActionContext,
    readonly expenditureId: string,
    /** Null: the capacity the signer is registered in on the date. */
    readonly capacity: SigningCapacity | null,
    readonly legalBasis: readonly string[],
    readonly correction: Correction | null = null,
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
    /** A payment made in time but entered after the lapse: the correction it needs. */
    readonly correction: Correction | null = null,
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

type LineCommand = Parameters<LineCommands['run']>[2];

/**
 * Every decision on an expenditure goes the same way: find its line, take effect on the
 * given date or else the proposal's, and run the command on the line.
 */
export async function onExpenditure(
  lines: LineCommands,
  expenditureId: string,
  context: ActionContext,
  command: LineCommand,
): Promise<CommandAnswer> {
  const found = await lines.expenditure(expenditureId);
  const effectiveDate = context.effectiveDate ?? found.effectiveDate;
  // A decision names the proposal's date, so that it is never dated before it.
  const decides = ['ApproveExpenditure', 'RejectExpenditure', 'SignExpenditure'];
  // Approvals and signatures read the unit's signatories: two signatures once it has some.
  const signs = command.type === 'ApproveExpenditure' || command.type === 'SignExpenditure';
  const signatories = signs ? { signatories: await lines.signatories(found.budgetLineId) } : {};
  const decided = decides.includes(command.type)
    ? ({
        ...command,
        data: { ...command.data, proposedOn: found.effectiveDate, ...signatories },
      } as LineCommand)
    : command;
  const result = await lines.run(
    found.budgetLineId,
    { ...context, effectiveDate },
    decided,
    found.line,
  );
  return { id: expenditureId, position: result.position?.toString() ?? null };
}

@CommandHandler(ApproveExpenditureCommand)
export class ApproveExpenditureHandler implements ICommandHandler<ApproveExpenditureCommand> {
  constructor(private readonly lines: LineCommands) {}

  execute(c: ApproveExpenditureCommand): Promise<CommandAnswer> {
    const a = c.authority;
    const extra = {
      ...(a ? { capacity: a.capacity, title: a.title } : {}),
      legalBasis: [...c.legalBasis],
    };
    return onExpenditure(
      this.lines,
      c.expenditureId,
      { ...c.context, extra },
      {
        type: 'ApproveExpenditure',
        correction: c.correction,
        data: { expenditureId: c.expenditureId, authority: a, legalBasis: c.legalBasis },
      },
    );
  }
}

@CommandHandler(SignExpenditureCommand)
export class SignExpenditureHandler implements ICommandHandler<SignExpenditureCommand> {
  constructor(private readonly lines: LineCommands) {}

  execute(c: SignExpenditureCommand): Promise<CommandAnswer> {
    const extra = {
      ...(c.capacity ? { signingCapacity: c.capacity } : {}),
      legalBasis: [...c.legalBasis],
    };
    return onExpenditure(
      this.lines,
      c.expenditureId,
      { ...c.context, extra },
      {
        type: 'SignExpenditure',
        correction: c.correction,
        data: {
          expenditureId: c.expenditureId,
          capacity: c.capacity,
          signatories: [],
          legalBasis: c.legalBasis,
        },
      },
    );
  }
}

@CommandHandler(RejectExpenditureCommand)
export class RejectExpenditureHandler implements ICommandHandler<RejectExpenditureCommand> {
  constructor(private readonly lines: LineCommands) {}

  execute(c: RejectExpenditureCommand): Promise<CommandAnswer> {
    return onExpenditure(this.lines, c.expenditureId, c.context, {
      type: 'RejectExpenditure',
      data: { expenditureId: c.expenditureId, authority: c.authority, reason: c.reason },
    });
  }
}

@CommandHandler(DisburseExpenditureCommand)
export class DisburseExpenditureHandler implements ICommandHandler<DisburseExpenditureCommand> {
  constructor(private readonly lines: LineCommands) {}

  execute(c: DisburseExpenditureCommand): Promise<CommandAnswer> {
    // A payment takes effect on the day the Treasury paid it.
    return onExpenditure(
      this.lines,
      c.expenditureId,
      { ...c.context, effectiveDate: c.paidOn },
      {
        type: 'DisburseExpenditure',
        correction: c.correction,
        data: { expenditureId: c.expenditureId, voucher: c.voucher, paidOn: c.paidOn },
      },
    );
  }
}

@CommandHandler(ReverseExpenditureCommand)
export class ReverseExpenditureHandler implements ICommandHandler<ReverseExpenditureCommand> {
  constructor(private readonly lines: LineCommands) {}

  execute(c: ReverseExpenditureCommand): Promise<CommandAnswer> {
    return onExpenditure(this.lines, c.expenditureId, c.context, {
      type: 'ReverseExpenditure',
      data: { expenditureId: c.expenditureId, reason: c.reason },
    });
  }
}
