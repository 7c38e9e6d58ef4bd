import {
  DomainError,
  parseBudgetLineId,
  transferStreamId,
  type Actor,
  type BudgetLineEvent,
  type CarriedDeadline,
  type TransferEvent,
} from '@app/budgeting';
import type { EventStore, RecordedEvent } from '@app/event-store';
import type { CommandContext } from '../command-executor';
import { decodeEvent } from '../event-codec';
import type { LineCommands } from '../shared/line-commands';
import { runTransferCommand } from './transfer.handlers';

export const SYSTEM_ACTOR: Actor = {
  userId: 'system:transfers',
  name: 'Quy trình điều chuyển',
  role: 'admin',
  unit: null,
};

/**
 * The transfer process manager. On TransferApproved it debits the source, credits the
 * destination and records completion. Each step's event ids derive from the transfer
 * id, so a restart that replays the approval repeats nothing already done. A credit
 * that cannot land is compensated by returning the money to the source.
 */
export class TransferProcess {
  constructor(
    private readonly store: EventStore,
    private readonly lines: LineCommands,
  ) {}

  /**
   * `refusals: 'throw'` (the import): a refused debit or credit is thrown as it is, so the
   * row is refused, instead of being compensated and recorded as a failed transfer.
   */
  async handle(
    recorded: RecordedEvent,
    options: { readonly refusals?: 'settle' | 'throw' } = {},
  ): Promise<void> {
    const throws = options.refusals === 'throw';
    if (recorded.type !== 'TransferApproved') return;
    const approval = decodeEvent<Extract<TransferEvent, { type: 'TransferApproved' }>>(recorded);
    const transferId = approval.data.transferId;
    const stream = await this.store.readStream(transferStreamId(transferId));
    const request = stream
      .map((e) => decodeEvent<TransferEvent>(e))
      .find((e) => e.type === 'TransferRequested');
    if (request?.type !== 'TransferRequested') return;
    const r = request.data;
    const context = (step: string): CommandContext => ({
      actor: SYSTEM_ACTOR,
      commandId: `transfer:${transferId}:${step}`,
      correlationId: recorded.metadata.correlationId,
      causationId: recorded.id,
      effectiveDate: recorded.metadata.effectiveDate,
      recordedOn: recorded.metadata.effectiveDate,
      extra: { transferId, decision: r.decision },
    });
    const settle = (outcome: { code: string; reason: string } | null): Promise<bigint | null> =>
      runTransferCommand(
        this.store,
        transferId,
        context(outcome ? 'failed' : 'completed'),
        outcome ? { type: 'FailTransfer', data: outcome } : { type: 'CompleteTransfer' },
      );

    // The deadline the money keeps, as the debit recorded it (a retried debit answers with it).
    let carriedDeadline: CarriedDeadline | null = null;
    if (r.fromLine !== null) {
      try {
        const debit = await this.lines.run(r.fromLine, context('debit'), {
          type: 'TransferOut',
          data: {
            kind: r.kind,
            amount: r.amount,
            decision: r.decision,
            transferId,
            toLine: r.toLine,
          },
        });
        carriedDeadline = carriedBy(debit.events);
      } catch (error) {
        if (!(error instanceof DomainError) || throws) throw error;
        await settle({ code: error.code, reason: error.messages.vi });
        return;
      }
    }
    const key = parseBudgetLineId(r.toLine);
    try {
      await this.lines.run(
        r.toLine,
        context('credit'),
        r.kind === 'carry_over'
          ? {
              type: 'CarryIn',
              data: {
                key,
                amount: r.amount,
                decision: r.decision,
                transferId,
                fromLine: r.fromLine,
                deadline: r.deadline ?? null,
              },
            }
          : {
              type: 'TransferIn',
              data: {
                key,
                amount: r.amount,
                decision: r.decision,
                transferId,
                fromLine: r.fromLine ?? '',
                carriedDeadline,
              },
            },
      );
    } catch (error) {
      if (!(error instanceof DomainError) || throws) throw error;
      if (r.fromLine !== null) {
        await this.lines.run(r.fromLine, context('compensate'), {
          type: 'ReverseTransferOut',
          data: { transferId, reason: error.messages.vi },
        });
      }
      await settle({ code: error.code, reason: error.messages.vi });
      return;
    }
    await settle(null);
  }
}

/** The deadline the debited money carries, from the debit's own event. */
function carriedBy(events: readonly BudgetLineEvent[]): CarriedDeadline | null {
  for (const event of events) {
    if (event.type === 'FundsTransferredOut') return event.data.carriedDeadline ?? null;
  }
  return null;
}
