import type { Condition, Doc, Filter, FindOptions, SumQuery, Write } from '../document-store.port';

/*
 * What both DocumentStore adapters accept and refuse, checked before anything touches a
 * database, so that SQLite and MongoDB agree on every edge the contract suite names.
 * (It lives next to the default adapter; it belongs next to the port.)
 */

/** Base of every error a DocumentStore raises, with a stable code. */
export abstract class DocumentStoreError extends Error {
  abstract readonly code: string;
}

/** The batch is malformed; nothing of it was applied and the checkpoint did not move. */
export class InvalidWriteError extends DocumentStoreError {
  readonly code = 'READ_MODELS.INVALID_WRITE';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidWriteError';
  }
}

/** A collection or field name, filter, sort, limit or sum request the stores do not support. */
export class InvalidQueryError extends DocumentStoreError {
  readonly code = 'READ_MODELS.INVALID_QUERY';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidQueryError';
  }
}

/** A summed field holds something other than whole đồng: `sum` refuses rather than guess. */
export class NotWholeDongError extends DocumentStoreError {
  readonly code = 'READ_MODELS.NOT_WHOLE_DONG';
  constructor(
    readonly collection: string,
    readonly field: string,
    readonly count: number,
  ) {
    super(
      `sum over ${collection}.${field}: ${count} value(s) are not whole đồng ` +
        '(a decimal string of at most 18 digits such as "378000000", or a safe integer)',
    );
    this.name = 'NotWholeDongError';
  }
}

/** The store cannot be reached; the message names where we tried (password masked). */
export class DocumentStoreUnavailableError extends DocumentStoreError {
  readonly code = 'READ_MODELS.UNAVAILABLE';
  constructor(
    readonly target: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`Read-model store unavailable at ${target}: ${detail}`, options);
    this.name = 'DocumentStoreUnavailableError';
  }
}

/**
 * Collection names start with a letter (so `_aliases`-style internal names never clash)
 * and use letters, digits and `_ . @ -`: valid MongoDB names as they are, e.g. `lines@3`.
 */
const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_.@-]{0,119}$/;
/** Top-level field names: plain identifiers, so they embed in SQL JSON paths and Mongo keys. */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,119}$/;
/** Exactly what SQLite's CAST round-trips and `sum` adds: canonical, at most 18 digits. */
export const WHOLE_DONG_PATTERN = '^(0|-?[1-9][0-9]{0,17})$';
/** Top-level keys the MongoDB adapter keeps for itself. */
const RESERVED_KEYS = new Set(['_id', '_position', '_deleted']);
/** EventStoreDB packs (commit, prepare) into 128 bits. */
const MAX_POSITION = (1n << 128n) - 1n;
/** MongoDB's own nesting limit; JSON from projections never comes close. */
const MAX_DEPTH = 100;

export function checkCollection(name: unknown): string {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
    throw new InvalidQueryError(
      `collection name ${JSON.stringify(name)} must start with a letter and use only letters, digits and _ . @ -`,
    );
  }
  return name;
}

