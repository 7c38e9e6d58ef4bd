import { randomUUID } from 'node:crypto';
import type { Actor } from '@app/budgeting';
import type { ActionContext, CommandContext } from '@app/application';

/** The command context of an HTTP request: the actor from the token, ids from the key. */
export function requestContext(
  actor: Actor,
  idempotencyKey: string,
  effectiveDate: string,
): CommandContext {
  return {
    actor,
    commandId: idempotencyKey,
    correlationId: randomUUID(),
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
