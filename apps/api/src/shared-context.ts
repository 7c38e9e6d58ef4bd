import { randomUUID } from 'node:crypto';
import type { Actor } from '@app/budgeting';
import type { ActionContext, CommandContext } from '@app/application';
import { currentRequestId } from '@app/config';

/**
 * The command context of an HTTP request: the actor from the token, the command id from
 * the Idempotency-Key, and the request id (X-Request-Id) as the correlation id of the
 * events it records, so a log line and an event of one request are found by one id.
 */
export function requestContext(
  actor: Actor,
  idempotencyKey: string,
  effectiveDate: string,
): CommandContext {
  return {
    actor,
    commandId: idempotencyKey,
    correlationId: currentRequestId() ?? randomUUID(),
    causationId: null,
    effectiveDate,
  };
}

/** For a decision whose date defaults to the proposal's: no date given means null. */
export function actionContext(
  actor: Actor,
  idempotencyKey: string,
  effectiveDate?: string,
): ActionContext {
  return { ...requestContext(actor, idempotencyKey, ''), effectiveDate: effectiveDate ?? null };
}
