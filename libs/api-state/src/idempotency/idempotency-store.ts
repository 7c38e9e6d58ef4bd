/**
 * The first answer to each (user, Idempotency-Key): bookkeeping of the HTTP edge, not
 * ledger facts, so kept out of the event log and apart from the credentials. In
 * `<data>/idempotency.sqlite` on one machine (SqliteIdempotencyStore), in MongoDB's
 * `api_idempotency` when API replicas run on several (MongoIdempotencyStore).
 *
 * Both claim a key by inserting an `in_progress` record under a unique (user, key) before
 * the handler runs: of two concurrent requests with one key, on one replica or two, one
 * inserts and runs, the other finds the record and is answered 409 (or the stored answer
 * once there is one); never both run.
 */

export type BeginOutcome =
  | { readonly kind: 'started'; readonly attempt: string }
  | { readonly kind: 'replay'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'in_progress' }
  | { readonly kind: 'key_reused' };

export interface IdempotencyStoreOptions {
  /**
   * How long an `in_progress` record holds its key. A process that died mid-request
   * leaves one behind; after the lease a retry may run again. Safe because command
   * handlers derive event ids from the key, so the event store drops a second append of
   * the same events.
   */
  readonly leaseMs?: number;
}

export const DEFAULT_IDEMPOTENCY_LEASE_MS = 5 * 60_000;

export abstract class IdempotencyStore {
  /**
   * Claims the key for this request, or says why not: the stored answer to replay,
   * another request with the key still running, or the key already used for a different
   * request.
   */
  abstract begin(
    userId: string,
    key: string,
    requestHash: string,
    now?: Date,
  ): Promise<BeginOutcome>;

  /** Records the final answer of the attempt that claimed the key. */
  abstract complete(
    userId: string,
    key: string,
    attempt: string,
    status: number,
    body: unknown,
    now?: Date,
  ): Promise<void>;

  /** Frees the key (no final answer: a server fault or a refusal before the handler ran). */
  abstract abandon(userId: string, key: string, attempt: string): Promise<void>;

  abstract close(): Promise<void>;
}