export function checkField(name: unknown): string {
  if (typeof name !== 'string' || !FIELD_NAME.test(name)) {
    throw new InvalidQueryError(
      `field name ${JSON.stringify(name)} must be a top-level identifier (a letter, then letters, digits, _)`,
    );
  }
  return name;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export type Scalar = string | number | boolean | null;

/** One condition of a filter, in the shape both adapters compile. */
export type Clause =
  | { readonly field: string; readonly kind: 'eq'; readonly value: Scalar }
  | { readonly field: string; readonly kind: 'in'; readonly values: readonly (string | number)[] }
  | {
      readonly field: string;
      readonly kind: 'cmp';
      readonly op: '$lt' | '$lte' | '$gt' | '$gte';
      readonly value: string | number;
    };

const COMPARISONS = ['$lt', '$lte', '$gt', '$gte'] as const;

function isBound(value: unknown): value is string | number {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

function conditionClauses(field: string, condition: Condition): Clause[] {
  if (
    condition === null ||
    typeof condition === 'string' ||
    typeof condition === 'boolean' ||
    (typeof condition === 'number' && Number.isFinite(condition))
  ) {
    return [{ field, kind: 'eq', value: condition }];
  }
  if (!isPlainObject(condition)) {
    throw new InvalidQueryError(`filter on ${field}: ${String(condition)} is not a condition`);
  }
  const clauses: Clause[] = [];
  for (const [op, value] of Object.entries(condition)) {
    if (value === undefined) continue;
    if (op === '$in') {
      if (!Array.isArray(value) || !value.every(isBound)) {
        throw new InvalidQueryError(
          `filter on ${field}: $in takes an array of strings and numbers`,
        );
      }
      clauses.push({ field, kind: 'in', values: value });
    } else if ((COMPARISONS as readonly string[]).includes(op)) {
      if (!isBound(value)) {
        throw new InvalidQueryError(`filter on ${field}: ${op} takes a string or a finite number`);
      }
      clauses.push({ field, kind: 'cmp', op: op as (typeof COMPARISONS)[number], value });
    } else {
      throw new InvalidQueryError(`filter on ${field}: unsupported operator ${op}`);
    }
  }
  if (clauses.length === 0) {
    throw new InvalidQueryError(`filter on ${field}: an empty condition matches nothing useful`);
  }
  return clauses;
}

/** The filter as a list of clauses (AND), every name and operand checked. */
export function parseFilter(filter: Filter): Clause[] {
  if (!isPlainObject(filter)) throw new InvalidQueryError('a filter is a plain object');
  return Object.entries(filter).flatMap(([field, condition]) =>
    conditionClauses(checkField(field), condition),
  );
}

export interface SortKey {
  readonly field: string;
  readonly direction: 1 | -1;
}

export interface ParsedFind {
  readonly clauses: Clause[];
  /**
   * The sort keys, always ending with `id` so that ties come back in one order on every
   * adapter: after the given keys, in the last key's direction (which lets an index with
   * the id as its suffix, as SQLite's are, serve the whole ORDER BY).
   */
  readonly sort: SortKey[];
  readonly limit: number | null;
}

export function checkLimit(limit: unknown, what = 'limit'): number {
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 0) {
    throw new InvalidQueryError(`${what} must be a non-negative integer, got ${String(limit)}`);
  }
  return limit;
}

export function parseFind(filter: Filter, options: FindOptions = {}): ParsedFind {
  const clauses = parseFilter(filter);
  const sort: SortKey[] = [];
  for (const key of options.sort ?? []) {
    const [field, direction] = key;
    checkField(field);
    if (direction !== 1 && direction !== -1) {
      throw new InvalidQueryError(`sort on ${field}: direction is 1 or -1`);
    }
    if (sort.some((k) => k.field === field)) {
      throw new InvalidQueryError(`sort on ${field} is given twice`);
    }
    sort.push({ field, direction });
  }
  if (!sort.some((k) => k.field === 'id')) {
    sort.push({ field: 'id', direction: sort.at(-1)?.direction ?? 1 });
  }
  const limit = options.limit === undefined ? null : checkLimit(options.limit);
  return { clauses, sort, limit };
}

export interface ParsedSum {
  readonly clauses: Clause[];
  readonly groupBy: readonly string[];
  readonly sum: readonly string[];
}

export function parseSum(query: SumQuery): ParsedSum {
  const clauses = parseFilter(query.filter);
  const groupBy = query.groupBy.map(checkField);
  const sum = query.sum.map(checkField);
  const all = [...groupBy, ...sum];
  const twice = all.find((field, i) => all.indexOf(field) !== i);
  if (twice !== undefined) {
    throw new InvalidQueryError(`sum: ${twice} appears twice among groupBy and sum`);
  }
  return { clauses, groupBy, sum };
}

export function checkIds(ids: readonly string[]): string[] {
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
    throw new InvalidQueryError('ids must be an array of strings');
  }
  return [...new Set(ids)];
}

export function checkIndexes(indexes: readonly (readonly string[])[]): string[][] {
  return indexes.map((fields) => {
    if (!Array.isArray(fields) || fields.length === 0) {
      throw new InvalidQueryError('an index names at least one field');
    }
    const checked = fields.map(checkField);
    if (new Set(checked).size !== checked.length) {
      throw new InvalidQueryError(`index [${checked.join(', ')}] names a field twice`);
    }
    return checked;
  });
}

/**
 * The common case, fast: true when the value is valid JSON for a document. It builds no
 * path strings (a rebuild checks millions of values); only a false sends the value
 * through checkValue, which names what is wrong and where.
 */
function isValidValue(value: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!isValidValue(item, depth + 1)) return false;
    return true;
  }
  if (!isPlainObject(value)) return false;
  // for-in, not Object.keys: no array per object. A plain object's prototype (checked
  // above) has no enumerable keys, so these are its own.
  for (const key in value) {
    if (key.charCodeAt(0) === 36 /* $ */ || key.includes('\0')) return false;
    if (!isValidValue(value[key], depth + 1)) return false;
  }
  return true;
}

function checkValue(value: unknown, path: string, depth: number): void {
  if (depth > MAX_DEPTH) throw new InvalidWriteError(`${path}: nested deeper than ${MAX_DEPTH}`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return;
    throw new InvalidWriteError(`${path}: ${value} is not a JSON number`);
  }
  if (typeof value === 'bigint') {
    throw new InvalidWriteError(
      `${path}: a bigint is not JSON; store money as a decimal string (amount.toString())`,
    );
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkValue(item, `${path}[${i}]`, depth + 1));
    return;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith('$') || key.includes('\0')) {
        throw new InvalidWriteError(
          `${path}: key ${JSON.stringify(key)} starts with $ or holds NUL`,
        );
      }
      checkValue(item, `${path}.${key}`, depth + 1);
    }
    return;
  }
  throw new InvalidWriteError(
    `${path}: ${value === undefined ? 'undefined' : typeof value} is not a JSON value`,
  );
}

