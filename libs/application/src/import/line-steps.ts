import {
  budgetLineId,
  budgetLineStreamId,
  transferStreamId,
  type BudgetLineKey,
} from '@app/budgeting';
import { AllocateFundsCommand } from '../lines/allocate-funds.handler';
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
  type ImportStep,
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
  const on =
    line.effectiveDate ?? ctx.documentDates.get(line.decision) ?? `${ctx.fiscalYear}-01-01`;
  const item = {
    file: DATA_FILES.lines,
    path: ['lines', index],
    illustrative: line.illustrative ?? false,
    effectiveDate: on,
    fields: { on: 'effectiveDate', budgetLineId: null, key: null, toLine: null },
  } as const;
  return {
    line,
    index,
    ctx,
    key,
    lineId,
    lineStream: budgetLineStreamId(lineId),
    amount: BigInt(line.amount),
    legalBasis: line.legalBasis ?? [line.decision],
    item,
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

function allocationStep(facts: LineFacts): ImportStep {
  const { line, key, lineId, lineStream, amount, legalBasis, item } = facts;
  const step: ImportStep = {
    ...item,
    kind: 'allocation',
    commandId: `import:allocations:${lineId}:${line.decision}`,
    streamId: lineStream,
    actor: IMPORT_ACTOR,
    fields: { ...item.fields, decision: 'decision', unit: 'unit', programPart: 'programPart' },
    run: async (io) => {
      await io.commands.execute(
        new AllocateFundsCommand(io.context(step), key, amount, line.decision, legalBasis),
      );
    },
  };
  return step;
}

/**
 * The request, its approval, and the transfer process's credit and completion. The
 * transfer's id is the request handler's own (transferIdOf); the process's steps carry
 * its command ids (transfer.process.ts), which name their events in the log.
 */
function carryOverSteps(facts: LineFacts): ImportStep[] {
  const { line, index, ctx, lineId, lineStream, amount, legalBasis, item } = facts;
  const requester = ctx.people.get(line.requestedBy ?? '');
  const approver = ctx.people.get(line.approvedBy ?? '');
  if (!requester || !approver) throw new Error(`lines[${index}]: requester or approver missing`);
  const requestedBy = actorOf(requester);
  const approvedBy = actorOf(approver);
  const commandId = `import:carry-overs:${lineId}:${line.decision}`;
  const transferId = transferIdOf(requestedBy.userId, commandId);
  const transferStream = transferStreamId(transferId);
  const moveMoney = (io: StepIo): Promise<void> => io.moveMoney(transferId);

  const requestStep: ImportStep = {
    ...item,
    kind: 'carry_over_request',
    commandId,
    streamId: transferStream,
    actor: requestedBy,
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
    run: async (io) => {
      const request = {
        kind: 'carry_over' as const,
        fromLine: null,
        toLine: lineId,
        amount,
        decision: line.decision,
        legalBasis,
        ...(line.deadline ? { deadline: line.deadline } : {}),
        ...(line.permittedBy ? { permittedBy: line.permittedBy } : {}),
      };
      await io.commands.execute(new RequestTransferCommand(io.context(requestStep), request));
    },
  };
  const approvalStep: ImportStep = {
    ...item,
    kind: 'carry_over_approval',
    commandId: `${commandId}:approve`,
    streamId: transferStream,
    actor: approvedBy,
    fields: { ...item.fields, authority: 'approvedBy' },
    run: async (io) => {
      const on = approvalStep.effectiveDate;
      const authority = await authorityFromLog(io.store, approvedBy.userId, on);
      const context = io.context(approvalStep);
      await io.commands.execute(
        new DecideTransferCommand(context, transferId, { approve: true }, authority),
      );
    },
  };
  const creditStep: ImportStep = {
    ...item,
    kind: 'carry_over_credit',
    commandId: `transfer:${transferId}:credit`,
    streamId: lineStream,
    actor: TRANSFER_PROCESS_ACTOR,
    run: moveMoney,
  };
  const completionStep: ImportStep = {
    ...item,
    kind: 'carry_over_completion',
    commandId: `transfer:${transferId}:completed`,
    streamId: transferStream,
    actor: TRANSFER_PROCESS_ACTOR,
    run: moveMoney,
  };
  return [requestStep, approvalStep, creditStep, completionStep];
}
