import {
  MongoBulkWriteError,
  type MongoClient,
  MongoServerError,
  type AnyBulkWriteOperation,
  type Decimal128,
  type Db,
  type Document,
  type WriteError,
} from 'mongodb';
import type {
  Doc,
  DocumentStore,
  Fence,
  Filter,
  FindOptions,
  Lease,
  ProjectionCheckpoint,
  SumQuery,
  SumRow,
  Write,
} from '../document-store.port';
import {
  DocumentStoreUnavailableError,
  InvalidQueryError,
  InvalidWriteError,
  NotWholeDongError,
  checkAliasName,
  checkCollection,
  checkIds,
  checkIndexes,
  checkLimit,
  checkProjection,
  parseFind,
  parseSum,
  planBatch,
} from '../sqlite/document-store.rules';
import { FencedOffError, checkFence, checkLease, checkLeaseName } from '../lease/lease-rules';
import {
  DUPLICATE_KEY,
  databaseOf,
  isConnectionError,
  isDuplicateKey,
  majorityClient,
  maskUrl,
  passwordOf,
} from './mongo-connection';
import {
  CLEAN,
  LIVE,
  compileFilter,
  integerOf,
  mongoField,
  toDecimal,
  toDoc,
  wholeDong,
  withoutId,
  type StoredDoc,
} from './mongo-query';

export { maskUrl } from './mongo-connection';
export { integerOf } from './mongo-query';

export interface MongoDocumentStoreOptions {
  /** A MongoDB connection string, e.g. `mongodb://localhost:27017/?replicaSet=rs0`. */
  readonly url: string;
  /** Defaults to the database named in the URL, then `budget_read_models`. */
  readonly database?: string;
  /** Source of the checkpoints' and aliases' updatedAt; injected so tests can pin it. */
  readonly clock?: () => Date;
}

const CHECKPOINTS = '_projection_checkpoints';
const ALIASES = '_aliases';
const LEASES = '_leases';
const NAMESPACE_NOT_FOUND = 26;
/** Decimal128 holds 34 significant digits: every integer below 10^34 is exact. */
const MAX_MONGO_POSITION = 10n ** 34n - 1n;

interface CheckpointDoc {
  _id: string;
  position: Decimal128 | null;
  version: number;
  updatedAt: string;
}

interface LeaseDoc {
  _id: string;
  holder: string;
  token: number;
  expiresAt: string;
  /** Bumped by every fenced batch: see applyFenced. */
  fencedBatches?: number;
}

/** One guarded write of the unfenced path. */
type ReplaceOne = Extract<AnyBulkWriteOperation<StoredDoc>, { replaceOne: unknown }>;

interface AliasDoc {
  _id: string;
  target: string;
  updatedAt: string;
}

/**
 * Read models on MongoDB: a collection per collection, `_id` = the document's id, with
 * majority write and read concerns. A batch is not one transaction; it is idempotent
 * instead: every document remembers the position that wrote it (`_position`, Decimal128)
 * and a write only replaces a document written at an older position; deletes leave a
 * tombstone for the same reason; the checkpoint moves last, guarded the same way. A batch
 * cut short is completed by its redelivery, and a stale one changes nothing.
 */
export class MongoDocumentStore implements DocumentStore {
  private readonly client: MongoClient;
  private readonly db: Db;
  private readonly target: string;
  private readonly password: string | null;
  private readonly clock: () => Date;

  constructor(options: MongoDocumentStoreOptions) {
    this.target = maskUrl(options.url);
    this.password = passwordOf(options.url);
    this.clock = options.clock ?? (() => new Date());
    this.client = majorityClient(options.url);
    this.db = this.client.db(databaseOf(options.url, options.database));
  }

  /** Opens the connection and checks the server answers, so a wrong URL fails here. */
  static async connect(options: MongoDocumentStoreOptions): Promise<MongoDocumentStore> {
    const store = new MongoDocumentStore(options);
    try {
      await store.guard(async () => {
        await store.client.connect();
        await store.db.command({ ping: 1 });
      });
    } catch (error) {
      await store.client.close().catch(() => undefined);
      throw error;
    }
    return store;
  }

  get databaseName(): string {
    return this.db.databaseName;
  }

