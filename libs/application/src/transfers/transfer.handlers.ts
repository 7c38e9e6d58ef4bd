import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  transferDecider,
  transferStreamId,
  type Authority,
  type TransferCommand,
  type TransferRequest,
} from '@app/budgeting';
import { handle, type CommandContext } from '../command-executor';
import { deterministicUuid } from '../deterministic-id';
import type { CommandAnswer } from '../command-executor';

type Input = Omit<TransferRequest, 'transferId'>;

export class RequestTransferCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: CommandContext,
    readonly input: Input,
  ) {
    super();
  }
}

export class DecideTransferCommand extends Command<CommandAnswer> {
  constructor(
    /** effectiveDate null: the decision takes effect on the request's date. */
    readonly context: Omit<CommandContext, 'effectiveDate'> & {
      readonly effectiveDate: string | null;
    },
    readonly transferId: string,
    readonly decision:
      { readonly approve: true } | { readonly approve: false; readonly reason: string },
    readonly authority: Authority | null,
  ) {
    super();
  }
}

type WithoutContext<C> = C extends unknown ? Omit<C, 'actor' | 'on' | 'recordedOn'> : never;

export async function runTransferCommand(
  store: EventStore,
  transferId: string,
  context: CommandContext,
  command: WithoutContext<TransferCommand>,
): Promise<bigint | null> {
  const full = {
    ...command,
    actor: context.actor,
    on: context.effectiveDate,
    recordedOn: context.recordedOn,
  } as TransferCommand;
  const result = await handle(store, context, transferStreamId(transferId), transferDecider, full);
  return result.position;
}

/** A request's transfer id: the requester's command id names it (an import predicts it). */
export function transferIdOf(requester: string, commandId: string): string {
  return deterministicUuid('transfer', requester, commandId);
}

@CommandHandler(RequestTransferCommand)
export class RequestTransferHandler implements ICommandHandler<RequestTransferCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ context, input }: RequestTransferCommand): Promise<CommandAnswer> {
    const transferId = transferIdOf(context.actor.userId, context.commandId);
    const position = await runTransferCommand(this.store, transferId, context, {
      type: 'RequestTransfer',
      data: { ...input, transferId },
    });
    return { id: transferId, position: position?.toString() ?? null };
  }
}

/** Approval records the decision; the transfer process moves the money after it. */
@CommandHandler(DecideTransferCommand)
export class DecideTransferHandler implements ICommandHandler<DecideTransferCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(c: DecideTransferCommand): Promise<CommandAnswer> {
    const requestedOn = await this.requestedOn(c.transferId);
    // Unknown transfer: any date does, the decider answers TRANSFER.NOT_FOUND.
    const effectiveDate = c.context.effectiveDate ?? requestedOn ?? c.context.recordedOn;
    const decision = { authority: c.authority, ...(requestedOn ? { requestedOn } : {}) };
    const position = await runTransferCommand(
      this.store,
      c.transferId,
      { ...c.context, effectiveDate },
      c.decision.approve
        ? { type: 'ApproveTransfer', data: decision }
        : { type: 'RejectTransfer', data: { ...decision, reason: c.decision.reason } },
    );
    return { id: c.transferId, position: position?.toString() ?? null };
  }

  /** The request's business date: the default date of its decision, and its lower bound. */
  private async requestedOn(transferId: string): Promise<string | null> {
    const [first] = await this.store.readStream(transferStreamId(transferId), { maxCount: 1 });
    return first?.metadata.effectiveDate ?? null;
  }
}
