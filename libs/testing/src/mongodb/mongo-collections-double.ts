import {
  Collection,
  Decimal128,
  MongoBulkWriteError,
  MongoServerError,
  type AnyBulkWriteOperation,
  type Document,
} from 'mongodb';

// The driver's own bulk-result plumbing (not exported from its index): a server reply
// goes through mergeBatchResults into the error handleWriteError throws.
/* eslint-disable @typescript-eslint/no-require-imports */
const bulkCommon = require('mongodb/lib/bulk/common') as {
  BatchType: { UPDATE: number };
  BulkWriteResult: new (bulkResult: Document, ordered: boolean) => unknown;
  mergeBatchResults: (batch: Document, bulkResult: Document, err: null, reply: Document) => void;
};
/* eslint-enable @typescript-eslint/no-require-imports */

type Filter = Record<string, unknown>;
type Replace = { filter: Filter; replacement: Document; upsert?: boolean };

/** What another writer does at the moment an upsert of `id` found nothing to match. */
export type RaceHook = (collection: string, id: string) => void;

/**
 * MongoDB collections in memory, behind the driver's own Collection methods (findOne,
 * bulkWrite, updateOne) as the read-model adapter calls them, with the server's answers
 * for the filter shapes it uses ($or, $exists, $lt/$gte on Decimal128, equality). An
 * upsert whose filter matches nothing inserts — and if the _id exists by then (the other
 * writer landed between the match and the insert) fails with E11000, built the way the
 * driver builds it from the server's reply: the race the server retries by itself only
 * for equality filters.
 */
export class MongoCollectionsDouble {
  readonly data = new Map<string, Map<string, Document>>();
  /** Called before each upsert's insert; lets a test land another writer's document first. */
  beforeInsert: RaceHook = () => undefined;
  private spies: jest.SpyInstance[] = [];

  install(): this {
    const double = this.self();
    this.spies = [
      jest.spyOn(Collection.prototype, 'findOne').mockImplementation(function (
        this: Collection,
        filter?: Filter,
      ) {
        return Promise.resolve(double.findOne(this.collectionName, filter ?? {}));
      } as never),
      jest.spyOn(Collection.prototype, 'bulkWrite').mockImplementation(function (
        this: Collection,
        operations: readonly AnyBulkWriteOperation[],
      ) {
        return double.bulkWrite(this.collectionName, operations);
      } as never),
      jest.spyOn(Collection.prototype, 'updateOne').mockImplementation(function (
        this: Collection,
        filter: Filter,
        update: Document,
        options?: { upsert?: boolean },
      ) {
        return double.updateOne(this.collectionName, filter, update, options?.upsert === true);
      } as never),
    ];
    return this;
  }

  /** The double itself, for the mocks (which run with `this` bound to a Collection). */
  private self(): MongoCollectionsDouble {
    return this;
  }

  uninstall(): void {
    for (const spy of this.spies) spy.mockRestore();
  }

  collection(name: string): Map<string, Document> {
    let docs = this.data.get(name);
    if (!docs) this.data.set(name, (docs = new Map()));
    return docs;
  }

  put(name: string, doc: Document & { _id: string }): void {
    this.collection(name).set(doc._id, doc);
  }

  findOne(name: string, filter: Filter): Document | null {
    for (const doc of this.collection(name).values()) if (matches(doc, filter)) return doc;
    return null;
  }

  async bulkWrite(name: string, operations: readonly AnyBulkWriteOperation[]) {
    await Promise.resolve();
    const writeErrors: Document[] = [];
    let n = 0;
    let nModified = 0;
    const upserted: Document[] = [];
    operations.forEach((operation, index) => {
      const replace = (operation as { replaceOne?: Replace }).replaceOne;
      if (!replace) throw new Error('the double knows replaceOne only');
      const outcome = this.replace(name, replace);
      if (outcome === 'duplicate') writeErrors.push(duplicateKey(name, replace.filter, index));
      else if (outcome === 'upserted') upserted.push({ index, _id: replace.filter._id });
      else if (outcome === 'replaced') {
        n++;
        nModified++;
      }
    });
    const reply = { ok: 1, n: n + upserted.length, nModified, upserted, writeErrors };
    if (writeErrors.length === 0) return { matchedCount: n, upsertedCount: upserted.length };
    throw bulkError(operations, reply);
  }