function checkDoc(doc: unknown, where: string): Doc {
  if (!isPlainObject(doc)) throw new InvalidWriteError(`${where}: doc is not a plain object`);
  if (typeof doc.id !== 'string' || doc.id === '') {
    throw new InvalidWriteError(`${where}: doc.id must be a non-empty string`);
  }
  for (const key in doc) {
    if (RESERVED_KEYS.has(key)) throw new InvalidWriteError(`${where}: ${key} is a reserved key`);
  }
  if (!isValidValue(doc, 0)) checkValue(doc, `${where}: doc`, 0);
  return doc as Doc;
}

/** A write with exactly its three fields (op, collection, and `doc` or `id`). */
function isBareWrite(write: Record<string, unknown>, payload: 'doc' | 'id'): boolean {
  let fields = 0;
  for (const key in write) {
    if (key !== 'op' && key !== 'collection' && key !== payload) return false;
    fields++;
  }
  return fields === 3;
}

/** What a batch leaves behind per collection: the last write to each id. */
export type BatchPlan = ReadonlyMap<string, ReadonlyMap<string, Write>>;

/**
 * Checks the whole batch before anything is written, and keeps only the last write to each
 * (collection, id): a put followed by a delete of the same document within one batch is a
 * delete. Adapters that guard documents by position need that, since every write of a
 * batch carries the same position.
 */
export function planBatch(
  projection: unknown,
  writes: readonly Write[],
  position: unknown,
  version: unknown,
): BatchPlan {
  if (typeof projection !== 'string' || projection === '' || projection.length > 200) {
    throw new InvalidWriteError('projection must be a non-empty string of at most 200 characters');
  }
  if (typeof position !== 'bigint' || position < 0n || position > MAX_POSITION) {
    throw new InvalidWriteError(`position must be a bigint in [0, 2^128), got ${String(position)}`);
  }
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    throw new InvalidWriteError(`version must be a non-negative integer, got ${String(version)}`);
  }
  if (!Array.isArray(writes)) throw new InvalidWriteError('writes must be an array');
  const plan = new Map<string, Map<string, Write>>();
  // A rebuild's batches come grouped by collection: the last one's map is at hand.
  let lastCollection: unknown;
  let byId: Map<string, Write> | undefined;
  for (let i = 0; i < writes.length; i++) {
    const write: unknown = writes[i];
    const where = `write ${i}`;
    if (!isPlainObject(write)) throw new InvalidWriteError(`${where}: not an object`);
    if (byId === undefined || write.collection !== lastCollection) {
      let collection: string;
      try {
        // A batch names few collections: each is checked once.
        collection = plan.has(write.collection as string)
          ? (write.collection as string)
          : checkCollection(write.collection);
      } catch (error) {
        throw new InvalidWriteError(`${where}: ${(error as Error).message}`);
      }
      byId = plan.get(collection);
      if (!byId) plan.set(collection, (byId = new Map<string, Write>()));
      lastCollection = collection;
    }
    const collection = lastCollection as string;
    let id: string;
    let checked: Write;
    if (write.op === 'put') {
      const doc = checkDoc(write.doc, where);
      id = doc.id;
      // The write itself when it holds nothing else (a rebuild's are all such): no copy.
      checked = isBareWrite(write, 'doc') ? (write as Write) : { op: 'put', collection, doc };
    } else if (write.op === 'delete') {
      if (typeof write.id !== 'string' || write.id === '') {
        throw new InvalidWriteError(`${where}: id must be a non-empty string`);
      }
      id = write.id;
      checked = isBareWrite(write, 'id') ? (write as Write) : { op: 'delete', collection, id };
    } else {
      throw new InvalidWriteError(`${where}: op must be put or delete, got ${String(write.op)}`);
    }
    // The last write to an id goes last (a Map keeps the order of first insertion): an id
    // already planned is taken out and put back. One map operation when it is new.
    const size = byId.size;
    byId.set(id, checked);
    if (byId.size === size) {
      byId.delete(id);
      byId.set(id, checked);
    }
  }
  return plan;
}

/**
 * Aliases name small pointers the runner keeps (a generation tag, a freeze position):
 * any printable text up to 200 characters; an empty target clears a pointer.
 */
export function checkAliasName(name: unknown, what: string): string {
  const allowEmpty = what === 'alias target';
  if (
    typeof name !== 'string' ||
    name.length > 200 ||
    (!allowEmpty && name === '') ||
    [...name].some((c) => c.charCodeAt(0) < 0x20)
  ) {
    throw new InvalidQueryError(`${what} must be printable text of at most 200 characters`);
  }
  return name;
}

export function checkProjection(projection: unknown): string {
  if (typeof projection !== 'string' || projection === '') {
    throw new InvalidQueryError('projection must be a non-empty string');
  }
  return projection;
}
