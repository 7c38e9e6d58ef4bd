import {
  fiscalYearStreamId,
  budgetLineDecider,
  budgetLineId,
  budgetLineStreamId,
  fold,
  streamIdForSpendingUnit,
  streamIdForUser,
  transferDecider,
  transferStreamId,
  type BudgetLineCommand,
  type BudgetLineEvent,
  type BudgetLineKey,
  type TransferCommand,
  type TransferEvent,
} from '@app/budgeting';
import type { DomainEvent } from '../event-codec';
import { AllocateFundsCommand } from '../lines/allocate-funds.handler';
import { decisionFactsFrom, decisionStreams, unitFactsFrom } from '../lines/allocation-facts';
import {
  DecideTransferCommand,
  RequestTransferCommand,
  transferIdOf,
} from '../transfers/transfer.handlers';
import { SYSTEM_ACTOR as TRANSFER_PROCESS_ACTOR } from '../transfers/transfer.process';
import { DATA_FILES, type LineItem, type PersonItem } from './data-set';
import {
  IMPORT_ACTOR,
  actorOf,
  authorityFromLog,
  authorityIn,
  type ImportStep,
  type LedgerReader,
  type StepIo,
} from './import-step';

export interface LineContext {
  readonly fiscalYear: number;
  readonly people: ReadonlyMap<string, PersonItem>;
  readonly documentDates: ReadonlyMap<string, string>;
}

/** What every step of one item of budget-lines.yaml is made of. */
function lineFacts(line: LineItem, index: number, ctx: LineContext) {
  const key: BudgetLineKey = {
    fiscalYear: ctx.fiscalYear,
    programPart: line.programPart,
    fundSource: line.fundSource,
    sourceYear: line.sourceYear,
    unit: line.unit,
  };
  const lineId = budgetLineId(key);
  const lineStream = budgetLineStreamId(lineId);
  const yearStream = fiscalYearStreamId(ctx.fiscalYear);
  const amount = BigInt(line.amount);
  const legalBasis = line.legalBasis ?? [line.decision];
  const on =
    line.effectiveDate ?? ctx.documentDates.get(line.decision) ?? `${ctx.fiscalYear}-01-01`;
  const item = {
    file: DATA_FILES.lines,
    path: ['lines', index],
    illustrative: line.illustrative ?? false,
    effectiveDate: on,
    fields: { on: 'effectiveDate', budgetLineId: null, key: null, toLine: null },
  } as const;
  const onLine = (
    command: Omit<BudgetLineCommand, 'fiscalYearClosed'>,
    history: readonly DomainEvent[],
    ledger: LedgerReader,
  ): readonly DomainEvent[] =>
    budgetLineDecider.decide(
      {
        ...command,
        fiscalYearClosed: ledger.fiscalYearClosed(ctx.fiscalYear),
      } as BudgetLineCommand,
      budgetLineDecider.fold(history as readonly BudgetLineEvent[]),
      lineId,
    );

  return {
    line,
    index,
    ctx,
    key,
    lineId,
    lineStream,
    yearStream,
    amount,
    legalBasis,
    on,
    item,
    onLine,
  };
}

type LineFacts = ReturnType<typeof lineFacts>;

/**
 * An allocation is one AllocateFunds; a carry-over is a transfer request, its approval,
 * and the transfer process's credit and completion.
 */
export function lineSteps(line: LineItem, index: number, ctx: LineContext): ImportStep[] {
  const facts = lineFacts(line, index, ctx);
  return line.kind === 'allocation' ? [allocationStep(facts)] : carryOverSteps(facts);
}

/** AllocateFunds, checked against the decision and the unit as the earlier steps leave them. */
function allocationStep(facts: LineFacts): ImportStep {
  const { line, key, lineId, lineStream, yearStream, amount, legalBasis, on, item, onLine } = facts;
  // The registers the allocation is checked against, as the earlier steps leave them.
  const documents = decisionStreams(line.decision, on);
  const unitStream = streamIdForSpendingUnit(line.unit);
  const step: ImportStep = {
    ...item,
    kind: 'allocation',
    commandId: `import:allocations:${lineId}:${line.decision}`,
    streamId: lineStream,
    actor: IMPORT_ACTOR,
    reads: [yearStream, unitStream, ...documents],
    fields: { ...item.fields, decision: 'decision', unit: 'unit', programPart: 'programPart' },
    decide: (history, ledger) =>
      onLine(
        {
          type: 'AllocateFunds',
          data: {
            key,
            amount,
            decision: line.decision,
            legalBasis,
            decisionDocument: decisionFactsFrom(
              documents.map((id) => ledger.events(id)),
              on,
            ),
            unitRegistration: unitFactsFrom(ledger.events(unitStream)),
          },
          actor: IMPORT_ACTOR,
          on,
        },
        history,
        ledger,
      ),
    run: async (io) => {
      await io.commands.execute(
        new AllocateFundsCommand(io.context(step), key, amount, line.decision, legalBasis),
      );
    },
  };
  return step;
}