  async updateOne(name: string, filter: Filter, update: Document, upsert: boolean) {
    await Promise.resolve();
    const docs = this.collection(name);
    const set = (update.$set ?? {}) as Document;
    const current = docs.get(filter._id as string);
    if (current && matches(current, filter)) {
      docs.set(current._id as string, { ...current, ...set });
      return { matchedCount: 1, modifiedCount: 1, upsertedCount: 0 };
    }
    if (!upsert) return { matchedCount: 0, modifiedCount: 0, upsertedCount: 0 };
    this.beforeInsert(name, filter._id as string);
    if (docs.has(filter._id as string)) {
      // update.js: `if (res.writeErrors) throw new MongoServerError(res.writeErrors[0])`.
      throw new MongoServerError(duplicateKey(name, filter, 0));
    }
    docs.set(filter._id as string, { _id: filter._id, ...set });
    return { matchedCount: 0, modifiedCount: 0, upsertedCount: 1 };
  }

  private replace(name: string, { filter, replacement, upsert }: Replace) {
    const docs = this.collection(name);
    const id = filter._id as string;
    const current = docs.get(id);
    if (current && matches(current, filter)) {
      docs.set(id, { _id: id, ...replacement });
      return 'replaced';
    }
    if (!upsert) return 'unmatched';
    this.beforeInsert(name, id);
    if (docs.has(id)) return 'duplicate';
    docs.set(id, { _id: id, ...replacement });
    return 'upserted';
  }
}

/** The server's write error for an insert of an existing _id. */
function duplicateKey(collection: string, filter: Filter, index: number): Document {
  const id = JSON.stringify(filter._id);
  return {
    index,
    code: 11000,
    errmsg: `E11000 duplicate key error collection: test.${collection} index: _id_ dup key: { _id: ${id} }`,
    keyPattern: { _id: 1 },
    keyValue: { _id: filter._id },
  };
}

/** What the driver throws for an unordered bulk whose reply carries write errors. */
function bulkError(operations: readonly AnyBulkWriteOperation[], reply: Document): Error {
  const bulkResult: Document = {
    ok: 1,
    writeErrors: [],
    writeConcernErrors: [],
    insertedIds: [],
    nInserted: 0,
    nUpserted: 0,
    nMatched: 0,
    nModified: 0,
    nRemoved: 0,
    upserted: [],
  };
  const batch = {
    batchType: bulkCommon.BatchType.UPDATE,
    originalZeroIndex: 0,
    originalIndexes: operations.map((_, i) => i),
    operations: operations.map((o) => (o as { replaceOne: Replace }).replaceOne),
  };
  bulkCommon.mergeBatchResults(batch, bulkResult, null, reply);
  const errors = bulkResult.writeErrors as { errmsg: string; code: number }[];
  return new MongoBulkWriteError(
    { message: errors[0]!.errmsg, code: errors[0]!.code, writeErrors: errors } as never,
    new bulkCommon.BulkWriteResult(bulkResult, false) as never,
  );
}

function compare(a: unknown, b: unknown): number {
  const x = BigInt(String(a instanceof Decimal128 ? a.toString() : a));
  const y = BigInt(String(b instanceof Decimal128 ? b.toString() : b));
  return x < y ? -1 : x > y ? 1 : 0;
}

function matches(doc: Document, filter: Filter): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$or') return (condition as Filter[]).some((f) => matches(doc, f));
    const value = doc[key];
    if (condition === null) return value === null || value === undefined;
    if (typeof condition !== 'object' || condition instanceof Decimal128) {
      return condition instanceof Decimal128
        ? compare(value, condition) === 0
        : value === condition;
    }
    return Object.entries(condition as Filter).every(([op, operand]) => {
      switch (op) {
        case '$exists':
          return (value !== undefined) === operand;
        case '$lt':
          return value !== undefined && value !== null && compare(value, operand) < 0;
        case '$gte':
          return value !== undefined && value !== null && compare(value, operand) >= 0;
        case '$in':
          return (operand as unknown[]).includes(value);
        default:
          throw new Error(`the double knows no ${op}`);
      }
    });
  });
}
