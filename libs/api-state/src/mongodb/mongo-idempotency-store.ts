import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from '@app/read-models/mongodb';
import {
  DEFAULT_IDEMPOTENCY_LEASE_MS,
  IdempotencyStore,
  type BeginOutcome,
  type IdempotencyStoreOptions,
} from '../idempotency/idempotency-store';

interface RecordDoc {
  /** JSON of [userId, key]: one unique claim per user and key. */
  _id: string;
  userId: string;
  key: string;
  requestHash: string;
  state: 'in_progress' | 'done';
  attempt: string;
  status: number | null;
  /** The answer as JSON text: an answer's keys need not be valid MongoDB field names. */
  body: string | null;
  startedAt: Date;
  completedAt: Date | null;
}

export const IDEMPOTENCY = 'api_idempotency';
/** A claim found and gone again (abandoned meanwhile) is tried again this many times. */
const CLAIM_TRIES = 3;

/**
 * Idempotency records in `api_idempotency`, shared by every API replica. A claim is an
 * insert under a unique `_id` of (user, key), acknowledged by a majority: the primary
 * lets exactly one of two concurrent claims in, whichever replica sent it, and the one
 * refused finds the record and answers as the SQLite store does (the stored answer, 409
 * while it runs, 422 for another request). A record the other claim has not had
 * majority-acknowledged yet is not visible to a majority read: that request is still in
 * flight, so 409 is the right answer then too. Taking over a stale claim and completing
 * one are conditional on the attempt that holds it, so a late finisher writes nothing.
 * No TTL, like `idempotency.sqlite` (see docs/deployment.md).
 */
export class MongoIdempotencyStore extends IdempotencyStore {
  private readonly records: Collection<RecordDoc>;
  private readonly leaseMs: number;

  private constructor(db: Db, options: IdempotencyStoreOptions) {
    super();
    this.records = db.collection<RecordDoc>(IDEMPOTENCY);
    this.leaseMs = options.leaseMs ?? DEFAULT_IDEMPOTENCY_LEASE_MS;
  }

  /** Needs no index beyond `_id`. */
  static async open(db: Db, options: IdempotencyStoreOptions = {}): Promise<MongoIdempotencyStore> {
    return new MongoIdempotencyStore(db, options);
  }

  async begin(
    userId: string,
    key: string,
    requestHash: string,
    now: Date = new Date(),
  ): Promise<BeginOutcome> {
    const id = JSON.stringify([userId, key]);
    for (let tries = 0; tries < CLAIM_TRIES; tries++) {
      const attempt = randomUUID();
      try {
        await this.records.insertOne({
          _id: id,
          userId,
          key,
          requestHash,
          state: 'in_progress',
          attempt,
          status: null,
          body: null,
          startedAt: now,
          completedAt: null,
        });
        return { kind: 'started', attempt };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const row = await this.records.findOne({ _id: id });
      if (!row) continue;
      if (row.requestHash !== requestHash) return { kind: 'key_reused' };
      if (row.state === 'done') {
        return {
          kind: 'replay',
          status: row.status ?? 200,
          body: row.body === null ? undefined : (JSON.parse(row.body) as unknown),
        };
      }
      if (now.getTime() - row.startedAt.getTime() <= this.leaseMs) return { kind: 'in_progress' };
      const taken = await this.records.updateOne(
        { _id: id, state: 'in_progress', attempt: row.attempt },
        { $set: { attempt, startedAt: now } },
      );
      // Someone else took it over or finished it meanwhile: that one runs, not this.
      return taken.modifiedCount === 1 ? { kind: 'started', attempt } : { kind: 'in_progress' };
    }
    return { kind: 'in_progress' };
  }

  async complete(
    userId: string,
    key: string,
    attempt: string,
    status: number,
    body: unknown,
    now: Date = new Date(),
  ): Promise<void> {
    await this.records.updateOne(
      { _id: JSON.stringify([userId, key]), state: 'in_progress', attempt },
      {
        $set: {
          state: 'done',
          status,
          body: body === undefined ? null : JSON.stringify(body),
          completedAt: now,
        },
      },
    );
  }

  async abandon(userId: string, key: string, attempt: string): Promise<void> {
    await this.records.deleteOne({
      _id: JSON.stringify([userId, key]),
      state: 'in_progress',
      attempt,
    });
  }

  async close(): Promise<void> {}
}
