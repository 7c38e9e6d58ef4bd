import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  DomainError,
  budgetLineStreamId,
  fiscalYearDecider,
  fiscalYearErrors,
  fiscalYearStreamId,
  settlementOf,
  yearLinesStreamId,
  type Authority,
  type FiscalYearCommand,
  type LineSettlement,
  type YearLinesState,
} from '@app/budgeting';
import { handle, loadStream, type CommandAnswer, type CommandContext } from '../command-executor';
import { LineCommands, yearLinesView } from '../shared/line-commands';

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
/** Lines sealed at once: enough for the store to group their appends, few enough to wait on. */
const SEAL_BATCH = 64;

const lineNotSealed = (line: string) =>
  new DomainError(
    'FISCAL_YEAR.LINE_NOT_SEALED',
    'conflict',
    {
      vi: `Không khóa được dòng ${line} để khóa sổ: hãy gửi lại yêu cầu phê duyệt với khóa chống trùng (idempotency key) mới`,
      en: `Line ${line} could not be sealed for the close: send the approval again with a new idempotency key`,
    },
    { line },
  );

const registerNotSealed = (year: number) =>
  new DomainError(
    'FISCAL_YEAR.LINE_NOT_SEALED',
    'conflict',
    {
      vi: `Không khóa được danh sách dòng của năm ${year} để khóa sổ: hãy gửi lại yêu cầu phê duyệt với khóa chống trùng (idempotency key) mới`,
      en: `The list of lines of ${year} could not be sealed for the close: send the approval again with a new idempotency key`,
    },
    { fiscalYear: String(year) },
  );

/**
 * The lines of a year opened before the register of its lines existed: every stream whose
 * BudgetLineOpened names the year (an older release's log, or one the history generators
 * wrote). One pass over the log, made only until the year's register is backfilled: the
 * first proposal recorded does it (or the approval, for a proposal an older release made).
 */
