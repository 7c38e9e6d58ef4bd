import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@app/budgeting';
import { LedgerClock, type ActionContext, type CommandContext } from '@app/application';
import { currentRequestId } from '@app/config';

/**
 * The command context of an HTTP request: the actor from the token, the command id from
 * the scoped Idempotency-Key (CommandKey), the day it is made on, in Vietnam, from the
 * ledger's clock (an approver's delegation must be in force that day too), and the request
 * id (X-Request-Id) as the correlation id of the events it records, so a log line and an
 * event of one request are found by one id.
 */
@Injectable()
export class RequestContexts {
  constructor(private readonly clock: LedgerClock) {}

  of(actor: Actor, commandId: string, effectiveDate: string): CommandContext {
    return {
      actor,
      commandId,
      correlationId: currentRequestId() ?? randomUUID(),
      causationId: null,
      effectiveDate,
      recordedOn: this.clock.today(),
    };
  }

  /** For a decision whose date defaults to the proposal's: no date given means null. */
  action(actor: Actor, commandId: string, effectiveDate?: string): ActionContext {
    return { ...this.of(actor, commandId, ''), effectiveDate: effectiveDate ?? null };
  }
}