  private masked(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error);
    return this.password ? message.replaceAll(this.password, '***') : message;
  }

  /** Connection failures surface as DocumentStoreUnavailableError naming the masked URL. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isConnectionError(error)) {
        throw new DocumentStoreUnavailableError(this.target, this.masked(error), { cause: error });
      }
      throw error;
    }
  }

  private collection(name: string) {
    return this.db.collection<StoredDoc>(checkCollection(name));
  }

  async applyBatch(
    projection: string,
    writes: readonly Write[],
    position: bigint,
    version: number,
    expectedPrevious?: bigint | null,
    fence?: Fence,
  ): Promise<boolean> {
    const plan = planBatch(projection, writes, position, version);
    const fenced = fence === undefined ? null : checkFence(fence);
    if (position > MAX_MONGO_POSITION) {
      throw new InvalidWriteError(`position ${position} does not fit Decimal128 (34 digits)`);
    }
    if (fenced) {
      return this.guard(() =>
        this.applyFenced(projection, plan, position, version, expectedPrevious, fenced),
      );
    }
    return this.guard(async () => {
      const checkpoints = this.db.collection<CheckpointDoc>(CHECKPOINTS);
      const stored = await checkpoints.findOne({ _id: projection });
      const current = stored?.position != null ? integerOf(stored.position) : null;
      if (current !== null && position <= current) return false;
      // Without a transaction this is a best-effort compare-and-set; the projectors'
      // batches carry a fence and take the transactional path (applyFenced), exact.
      if (expectedPrevious !== undefined && current !== expectedPrevious) return false;

      const at = toDecimal(position);
      // Matches a document only if it was written before this batch; otherwise the upsert
      // tries to insert the same _id and fails with a duplicate key (see bulk()).
      const older = { $or: [{ _position: { $exists: false } }, { _position: { $lt: at } }] };
      for (const [collection, byId] of plan) {
        const operations: ReplaceOne[] = [];
        for (const [id, write] of byId) {
          const replacement: Document =
            write.op === 'put'
              ? { ...withoutId(write.doc), _position: at }
              : { _deleted: true, _position: at };
          operations.push({
            replaceOne: { filter: { _id: id, ...older }, replacement, upsert: true },
          });
        }
        await this.bulk(collection, operations);
      }

      const behind = { _id: projection, $or: [{ position: null }, { position: { $lt: at } }] };
      const move = { $set: { position: at, version, updatedAt: this.clock().toISOString() } };
      try {
        await checkpoints.updateOne(behind, move, { upsert: true });
        return true;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Another writer created the checkpoint meanwhile (an upsert race, as in bulk()):
        // move it if it is still behind; if it is at or beyond this position, say so.
        const moved = await checkpoints.updateOne(behind, move);
        return moved.matchedCount === 1;
      }
    });
  }

  /**
   * A fenced batch is one multi-document transaction (the replica set allows them): the
   * lease check, the writes and the checkpoint commit together. The transaction *writes*
   * the lease document (a counter), not only reads it: under snapshot isolation a mere
   * read would let a takeover commit meanwhile unnoticed (write skew), whereas two writes
   * of one document conflict, and the driver retries this function, which then sees the
   * new token and refuses. Same rules as the unfenced path otherwise: a document already
   * written at this position or beyond (by a batch cut short) is left as it is.
   */
  private async applyFenced(
    projection: string,
    plan: ReturnType<typeof planBatch>,
    position: bigint,
    version: number,
    expectedPrevious: bigint | null | undefined,
    fence: Fence,
  ): Promise<boolean> {
    const session = this.client.startSession();
    try {
      return await session.withTransaction(
        async (): Promise<boolean> => {
          const leases = this.db.collection<LeaseDoc>(LEASES);
          const held = await leases.updateOne(
            { _id: fence.lease, token: fence.token },
            { $inc: { fencedBatches: 1 } },
            { session },
          );
          if (held.matchedCount === 0) {
            const current = await leases.findOne({ _id: fence.lease }, { session });
            throw new FencedOffError(fence, current ? Number(current.token) : null);
          }
          const checkpoints = this.db.collection<CheckpointDoc>(CHECKPOINTS);
          const stored = await checkpoints.findOne({ _id: projection }, { session });
          const current = stored?.position != null ? integerOf(stored.position) : null;
          if (current !== null && position <= current) return false;
          if (expectedPrevious !== undefined && current !== expectedPrevious) return false;
          const at = toDecimal(position);
          for (const [collection, byId] of plan) {
            const docs = this.db.collection<StoredDoc>(collection);
            const ahead = await docs
              .find(
                { _id: { $in: [...byId.keys()] }, _position: { $gte: at } },
                { session, projection: { _id: 1 } },
              )
              .toArray();
            const skip = new Set(ahead.map((d) => d._id));
            const operations: AnyBulkWriteOperation<StoredDoc>[] = [];
            for (const [id, write] of byId) {
              if (skip.has(id)) continue;
              const replacement: Document =
                write.op === 'put'
                  ? { ...withoutId(write.doc), _position: at }
                  : { _deleted: true, _position: at };
              operations.push({ replaceOne: { filter: { _id: id }, replacement, upsert: true } });
            }
            if (operations.length > 0) await docs.bulkWrite(operations, { session });
          }
          await checkpoints.updateOne(
            { _id: projection },
            { $set: { position: at, version, updatedAt: this.clock().toISOString() } },
            { upsert: true, session },
          );
          return true;
        },
        { readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' } },
      );
    } finally {
      await session.endSession();
    }
  }

  async readLease(name: string): Promise<Lease | null> {
    checkLeaseName(name);
    const row = await this.guard(() => this.db.collection<LeaseDoc>(LEASES).findOne({ _id: name }));
    return row
      ? { name, holder: row.holder, token: Number(row.token), expiresAt: row.expiresAt }
      : null;
  }

  /** One document, one conditional update (or an insert that a second inserter loses). */
  async swapLease(next: Lease, expected: Lease | null): Promise<boolean> {
    const lease = checkLease(next);
    if (expected !== null && checkLease(expected).name !== lease.name) return false;
    const leases = this.db.collection<LeaseDoc>(LEASES);
    const fields = { holder: lease.holder, token: lease.token, expiresAt: lease.expiresAt };
    return this.guard(async () => {
      if (expected === null) {
        try {
          await leases.insertOne({ _id: lease.name, ...fields });
          return true;
        } catch (error) {
          if (isDuplicateKey(error)) return false;
          throw error;
        }
      }
      const swapped = await leases.updateOne(
        {
          _id: expected.name,
          holder: expected.holder,
          token: expected.token,
          expiresAt: expected.expiresAt,
        },
        { $set: fields },
      );
      return swapped.matchedCount === 1;
    });
  }

  /**
   * The unfenced batch's guarded upserts. E11000 on one means its filter matched nothing
   * and, by the time it inserted, the _id existed: another writer (a CLI catching up beside
   * the projector, or a second CLI) inserted the document in between. The server retries
   * such an upsert itself only when its filter is a plain equality, which this `$or` is
   * not; so it is done here: the same replacement again *without* upsert, which replaces
   * the document if it is still older than this batch, and does nothing if it is as new
   * or newer (already applied, or a later write). Taking E11000 for "already applied",
   * as this once did, dropped the newer write while the checkpoint moved past it.
   */
  private async bulk(collection: string, operations: ReplaceOne[]) {
    const docs = this.db.collection<StoredDoc>(collection);
    try {
      await docs.bulkWrite(operations, { ordered: false });
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const errors = ([] as WriteError[]).concat(error.writeErrors);
      const onlyRaces =
        errors.length > 0 &&
        errors.every((e) => e.code === DUPLICATE_KEY) &&
        error.result.getWriteConcernError() === undefined;
      if (!onlyRaces) throw error;
      const again = errors.flatMap((e) => {
        const lost = operations[e.index];
        return lost ? [{ replaceOne: { ...lost.replaceOne, upsert: false } }] : [];
      });
      await docs.bulkWrite(again, { ordered: false });
    }
  }

  async checkpoint(projection: string): Promise<ProjectionCheckpoint | null> {
    checkProjection(projection);
    const row = await this.guard(() =>
      this.db.collection<CheckpointDoc>(CHECKPOINTS).findOne({ _id: projection }),
    );
    if (!row) return null;
    return {
      projection,
      position: row.position == null ? null : integerOf(row.position),
      version: Number(row.version),
      updatedAt: String(row.updatedAt),
    };
  }

  async get(collection: string, id: string): Promise<Doc | null> {
    const docs = this.collection(collection);
    if (typeof id !== 'string') throw new InvalidQueryError('id must be a string');
    const stored = await this.guard(() => docs.findOne({ _id: id, ...LIVE }, CLEAN));
    return stored ? toDoc(stored) : null;
  }

  async getMany(collection: string, ids: readonly string[]): Promise<Doc[]> {
    const docs = this.collection(collection);
    const unique = checkIds(ids);
    if (unique.length === 0) return [];
    const stored = await this.guard(() =>
      docs.find({ _id: { $in: unique }, ...LIVE }, CLEAN).toArray(),
    );
    return stored.map(toDoc);
  }

  async find(collection: string, filter: Filter, options?: FindOptions): Promise<Doc[]> {
    const docs = this.collection(collection);
    const { clauses, sort, limit } = parseFind(filter, options);
    if (limit === 0) return [];
    const order: Record<string, 1 | -1> = {};
    for (const key of sort) order[mongoField(key.field)] = key.direction;
    const cursor = docs.find(compileFilter(clauses), CLEAN).sort(order);
    if (limit !== null) cursor.limit(limit);
    const stored = await this.guard(() => cursor.toArray());
    return stored.map(toDoc);
  }

  /**
   * Adds the strings as Decimal128 (34 exact digits), grouped in the pipeline. Values that
   * are not whole đồng are counted rather than converted, and make the sum fail, as on SQLite.
   */
  async sum(collection: string, query: SumQuery): Promise<SumRow[]> {
    const docs = this.collection(collection);
    const { clauses, groupBy, sum } = parseSum(query);
    if (groupBy.length === 0 && sum.length === 0) return [{}];
    const group: Document = {
      // $ifNull: a missing field and null are one group, as on SQLite.
      _id:
        groupBy.length === 0
          ? null
          : Object.fromEntries(
              groupBy.map((field, i) => [`g${i}`, { $ifNull: [`$${mongoField(field)}`, null] }]),
            ),
    };
    sum.forEach((field, i) => {
      const path = `$${mongoField(field)}`;
      // $toDecimal keeps only 15 digits of a double (numbers beyond int32 are stored as
      // doubles): numbers go through $toLong, exact up to 2^53, strings convert directly.
      const exact = {
        $cond: [
          { $eq: [{ $type: path }, 'string'] },
          { $toDecimal: path },
          { $toDecimal: { $toLong: path } },
        ],
      };
      group[`s${i}`] = { $sum: { $cond: [wholeDong(path), exact, 0] } };
      group[`x${i}`] = {
        $sum: {
          $cond: [
            {
              $and: [
                { $not: [{ $in: [{ $type: path }, ['missing', 'null']] }] },
                { $not: [wholeDong(path)] },
              ],
            },
            1,
            0,
          ],
        },
      };
    });
    const pipeline: Document[] = [{ $match: compileFilter(clauses) }, { $group: group }];
    if (groupBy.length > 0) {
      pipeline.push({ $sort: Object.fromEntries(groupBy.map((_, i) => [`_id.g${i}`, 1])) });
    }
    const rows = await this.guard(() => docs.aggregate(pipeline).toArray());
    if (groupBy.length === 0 && rows.length === 0) rows.push({});
    return rows.map((row) => {
      const out: Record<string, string | number | boolean | null> = {};
      const key = (row._id ?? {}) as Record<string, string | number | boolean | null>;
      groupBy.forEach((field, i) => (out[field] = key[`g${i}`] ?? null));
      sum.forEach((field, i) => {
        const bad = Number(row[`x${i}`] ?? 0);
        if (bad > 0) throw new NotWholeDongError(collection, field, bad);
        out[field] = integerOf(row[`s${i}`] ?? 0).toString();
      });
      return out;
    });
  }

  async scan(collection: string, afterId: string | null, limit: number): Promise<Doc[]> {
    const docs = this.collection(collection);
    if (checkLimit(limit) === 0) return [];
    if (afterId !== null && typeof afterId !== 'string') {
      throw new InvalidQueryError('afterId must be a string or null');
    }
    const filter = afterId === null ? { ...LIVE } : { _id: { $gt: afterId }, ...LIVE };
    const stored = await this.guard(() =>
      docs.find(filter, CLEAN).sort({ _id: 1 }).limit(limit).toArray(),
    );
    return stored.map(toDoc);
  }

  /**
   * Not atomic on MongoDB: the collections go first and the checkpoint last, so while the
   * checkpoint is still there the drop is known to be unfinished (and is safe to repeat).
   */
  async drop(collections: readonly string[], projection?: string): Promise<void> {
    const names = collections.map(checkCollection);
    if (projection !== undefined) checkProjection(projection);
    await this.guard(async () => {
      for (const name of names) {
        try {
          await this.db.collection(name).drop();
        } catch (error) {
          if (!(error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND))
            throw error;
        }
      }
      if (projection !== undefined) {
        await this.db.collection<CheckpointDoc>(CHECKPOINTS).deleteOne({ _id: projection });
      }
    });
  }

  async setAlias(alias: string, target: string): Promise<void> {
    checkAliasName(alias, 'alias');
    checkAliasName(target, 'alias target');
    const update = async () =>
      this.db
        .collection<AliasDoc>(ALIASES)
        .updateOne(
          { _id: alias },
          { $set: { target, updatedAt: this.clock().toISOString() } },
          { upsert: true },
        );
    // One document, one update: readers see the old target or the new one.
    await this.guard(async () => {
      try {
        await update();
      } catch (error) {
        // Two first-time upserts of one alias race: the loser updates the winner's document.
        if (!isDuplicateKey(error)) throw error;
        await update();
      }
    });
  }

  async resolveAlias(alias: string): Promise<string | null> {
    checkAliasName(alias, 'alias');
    const row = await this.guard(() =>
      this.db.collection<AliasDoc>(ALIASES).findOne({ _id: alias }),
    );
    return typeof row?.target === 'string' ? row.target : null;
  }

  async ensureIndexes(collection: string, indexes: readonly (readonly string[])[]): Promise<void> {
    const docs = this.collection(collection);
    const checked = checkIndexes(indexes);
    await this.guard(async () => {
      for (const fields of checked) {
        // _id is always indexed.
        if (fields.length === 1 && fields[0] === 'id') continue;
        await docs.createIndex(Object.fromEntries(fields.map((f) => [mongoField(f), 1])));
      }
    });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