async function scanLinesOfYear(store: EventStore, year: number): Promise<string[]> {
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

/** The year's lines as read now, and those the pass over the log found while it is needed. */
interface YearLines {
  readonly ids: string[];
  /** Null once the register is backfilled: it alone lists the year's lines. */
  readonly scanned: string[] | null;
}

abstract class FiscalYearHandler {
  constructor(
    protected readonly store: EventStore,
    protected readonly lines: LineCommands,
  ) {}

  /**
   * The lines of a year, read from the log (not a read model: a write is not judged on what
   * may lag): its register, which every command opening a line appends to before the line's
   * first event; while the register is not backfilled, with the lines a pass over the log
   * finds (a log whose lines predate the register).
   */
  protected async yearLines(year: number): Promise<YearLines> {
    // The decider refuses such a year too; checked first so it never costs a pass over the log.
    if (!Number.isSafeInteger(year) || year < 2000 || year > 2100) {
      throw fiscalYearErrors.year(year);
    }
    const register = await this.register(year);
    const listed = [...register.lines.keys()];
    if (register.backfilled) return { ids: listed, scanned: null };
    const scanned = await scanLinesOfYear(this.store, year);
    const ids = [...new Set([...listed, ...scanned])];
    return { ids, scanned };
  }

  /** The register of the year's lines as the log has it now. */
  protected async register(year: number): Promise<YearLinesState> {
    const folded = await loadStream(this.store, {
      ...yearLinesView,
      streamId: yearLinesStreamId(year),
    });
    return folded.state;
  }

  /** The lines opened before the register existed, listed in it once (then it alone is read). */
  protected async backfill(fiscalYear: number, scanned: string[], context: CommandContext) {
    await handle(
      this.store,
      { ...context, commandId: `${context.commandId}:backfill` },
      yearLinesStreamId(fiscalYear),
      yearLinesView,
      { type: 'BackfillYearLines', fiscalYear, found: scanned },
    );
  }

  /**
   * The lines' settlement. `sealed`: each must be, or the close would settle a line that
   * can still move (this command retried after its own refusal unsealed it: its seal is
   * found and not written again).
   */
  protected async settle(ids: readonly string[], sealed = false): Promise<LineSettlement[]> {
    return Promise.all(
      ids.map(async (id) => {
        const line = await this.lines.state(id);
        if (sealed && line.sealed !== true) throw lineNotSealed(id);
        return settlementOf(id, line);
      }),
    );
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

  /** A proposal recorded lists the lines its pass over the log found (once per year). */
  async execute(c: ProposeFiscalYearCloseCommand): Promise<CommandAnswer> {
    const found = await this.yearLines(c.fiscalYear);
    const lines = await this.settle(found.ids);
    const answer = await this.run(c.context, c.fiscalYear, {
      type: 'ProposeFiscalYearClose',
      actor: c.context.actor,
      on: c.context.effectiveDate,
      recordedOn: c.context.recordedOn,
      fiscalYear: c.fiscalYear,
      lines,
    });
    if (found.scanned) await this.backfill(c.fiscalYear, found.scanned, c.context);
    return answer;
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

  /**
   * Seal, then settle, then record. A line command that read the year as open may still be
   * appending: were the settlement read first, it could land after the close unseen. So the
   * approval first decides without appending (a refusal seals nothing), then seals the
   * register of the year's lines (no command can list a new line after it: one that tries
   * is refused as in a closed year), then seals every line the sealed register lists (one
   * append per line stream, see LineCommands.seal; a line listed whose first event is not
   * written yet is sealed too, so its opener fails its append and is refused), then reads
   * the settlement of the sealed lines, which no ordinary command can move any more, and
   * decides on it. Only single-stream appends with an expected revision: sound on
   * EventStoreDB too.
   */
  async execute(c: ApproveFiscalYearCloseCommand): Promise<CommandAnswer> {
    const found = await this.yearLines(c.fiscalYear);
    const proposedOn = await this.proposedOn(c.fiscalYear);
    const effectiveDate = c.context.effectiveDate ?? proposedOn ?? c.context.recordedOn;
    const context = { ...c.context, effectiveDate };
    const command = (lines: LineSettlement[]): FiscalYearCommand => ({
      type: 'ApproveFiscalYearClose',
      actor: c.context.actor,
      on: effectiveDate,
      recordedOn: c.context.recordedOn,
      fiscalYear: c.fiscalYear,
      lines,
      authority: c.authority,
      proposedOn,
    });
    const year = await loadStream(this.store, {
      ...fiscalYearDecider,
      streamId: fiscalYearStreamId(c.fiscalYear),
    });
    fiscalYearDecider.decide(command(await this.settle(found.ids)), year.state);
    if (found.scanned) await this.backfill(c.fiscalYear, found.scanned, context);
    await this.sealRegister(c.fiscalYear, context, true);
    // Listed by the sealed register: every line of the year that can still be opened is here.
    let ids = found.ids;
    try {
      const register = await this.register(c.fiscalYear);
      if (!register.sealed) throw registerNotSealed(c.fiscalYear);
      ids = [...register.lines.keys()];
      await this.sealAll(ids, context, true);
      const sealed = await this.settle(ids, true);
      return await this.run(context, c.fiscalYear, command(sealed));
    } catch (error) {
      await this.unsealUnlessClosed(c.fiscalYear, ids, context);
      throw error;
    }
  }

  /** The register of the year's lines, sealed for the close (or given back when refused). */
  private async sealRegister(fiscalYear: number, context: CommandContext, sealed: boolean) {
    await handle(
      this.store,
      { ...context, commandId: `${context.commandId}:${sealed ? 'seal' : 'unseal'}` },
      yearLinesStreamId(fiscalYear),
      yearLinesView,
      { type: 'SealYearLines', fiscalYear, sealed },
    );
  }

  /** A refused close gives the lines back; a year closed meanwhile (by another) keeps them. */
  private async unsealUnlessClosed(
    fiscalYear: number,
    ids: readonly string[],
    context: CommandContext,
  ): Promise<void> {
    const year = await loadStream(this.store, {
      ...fiscalYearDecider,
      streamId: fiscalYearStreamId(fiscalYear),
    });
    if (year.state.status === 'closed') return;
    await this.sealAll(ids, context, false);
    await this.sealRegister(fiscalYear, context, false);
  }

  /** Many at a time (the store commits concurrent appends as one group), bounded. */
  private async sealAll(ids: readonly string[], context: CommandContext, sealed: boolean) {
    for (let i = 0; i < ids.length; i += SEAL_BATCH) {
      const batch = ids.slice(i, i + SEAL_BATCH);
      await Promise.all(batch.map((id) => this.lines.seal(id, context, sealed)));
    }
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
