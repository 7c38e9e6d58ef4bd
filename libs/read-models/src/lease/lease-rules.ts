import type { Fence, Lease } from '../document-store.port';
import {
  DocumentStoreError,
  InvalidQueryError,
  InvalidWriteError,
} from '../sqlite/document-store.rules';

/**
 * A fenced batch whose lease has changed hands (or was never taken): nothing of it
 * landed. The writer has lost the lease and must stop writing for it.
 */
export class FencedOffError extends DocumentStoreError {
  readonly code = 'READ_MODELS.FENCED_OFF';
  constructor(
    readonly fence: Fence,
    /** The lease's current token, or null when there is no such lease. */
    readonly current: number | null,
  ) {
    super(
      current === null
        ? `lease ${fence.lease} does not exist: a batch fenced by it is refused`
        : `lease ${fence.lease} is at token ${current}: a batch fenced by token ${fence.token} is refused`,
    );
    this.name = 'FencedOffError';
  }
}

/** By code, not instanceof: Jest loads a module registry per test file (see the SQLite adapter). */
export function isFencedOff(error: unknown): error is FencedOffError {
  return (error as { code?: unknown } | null)?.code === 'READ_MODELS.FENCED_OFF';
}

function checkName(name: unknown, what: string): string {
  if (
    typeof name !== 'string' ||
    name === '' ||
    name.length > 200 ||
    [...name].some((c) => c.charCodeAt(0) < 0x20)
  ) {
    throw new InvalidQueryError(`${what} must be printable text of 1 to 200 characters`);
  }
  return name;
}

function checkToken(token: unknown, what: string): number {
  if (typeof token !== 'number' || !Number.isSafeInteger(token) || token < 1) {
    throw new InvalidQueryError(`${what} must be a positive integer, got ${String(token)}`);
  }
  return token;
}

export function checkLeaseName(name: unknown): string {
  return checkName(name, 'lease name');
}

/** A lease as both adapters store it: names printable, token a positive integer, expiry canonical ISO. */
export function checkLease(lease: Lease): Lease {
  if (typeof lease !== 'object' || lease === null)
    throw new InvalidQueryError('a lease is an object');
  const expiresAt = lease.expiresAt;
  if (
    typeof expiresAt !== 'string' ||
    Number.isNaN(Date.parse(expiresAt)) ||
    new Date(expiresAt).toISOString() !== expiresAt
  ) {
    throw new InvalidQueryError(
      `lease expiresAt must be an ISO instant as toISOString() writes it, got ${String(expiresAt)}`,
    );
  }
  return {
    name: checkLeaseName(lease.name),
    holder: checkName(lease.holder, 'lease holder'),
    token: checkToken(lease.token, 'lease token'),
    expiresAt,
  };
}

/** The fence of a batch; a malformed one refuses the batch like any invalid write. */
export function checkFence(fence: Fence): Fence {
  try {
    if (typeof fence !== 'object' || fence === null) throw new InvalidQueryError('not an object');
    return { lease: checkLeaseName(fence.lease), token: checkToken(fence.token, 'fence token') };
  } catch (error) {
    throw new InvalidWriteError(`invalid fence: ${(error as Error).message}`);
  }
}

/** Whether a stored lease is exactly the expected one (what swapLease compares). */
export function sameLease(stored: Lease | null, expected: Lease | null): boolean {
  if (stored === null || expected === null) return stored === expected;
  return (
    stored.name === expected.name &&
    stored.holder === expected.holder &&
    stored.token === expected.token &&
    stored.expiresAt === expected.expiresAt
  );
}
