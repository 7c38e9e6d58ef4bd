import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventMetadataInput, type EventStore } from '@app/event-store';
import {
  DomainError,
  PersistentMap,
  budgetLineDecider,
  budgetLineStreamId,
  expenditureLocatorDecider,
  expenditureStreamId,
  fiscalYearStreamId,
  lapseReference,
  parseBudgetLineId,
  passesClosedYear,
  yearLinesDecider,
  yearLinesStreamId,
  spendingUnitDecider,
  streamIdForSpendingUnit,
  type Correction,
  type SpendingUnitEvent,
  type SpendingUnitState,
  type UnitSignatory,
  type BudgetLineCommand,
  type BudgetLineEvent,
  type BudgetLineState,
  type ExpenditureLocatorEvent,
  type YearLinesCommand,
  type YearLinesEvent,
  type YearLinesState,
} from '@app/budgeting';
import {
  handle,
  loadStream,
  type CommandContext,
  type ExecutionResult,
  type StreamDecider,
} from '../command-executor';
import type { FoldedStream } from '../stream-state-cache';
import { decodeEvent, type DomainEvent } from '../event-codec';

type WithoutContext<C> = C extends unknown
  ? Omit<C, 'actor' | 'on' | 'recordedOn' | 'fiscalYearClosed'>
  : never;

/** The line as its commands see it, and each proposal's business date (decisions default to it). */
export interface LineView {
  readonly line: BudgetLineState;
  /** Expenditure id → the effective date of its proposal. */
  readonly proposedOn: PersistentMap<string, string>;
}

const initialLineView: LineView = {
  line: budgetLineDecider.initialState,
  proposedOn: PersistentMap.empty(),
};

const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function evolveLineView(
  view: LineView,
  event: BudgetLineEvent,
  metadata: EventMetadataInput,
): LineView {
  const line = budgetLineDecider.evolveRecorded(view.line, event, metadata);
  const proposedOn =
    event.type === 'ExpenditureProposed'
      ? view.proposedOn.set(event.data.expenditureId, metadata.effectiveDate)
      : view.proposedOn;
  return { line, proposedOn };
}

/** The line's decider over the line view; the line's id is part of its identity. */
function lineDecider(lineId: string): StreamDecider<BudgetLineCommand, BudgetLineEvent, LineView> {
  return {
    name: 'budget-line-view@1',
    initialState: initialLineView,
    evolve: evolveLineView,
    decide: (command, view) => budgetLineDecider.decide(command, view.line, lineId),
  };
}

/** The commands whose first money opens a line (BudgetLineOpened): its year must list it first. */
const OPENERS: ReadonlySet<BudgetLineCommand['type']> = new Set([
  'AllocateFunds',
  'CarryIn',
  'TransferIn',
]);

/** The register of a year's lines as the executor runs it (the close reads it too). */
export const yearLinesView: StreamDecider<YearLinesCommand, YearLinesEvent, YearLinesState> = {
  name: 'fiscal-year-lines@1',
  initialState: yearLinesDecider.initialState,
  evolve: (state, event) => yearLinesDecider.evolve(state, event),
  decide: (command, state) => yearLinesDecider.decide(command, state),
};

/** An expenditure found on its line, with the facts of its proposal. */
export interface LocatedExpenditure {
  readonly budgetLineId: string;
  /** The proposal's business date: approval and rejection default to it. */
  readonly effectiveDate: string;
  readonly voucher: string | null;
  /** The line as it was found, for the decision that follows (run). */
  readonly line: FoldedStream<LineView>;
}

/** Expenditures whose line a process remembers (~100 bytes each). */
const LOCATED_EXPENDITURES_KEPT = 20_000;