/** The request, its approval, and the transfer process's credit and completion. */
function carryOverSteps(facts: LineFacts): ImportStep[] {
  const { line, index, ctx, key, lineId, lineStream, yearStream, amount, legalBasis, on } = facts;
  const { item, onLine } = facts;
  const requester = ctx.people.get(line.requestedBy ?? '');
  const approver = ctx.people.get(line.approvedBy ?? '');
  if (!requester || !approver) throw new Error(`lines[${index}]: requester or approver missing`);
  const requestedBy = actorOf(requester);
  const approvedBy = actorOf(approver);
  const commandId = `import:carry-overs:${lineId}:${line.decision}`;
  const transferId = transferIdOf(requestedBy.userId, commandId);
  const transferStream = transferStreamId(transferId);
  const onTransfer = (
    command: TransferCommand,
    history: readonly DomainEvent[],
  ): readonly DomainEvent[] =>
    transferDecider.decide(command, fold(transferDecider, history as readonly TransferEvent[]));
  const request = {
    transferId,
    kind: 'carry_over' as const,
    fromLine: null,
    toLine: lineId,
    amount,
    decision: line.decision,
    legalBasis,
    ...(line.deadline ? { deadline: line.deadline } : {}),
    ...(line.permittedBy ? { permittedBy: line.permittedBy } : {}),
  };
  const moveMoney = (io: StepIo): Promise<void> => io.moveMoney(transferId);
  const userStream = streamIdForUser(approvedBy.userId);

  const requestStep: ImportStep = {
    ...item,
    kind: 'carry_over_request',
    commandId,
    streamId: transferStream,
    actor: requestedBy,
    reads: [],
    // Another requester gives another transfer id: the same carry-over would land twice.
    earlierForms: [...ctx.people.values()]
      .filter((p) => p.role === 'officer' && p.id !== requestedBy.userId)
      .map((p) => ({
        streamId: transferStreamId(transferIdOf(p.id, commandId)),
        commandId,
        why: {
          vi: `chuyển nguồn này đã được nhập với người đề nghị ${p.id}; đổi requestedBy sẽ chuyển tiền hai lần`,
          en: `this carry-over was imported as requested by ${p.id}; changing requestedBy would carry the money over twice`,
        },
      })),
    decide: (history) =>
      onTransfer({ type: 'RequestTransfer', data: request, actor: requestedBy, on }, history),
    run: async (io) => {
      const { transferId: _derived, ...input } = request;
      const answer = await io.commands.execute(
        new RequestTransferCommand(io.context(requestStep), input),
      );
      if (answer.id !== transferId) {
        throw new Error(`carry-over ${commandId}: transfer ${answer.id}, expected ${transferId}`);
      }
    },
  };
  const approvalStep: ImportStep = {
    ...item,
    kind: 'carry_over_approval',
    commandId: `${commandId}:approve`,
    streamId: transferStream,
    actor: approvedBy,
    reads: [userStream],
    fields: { ...item.fields, authority: 'approvedBy' },
    decide: (history, ledger) =>
      onTransfer(
        {
          type: 'ApproveTransfer',
          data: { authority: authorityIn(ledger.events(userStream), on) },
          actor: approvedBy,
          on,
        },
        history,
      ),
    run: async (io) => {
      const authority = await authorityFromLog(io.store, approvedBy.userId, on);
      await io.commands.execute(
        new DecideTransferCommand(
          io.context(approvalStep),
          transferId,
          { approve: true },
          authority,
        ),
      );
    },
  };
  // The transfer process's own steps, with its command ids (transfer.process.ts): the
  // rehearsal predicts them; running them is running the process itself.
  const creditStep: ImportStep = {
    ...item,
    kind: 'carry_over_credit',
    commandId: `transfer:${transferId}:credit`,
    streamId: lineStream,
    actor: TRANSFER_PROCESS_ACTOR,
    reads: [yearStream],
    decide: (history, ledger) =>
      onLine(
        {
          type: 'CarryIn',
          data: {
            key,
            amount,
            decision: line.decision,
            transferId,
            fromLine: null,
            deadline: line.deadline ?? null,
          },
          actor: TRANSFER_PROCESS_ACTOR,
          on,
        },
        history,
        ledger,
      ),
    run: moveMoney,
  };
  const completionStep: ImportStep = {
    ...item,
    kind: 'carry_over_completion',
    commandId: `transfer:${transferId}:completed`,
    streamId: transferStream,
    actor: TRANSFER_PROCESS_ACTOR,
    reads: [],
    decide: (history) =>
      onTransfer({ type: 'CompleteTransfer', actor: TRANSFER_PROCESS_ACTOR, on }, history),
    run: moveMoney,
  };
  return [requestStep, approvalStep, creditStep, completionStep];
}
