import type { Lease } from '../document-store.port';

/*
 * Why a lease in the read store, and not EventStoreDB persistent subscriptions:
 *
 * - What must be fenced is the read store: a projection's batches land there, and only a
 *   check made by the read store itself, atomically with the batch, can refuse a writer
 *   that was paused while another took over. A consumer group decides who receives an
 *   event; it cannot stop a paused consumer from writing what it computed earlier.
 * - A projection needs its events one at a time, in log order, from its own checkpoint
 *   (which commits with its documents). Persistent subscriptions keep their own
 *   checkpoint in the server and may redeliver or reorder on retries and parks; with
 *   "pinned" or "round robin" several consumers share one group's events, which is
 *   exactly what an ordered projection must not do.
 * - The embedded SQLite log has no consumer groups: one mechanism serves both stores
 *   (and runs in the tests, on several processes, without a server).
 */

/**
 * What `holder` may store now in place of `current`, or null when another holder's lease
 * is still running. A holder renewing its own lease keeps the token (nobody else ever held
 * it in between, even if it had expired); a takeover takes the next token.
 */
export function claimLease(
  current: Lease | null,
  name: string,
  holder: string,
  now: Date,
  ttlMs: number,
): Lease | null {
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  if (current === null) return { name, holder, token: 1, expiresAt };
  if (current.holder === holder) return { ...current, expiresAt };
  if (Date.parse(current.expiresAt) > now.getTime()) return null;
  return { name, holder, token: current.token + 1, expiresAt };
}

/** A lease given back: expired at once, so that a standby takes it without waiting; the token stays. */
export function releasedLease(current: Lease, now: Date): Lease {
  return { ...current, expiresAt: now.toISOString() };
}