/** Runs a budget-line command: the year's closing status is read, then load-decide-append. */
@Injectable()
export class LineCommands {
  /**
   * The line of each expenditure looked up lately. Sound to keep: a locator is filed once
   * and never changes (its decider refuses another line for the same id), so what it said
   * once it says for good; bounded, the oldest forgotten first.
   */
  private readonly lineOfExpenditure = new Map<string, string>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** `loaded`: the line as this command already loaded it (view), so it is not read again. */
  async run(
    lineId: string,
    context: CommandContext,
    command: WithoutContext<BudgetLineCommand>,
    loaded?: FoldedStream<LineView>,
  ): Promise<ExecutionResult<BudgetLineEvent>> {
    const fiscalYearClosed = await this.isClosed(lineId);
    const correction = await this.citedLapse(lineId, command.correction ?? null);
    const full = {
      ...command,
      ...(correction ? { correction } : {}),
      actor: context.actor,
      on: context.effectiveDate,
      recordedOn: context.recordedOn,
      fiscalYearClosed,
    } as BudgetLineCommand;
    const line = await this.listIfOpening(lineId, context, full, loaded);
    return handle(
      this.store,
      context,
      budgetLineStreamId(lineId),
      lineDecider(lineId),
      full,
      line ? { loaded: line } : {},
    );
  }

  /**
   * A command about to open a line lists it in its year's register first (an append
   * conditioned on the register's revision), so the year's close, which seals the register
   * before it seals the lines, either finds this line (and seals it: this command's append
   * then fails its expected revision and, deciding again on the sealed line, is refused) or
   * has sealed the register first (the listing is refused as in a closed year). Decided on
   * the line first: a refused command lists nothing. Once per line, never per command.
   */
  private async listIfOpening(
    lineId: string,
    context: CommandContext,
    command: BudgetLineCommand,
    loaded: FoldedStream<LineView> | undefined,
  ): Promise<FoldedStream<LineView> | undefined> {
    if (!OPENERS.has(command.type)) return loaded;
    const line = loaded ?? (await this.load(lineId));
    if (line.state.line.key) return line;
    budgetLineDecider.decide(command, line.state.line, lineId);
    const fiscalYear = parseBudgetLineId(lineId).fiscalYear;
    await handle(this.store, context, yearLinesStreamId(fiscalYear), yearLinesView, {
      type: 'RegisterYearLine',
      fiscalYear,
      budgetLineId: lineId,
      passesClosedYear: passesClosedYear(command),
    });
    return line;
  }

  /**
   * Seals the line for its year's close (or unseals it when that close was refused): a
   * revision of the line's own stream, so a command that decided on the line before it
   * fails its append (expected revision) and decides again on the sealed line, refused.
   * One stream per append: sound on EventStoreDB, which has no multi-stream transaction.
   * `commandId` distinct per purpose: a seal and the unseal after it are different events.
   */
  async seal(lineId: string, context: CommandContext, sealed: boolean): Promise<void> {
    const fiscalYear = parseBudgetLineId(lineId).fiscalYear;
    const event: BudgetLineEvent = sealed
      ? { type: 'BudgetLineSealed', data: { budgetLineId: lineId, fiscalYear } }
      : { type: 'BudgetLineUnsealed', data: { budgetLineId: lineId, fiscalYear } };
    const view = lineDecider(lineId);
    await handle(
      this.store,
      { ...context, commandId: `${context.commandId}:${sealed ? 'seal' : 'unseal'}` },
      budgetLineStreamId(lineId),
      {
        ...view,
        decide: (_: null, v: LineView) => ((v.line.sealed ?? false) === sealed ? [] : [event]),
      },
      null,
    );
  }

  /**
   * Decides without appending, on the line as loaded: throws the refusal the command would
   * meet, so work done before the append (a voucher claim, a decision's charge) is not
   * done for a command that is refused.
   */
  async check(
    lineId: string,
    context: CommandContext,
    command: WithoutContext<BudgetLineCommand>,
    loaded: FoldedStream<LineView>,
  ): Promise<void> {
    const full = {
      ...command,
      actor: context.actor,
      on: context.effectiveDate,
      recordedOn: context.recordedOn,
      fiscalYearClosed: await this.isClosed(lineId),
    } as BudgetLineCommand;
    budgetLineDecider.decide(full, loaded.state.line, lineId);
  }

