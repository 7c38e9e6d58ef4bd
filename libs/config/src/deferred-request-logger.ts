import type { Logger } from 'pino';

const DEFERRED = Symbol.for('budget-ledger.deferred-request-bindings');

type Child = Logger['child'];

/**
 * pino-http gives every request a child logger bound to the request (`child({ req })`),
 * and pino serializes a child's bindings when it is made: the request serializer, the
 * redaction and `JSON.stringify`, per request, whether or not a line is ever written.
 * At a level where the access line of a success is not written (LOG_LEVEL warn or
 * error), most requests write nothing, so the request's child is made only when a line
 * of an enabled level is written through it (a 5xx access line, an error logged during
 * the request): the same line, with the same `req` fields, as before.
 *
 * Installed on the root logger whose `child` pino-http calls; does nothing when `info` is
 * enabled (every success writes its access line, so nothing would be saved). The levels
 * are those in force when the request starts: a level raised at run time reaches a
 * request's later lines without its `req` binding.
 */
export function deferRequestBindings<Levels extends string>(logger: Logger<Levels>): void {
  const root = logger as unknown as Logger;
  const marked = root as Logger & { [DEFERRED]?: true };
  if (marked[DEFERRED] || root.isLevelEnabled('info')) return;
  marked[DEFERRED] = true;
  const makeChild = (Object.getPrototypeOf(root) as { child: Child }).child;
  const enabled = Object.keys(root.levels.values).filter((level) => root.isLevelEnabled(level));
  root.child = function child(this: Logger, bindings, options) {
    if (options !== undefined || !Object.hasOwn(bindings, 'req')) {
      return makeChild.call(this, bindings, options);
    }
    // The socket's address is read now: once the connection closes it can no longer be.
    void (bindings.req as { socket?: { remoteAddress?: string } }).socket?.remoteAddress;
    return deferredChild(this, bindings, makeChild, enabled);
  } as Child;
}

function deferredChild(
  parent: Logger,
  bindings: Record<string, unknown>,
  makeChild: Child,
  enabled: readonly string[],
): Logger {
  let made: Logger | undefined;
  const real = (): Logger => (made ??= makeChild.call(parent, bindings) as unknown as Logger);
  // Disabled levels are inherited from the parent: pino's no-ops.
  const deferred = Object.create(parent) as Record<string, unknown>;
  for (const level of enabled) {
    deferred[level] = (...args: unknown[]) =>
      (real() as unknown as Record<string, (...a: unknown[]) => void>)[level]?.(...args);
  }
  deferred.child = (more: Record<string, unknown>, options?: object) => real().child(more, options);
  deferred.bindings = () => real().bindings();
  deferred.setBindings = (more: Record<string, unknown>) => real().setBindings(more);
  return deferred as unknown as Logger;
}
