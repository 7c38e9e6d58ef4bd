import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** What a caller may send as its request id: short, printable, nothing to inject into a log. */
const ACCEPTED = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

const scope = new AsyncLocalStorage<string>();

/**
 * Gives every request an id — the caller's `X-Request-Id` when it is a sane one, a fresh
 * UUID otherwise — answers it in the same header, and keeps it for the rest of the request
 * (the access log, every log line, the correlation id of the events it records).
 */
export function assignRequestId(
  req: IncomingMessage & { id?: unknown },
  res: ServerResponse,
  next: () => void,
): void {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && ACCEPTED.test(given) ? given : randomUUID();
  req.id = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  scope.run(id, next);
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return scope.getStore();
}