  /**
   * A late entry may cite the lapse it corrects by the lapse's event id: read as the
   * lapse's reference (`lapse:<line>:<deadline>`), the one form the line decider checks.
   * Anything else is left for the decider to judge.
   */
  async citedLapse(lineId: string, correction: Correction | null): Promise<Correction | null> {
    if (!correction || !EVENT_ID.test(correction.corrects.trim())) return correction;
    const cited = correction.corrects.trim().toLowerCase();
    const events = await this.store.readStream(budgetLineStreamId(lineId));
    const lapse = events.find((e) => e.id.toLowerCase() === cited && e.type === 'CarryOverLapsed');
    const deadline = lapse?.data.deadline;
    if (typeof deadline !== 'string') return correction;
    return { ...correction, corrects: lapseReference(lineId, deadline) };
  }

  /**
   * The account signatories registered for the line's unit (none: the unit approves by one
   * approver under a delegation). Fresh: the unit's state is folded in the stream cache
   * (the entry the unit's own commands use) and caught up with what its stream gained
   * since, so a registration made a moment ago counts, without reading the stream again.
   */
  async signatories(lineId: string): Promise<readonly UnitSignatory[]> {
    const unit = parseBudgetLineId(lineId).unit;
    const { state } = await loadStream<SpendingUnitEvent, SpendingUnitState>(this.store, {
      streamId: streamIdForSpendingUnit(unit),
      name: spendingUnitDecider.name,
      initialState: spendingUnitDecider.initialState,
      evolve: (folded, event) => spendingUnitDecider.evolve(folded, event),
    });
    return state.status === 'registered' ? state.signatories : [];
  }

  /**
   * A year is closed once its stream ends with FiscalYearClosed (no later reopening). Every
   * command on a line asks, so the answer is folded in the stream cache: each asking reads
   * only what the year's stream gained since (usually nothing), not its last event again.
   */
  async isClosed(lineId: string): Promise<boolean> {
    const year = parseBudgetLineId(lineId).fiscalYear;
    const folded = await loadStream(this.store, {
      streamId: fiscalYearStreamId(year),
      name: 'fiscal-year-closed@1',
      initialState: false,
      evolve: (_closed: boolean, event: DomainEvent) => event.type === 'FiscalYearClosed',
    });
    return folded.state;
  }

  /** Which line holds an expenditure (its locator stream), and that line as it is now. */
  async expenditure(expenditureId: string): Promise<LocatedExpenditure> {
    const budgetLineId = await this.lineOf(expenditureId);
    const line = budgetLineId ? await this.load(budgetLineId) : null;
    const proposal = line?.state.line.expenditures.get(expenditureId);
    const proposedOn = line?.state.proposedOn.get(expenditureId);
    if (!budgetLineId || !line || !proposal || proposedOn === undefined) {
      throw new DomainError('EXPENDITURE.NOT_FOUND', 'not_found', {
        vi: `Không tìm thấy khoản chi ${expenditureId}`,
        en: `Expenditure ${expenditureId} not found`,
      });
    }
    return { budgetLineId, effectiveDate: proposedOn, voucher: proposal.voucher, line };
  }

  /** The line an expenditure's locator names (null: no such expenditure). */
  private async lineOf(expenditureId: string): Promise<string | null> {
    const known = this.lineOfExpenditure.get(expenditureId);
    if (known !== undefined) return known;
    // A one-event stream, read as is: caching one per expenditure would crowd out the lines.
    const pointer = await this.store.readStream(expenditureStreamId(expenditureId));
    const { budgetLineId } = pointer
      .map((e) => decodeEvent<ExpenditureLocatorEvent>(e))
      .reduce(expenditureLocatorDecider.evolve, expenditureLocatorDecider.initialState);
    if (budgetLineId === null) return null;
    if (this.lineOfExpenditure.size >= LOCATED_EXPENDITURES_KEPT) {
      this.lineOfExpenditure.delete(this.lineOfExpenditure.keys().next().value as string);
    }
    this.lineOfExpenditure.set(expenditureId, budgetLineId);
    return budgetLineId;
  }

  async state(lineId: string): Promise<BudgetLineState> {
    return (await this.view(lineId)).line;
  }

  /** The line as it is now: cached, so this reads only what was appended since. */
  async view(lineId: string): Promise<LineView> {
    return (await this.load(lineId)).state;
  }

  /** The view with its revision, to pass to run() within the same command. */
  load(lineId: string): Promise<FoldedStream<LineView>> {
    return loadStream(this.store, { streamId: budgetLineStreamId(lineId), ...lineDecider(lineId) });
  }
}
