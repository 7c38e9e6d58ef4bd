import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  budgetLineId,
  DomainError,
  legalDocumentDecider,
  parseBudgetLineId,
  streamIdForLegalDocument,
  type BudgetLineKey,
  type LegalDocumentCommand,
  type Money,
} from '@app/budgeting';
import { handle, type CommandContext } from '../command-executor';
import { lookUpAllocationFacts } from './allocation-facts';
import type { CommandAnswer } from '../command-executor';
import { LineCommands } from '../shared/line-commands';

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

/**
 * Looks the decision and the unit up in their registers, checks the allocation against
 * the line, charges the decision (when it states its amount), then allocates. A refusal
 * of the allocation after the charge releases the charge, so a decision's charges are the
 * allocations recorded under it.
 */
@CommandHandler(AllocateFundsCommand)
export class AllocateFundsHandler implements ICommandHandler<AllocateFundsCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly lines: LineCommands,
  ) {}

  async execute(c: AllocateFundsCommand): Promise<CommandAnswer> {
    const id = budgetLineId(c.key);
    parseBudgetLineId(id);
    const context = { ...c.context, extra: { ...c.context.extra, legalBasis: [...c.legalBasis] } };
    const on = context.effectiveDate;
    // A retry finds its own charge on the decision: not counted against it a second time.
    const facts = await lookUpAllocationFacts(
      this.store,
      c.key.unit,
      c.decision,
      on,
      context.commandId,
    );
    const command = {
      type: 'AllocateFunds' as const,
      data: {
        key: c.key,
        amount: c.amount,
        decision: c.decision,
        legalBasis: c.legalBasis,
        ...facts,
      },
    };
    const line = await this.lines.load(id);
    await this.lines.check(id, context, command, line);
    const document = facts.decisionDocument;
    const charged = document?.amount != null;
    const onDocument = (type: 'ChargeAllocation' | 'ReleaseAllocation', step: string) => {
      const data =
        type === 'ChargeAllocation'
          ? { allocationId: context.commandId, budgetLineId: id, amount: c.amount }
          : { allocationId: context.commandId, reason: 'phân bổ bị từ chối / allocation refused' };
      const decide = { type, data, actor: context.actor, on } as LegalDocumentCommand;
      return handle(
        this.store,
        { ...context, commandId: `${context.commandId}:${step}` },
        streamIdForLegalDocument(document?.number ?? c.decision, document?.issuedOn ?? on),
        legalDocumentDecider,
        decide,
        { cache: false },
      );
    };
    if (charged) await onDocument('ChargeAllocation', 'charge');
    try {
      const result = await this.lines.run(id, context, command, line);
      return { id, position: result.position?.toString() ?? null };
    } catch (error) {
      // Refused after all (a racing allocation): give the decision its money back.
      if (charged && error instanceof DomainError) await onDocument('ReleaseAllocation', 'release');
      throw error;
    }
  }
}
