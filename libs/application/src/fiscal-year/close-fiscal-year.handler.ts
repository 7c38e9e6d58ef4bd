import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  budgetLineStreamId,
  fiscalYearDecider,
  fiscalYearErrors,
  fiscalYearStreamId,
  settlementOf,
  type Authority,
  type FiscalYearCommand,
  type LineSettlement,
} from '@app/budgeting';
import { handle, type CommandAnswer, type CommandContext } from '../command-executor';
import { LineCommands } from '../shared/line-commands';

/** Khóa sổ, step 1: the finance office proposes closing the year. */
export class ProposeFiscalYearCloseCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: CommandContext,
    readonly fiscalYear: number,
  ) {
    super();
  }
}

/** Khóa sổ, step 2: an approver (another person) approves; the year is closed then. */
export class ApproveFiscalYearCloseCommand extends Command<CommandAnswer> {
  constructor(
    /** effectiveDate null: the approval takes effect on the proposal's date. */
    readonly context: Omit<CommandContext, 'effectiveDate'> & {
      readonly effectiveDate: string | null;
    },
    readonly fiscalYear: number,
    readonly authority: Authority | null,
  ) {
    super();
  }
}

const PAGE = 2000;

/**
 * The lines of a year: every stream whose BudgetLineOpened names it. Read from the log,
 * not a read model (a write is not judged on what may lag); once a year, so one pass over
 * the log is affordable.
 */
async function linesOfYear(store: EventStore, year: number): Promise<string[]> {
  const prefix = budgetLineStreamId(`${year}.`);
  const ids: string[] = [];
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: PAGE });
    for (const e of page) {
      if (e.type === 'BudgetLineOpened' && e.streamId.startsWith(prefix)) {
        ids.push(e.streamId.slice(budgetLineStreamId('').length));
      }
    }
    if (page.length < PAGE) return ids;
    after = page.at(-1)?.position;
  }
}

abstract class FiscalYearHandler {
  constructor(
    protected readonly store: EventStore,
    protected readonly lines: LineCommands,
  ) {}

  protected async settlements(year: number): Promise<LineSettlement[]> {
    // The decider refuses such a year too; checked first so it never costs a pass over the log.
    if (!Number.isSafeInteger(year) || year < 2000 || year > 2100) {
      throw fiscalYearErrors.year(year);
    }
    const ids = await linesOfYear(this.store, year);
    return Promise.all(ids.map(async (id) => settlementOf(id, await this.lines.state(id))));
  }

  protected async run(
    context: CommandContext,
    year: number,
    command: FiscalYearCommand,
  ): Promise<CommandAnswer> {
    const result = await handle(
      this.store,
      context,
      fiscalYearStreamId(year),
      fiscalYearDecider,
      command,
    );
    return { id: String(year), position: result.position?.toString() ?? null };
  }
}

@CommandHandler(ProposeFiscalYearCloseCommand)
export class ProposeFiscalYearCloseHandler
  extends FiscalYearHandler
  implements ICommandHandler<ProposeFiscalYearCloseCommand>
{
  constructor(@Inject(EVENT_STORE) store: EventStore, lines: LineCommands) {
    super(store, lines);
  }

  async execute(c: ProposeFiscalYearCloseCommand): Promise<CommandAnswer> {
    const lines = await this.settlements(c.fiscalYear);
    return this.run(c.context, c.fiscalYear, {
      type: 'ProposeFiscalYearClose',
      actor: c.context.actor,
      on: c.context.effectiveDate,
      recordedOn: c.context.recordedOn,
      fiscalYear: c.fiscalYear,
      lines,
    });
  }
}

@CommandHandler(ApproveFiscalYearCloseCommand)
export class ApproveFiscalYearCloseHandler
  extends FiscalYearHandler
  implements ICommandHandler<ApproveFiscalYearCloseCommand>
{
  constructor(@Inject(EVENT_STORE) store: EventStore, lines: LineCommands) {
    super(store, lines);
  }

  async execute(c: ApproveFiscalYearCloseCommand): Promise<CommandAnswer> {
    const lines = await this.settlements(c.fiscalYear);
    const proposedOn = await this.proposedOn(c.fiscalYear);
    const effectiveDate = c.context.effectiveDate ?? proposedOn ?? c.context.recordedOn;
    return this.run({ ...c.context, effectiveDate }, c.fiscalYear, {
      type: 'ApproveFiscalYearClose',
      actor: c.context.actor,
      on: effectiveDate,
      recordedOn: c.context.recordedOn,
      fiscalYear: c.fiscalYear,
      lines,
      authority: c.authority,
      proposedOn,
    });
  }

  /** The latest proposal's business date: the approval's default date and lower bound. */
  private async proposedOn(year: number): Promise<string | null> {
    const events = await this.store.readStream(fiscalYearStreamId(year), {
      direction: 'backwards',
      maxCount: 20,
    });
    return events.find((e) => e.type === 'FiscalYearCloseProposed')?.metadata.effectiveDate ?? null;
  }
}
