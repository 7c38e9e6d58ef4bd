import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { budgetLineId, requireRole, type BudgetLineKey, type Money } from '@app/budgeting';
import { executeOnStream, type CommandContext } from '../command-executor';
import type { CommandAnswer } from '../expenditures/propose-expenditure.handler';
import { fiscalYearStreamId } from '../shared/fiscal-year';
import { LineCommands } from '../shared/line-commands';

// Long-lived, so the stream state cache recognises this fold of the year's stream.
const FISCAL_YEAR_FOLD = {
  initialState: { closed: false },
  evolve: (): { closed: boolean } => ({ closed: true }),
};

/** Giao dự toán: money lands on a line under a decision (e.g. 30/QĐ-UBND). */
export class AllocateFundsCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: CommandContext,
    readonly key: BudgetLineKey,
    readonly amount: Money,
    readonly decision: string,
    readonly legalBasis: readonly string[],
  ) {
    super();
  }
}

@CommandHandler(AllocateFundsCommand)
export class AllocateFundsHandler implements ICommandHandler<AllocateFundsCommand> {
  constructor(private readonly lines: LineCommands) {}

  async execute(c: AllocateFundsCommand): Promise<CommandAnswer> {
    const id = budgetLineId(c.key);
    const result = await this.lines.run(
      id,
      { ...c.context, extra: { ...c.context.extra, legalBasis: [...c.legalBasis] } },
      {
        type: 'AllocateFunds',
        data: { key: c.key, amount: c.amount, decision: c.decision, legalBasis: c.legalBasis },
      },
    );
    return { id, position: result.position?.toString() ?? null };
  }
}

/** Khóa sổ: after it, a year's lines take only corrections that cite what they correct. */
export class CloseFiscalYearCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: CommandContext,
    readonly fiscalYear: number,
  ) {
    super();
  }
}

type FiscalYearEvent = {
  readonly type: 'FiscalYearClosed';
  readonly data: { readonly fiscalYear: number };
};

@CommandHandler(CloseFiscalYearCommand)
export class CloseFiscalYearHandler implements ICommandHandler<CloseFiscalYearCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(c: CloseFiscalYearCommand): Promise<CommandAnswer> {
    requireRole(c.context.actor, ['admin'], {
      vi: 'khóa sổ năm ngân sách',
      en: 'close a fiscal year',
    });
    const result = await executeOnStream<FiscalYearEvent, { closed: boolean }>(
      this.store,
      c.context,
      {
        streamId: fiscalYearStreamId(c.fiscalYear),
        ...FISCAL_YEAR_FOLD,
        decide: (state) =>
          state.closed ? [] : [{ type: 'FiscalYearClosed', data: { fiscalYear: c.fiscalYear } }],
      },
    );
    return { id: String(c.fiscalYear), position: result.position?.toString() ?? null };
  }
}
