import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  BatchRequest,
  BulkWriter,
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
  InvalidQueryError,
  NotWholeDongError,
  checkAliasName,
  checkIds,
  checkIndexes,
  checkLimit,
  checkProjection,
  parseFind,
  parseSum,
} from './document-store.rules';
import { encodeBatch, type EncodedBatch, type EncodedTable } from './sqlite-batch';
import { SqliteBulkWriter } from './sqlite-bulk-writer';
import {
  FencedOffError,
  checkFence,
  checkLease,
  checkLeaseName,
  sameLease,
} from '../lease/lease-rules';
import {
  compileOrder,
  compileWhere,
  encodeName,
  quote,
  tableFor,
  typeOf,
  valueOf,
  wholeDong,
  type Compiled,
} from './sqlite-sql';

export { tableFor } from './sqlite-sql';

export interface SqliteDocumentStoreOptions {
  /** Path of the database file (created with its folder if missing). */
  readonly file: string;
  /** Source of the checkpoints' and aliases' updated_at; injected so tests can pin it. */
  readonly clock?: () => Date;
  /** How long a write waits for another process's write lock before failing. */
  readonly busyTimeoutMs?: number;
  /**
   * Whether a bulk load may write on a second thread (openBulkWriter; default true;
   * BUDGET_REBUILD_WRITER_THREAD). An in-memory database never does: a thread's connection
   * would open another database.
   */
  readonly bulkWriterThread?: boolean;
}

/*
 * Schema. Positions are decimal TEXT, not INTEGER: EventStoreDB positions are packed into
 * 128 bits and do not fit SQLite's int64. They are only ever compared in JS, as bigints,
 * under the write lock.
 */
const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  projection TEXT PRIMARY KEY,
  position   TEXT,
  version    INTEGER NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS aliases (
  alias      TEXT PRIMARY KEY,
  target     TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS leases (
  name       TEXT PRIMARY KEY,
  holder     TEXT NOT NULL,
  token      INTEGER NOT NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;
`;

/**
 * Page cache during a bulk load, in KiB (negative: SQLite's unit for KiB): 16 MiB. It was
 * 32 MiB; at 100k events 16 MiB cost no measurable CPU and takes 16 MB off the peak
 * memory of `budget rebuild` (BENCHMARKS.md, rebuild RSS), whose budget is 300 MB.
 */
export const BULK_CACHE_KIB = -16 * 1024;

/** Prepared statements kept per connection; bounded because filter shapes come from callers. */
const MAX_CACHED_STATEMENTS = 500;
/**
 * By shape, not `instanceof Database.SqliteError`: the native addon keeps the SqliteError
 * class of the first copy of better-sqlite3 loaded in the process, so under Jest (a module
 * registry per test file, one addon per worker) instanceof fails from the second file on.
 */
function isNoSuchTable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === 'SQLITE_ERROR' && typeof message === 'string' && message.startsWith('no such table')
  );
}

/** `:memory:` and the empty name (a temporary database) are private to their connection. */
function isInMemory(file: string): boolean {
  return file === '' || file === ':memory:' || file.startsWith('file::memory:');
}

function parseDoc(row: { doc: string }): Doc {
  return JSON.parse(row.doc) as Doc;
}

type GroupCell = string | number | bigint | null;

/**
 * Read models on better-sqlite3, one table per collection:
 * `(id TEXT PRIMARY KEY, doc TEXT NOT NULL)`, the document as JSON text. A rowid table,
 * not WITHOUT ROWID: documents of ~1 KB are large rows, which a WITHOUT ROWID table keeps
 * in its key's B-tree (a few per page, half-empty pages after random inserts: twice the
 * file); a rowid table appends them and keeps only the small id index in key order.
 * Tables created WITHOUT ROWID by earlier versions keep working with the same SQL.
 * Indexes are expression indexes on json_extract, and every filter, sort, limit and sum
 * runs in SQL. A batch and its checkpoint commit in one BEGIN IMMEDIATE transaction, so
 * the API and CLI processes can share the file.
 */
/** Where a summed amount is split (see sum): 10^9. */
const SPLIT = 1_000_000_000;

export class SqliteDocumentStore implements DocumentStore {
  private readonly db: Database.Database;
  private readonly clock: () => Date;
  private readonly statements = new Map<string, Database.Statement>();
  private closed = false;
  /** Bulk loads under way (beginBulkLoad without its endBulkLoad yet). */
  private bulkLoads = 0;
  private readonly defaultCacheSize: number;
  private readonly file: string;
  private readonly bulkWriterThread: boolean;

  constructor(options: SqliteDocumentStoreOptions) {
    this.file = options.file;
    this.bulkWriterThread = options.bulkWriterThread !== false && !isInMemory(options.file);
    mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 30_000}`);
    this.db.pragma('journal_mode = WAL');
    // NORMAL, not FULL: in WAL mode a power cut can lose the last commits but never
    // corrupts the file, and read models are rebuilt from the log. Documents and their
    // checkpoint commit together, so a lost commit is simply projected again.
    this.db.pragma('synchronous = NORMAL');
    // Sums beyond 2^53 and versions come back as bigints, never rounded doubles.
    this.db.defaultSafeIntegers(true);
    // Several processes may open a fresh file at once: create the schema under the write lock.
    this.db.transaction(() => this.db.exec(SCHEMA_SQL)).immediate();
    this.clock = options.clock ?? (() => new Date());
    this.defaultCacheSize = Number(this.db.pragma('cache_size', { simple: true }));
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement) {
      // Most recently used last, so that eviction drops the stalest shape.
      this.statements.delete(sql);
    } else {
      statement = this.db.prepare(sql);
      if (this.statements.size >= MAX_CACHED_STATEMENTS) {
        const stalest = this.statements.keys().next();
        if (!stalest.done) this.statements.delete(stalest.value);
      }
    }
    this.statements.set(sql, statement);
    return statement;
  }

  /** Runs a read; a collection whose table does not exist (yet, or any more) reads empty. */
  private read<T>(empty: T, work: () => T): T {
    if (this.closed) throw new Error('SqliteDocumentStore is closed');
    try {
      return work();
    } catch (error) {
      if (isNoSuchTable(error)) return empty;
      throw error;
    }
  }

  private createTable(table: string): void {
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${quote(table)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL)`,
    );
  }

  async applyBatch(
    projection: string,
    writes: readonly Write[],
    position: bigint,
    version: number,
    expectedPrevious?: bigint | null,
    fence?: Fence,
  ): Promise<boolean> {
    const batch = encodeBatch(projection, writes, position, version);
    const fenced = fence === undefined ? null : checkFence(fence);
    return this.writeEncoded(batch, expectedPrevious, fenced);
  }

  /**
   * Writes a checked, encoded batch and its checkpoint in one transaction (compare-and-set
   * on the stored checkpoint): applyBatch on this thread, and the bulk writer's thread
   * (sqlite-bulk-writer.ts) with its own connection, run this same code.
   */
  writeEncoded(
    batch: EncodedBatch,
    expectedPrevious?: bigint | null,
    fenced?: Fence | null,
  ): boolean {
    if (this.closed) throw new Error('SqliteDocumentStore is closed');
    return this.db
      .transaction((): boolean => this.writeInTransaction(batch, expectedPrevious, fenced))
      .immediate();
  }

  /**
   * The live runner's batches of one round, one per projection behind: one transaction
   * (one commit, the checkpoints' page written once) instead of one each. Each is checked
   * and encoded first, so an invalid batch rejects the call before anything is written.
   */
  async applyBatches(requests: readonly BatchRequest[], fence?: Fence): Promise<boolean[]> {
    const batches = requests.map((r) => encodeBatch(r.projection, r.writes, r.position, r.version));
    const fenced = fence === undefined ? null : checkFence(fence);
    if (this.closed) throw new Error('SqliteDocumentStore is closed');
    return this.db
      .transaction((): boolean[] =>
        batches.map((batch, i) =>
          this.writeInTransaction(batch, requests[i]!.expectedPrevious, fenced),
        ),
      )
      .immediate();
  }

  /** One batch's compare-and-set and writes, inside a write transaction the caller opened. */
  private writeInTransaction(
    batch: EncodedBatch,
    expectedPrevious?: bigint | null,
    fenced?: Fence | null,
  ): boolean {
    const position = BigInt(batch.position);
    // Under the same write lock as the writes: a takeover commits before or after the
    // whole batch, never in between. The throw rolls the transaction back.
    if (fenced) {
      const current = this.leaseToken(fenced.lease);
      if (current !== fenced.token) throw new FencedOffError(fenced, current);
    }
    const stored = this.statement(
      'SELECT position FROM projection_checkpoints WHERE projection = ?',
    ).get(batch.projection) as { position: string | null } | undefined;
    const current = stored?.position != null ? BigInt(stored.position) : null;
    if (current !== null && position <= current) return false;
    // Compare-and-set, checked under the write lock.
    if (expectedPrevious !== undefined && current !== expectedPrevious) return false;
    for (const table of batch.tables) this.writeTable(table);
    this.statement(
      `INSERT INTO projection_checkpoints (projection, position, version, updated_at)
       VALUES (?, ?, ?, ?)
       ON CONFLICT (projection) DO UPDATE SET position = excluded.position,
         version = excluded.version, updated_at = excluded.updated_at`,
    ).run(batch.projection, batch.position, batch.version, this.clock().toISOString());
    return true;
  }

  /**
   * A table's puts and deletes. The table is created on the first write that finds it
   * missing — never yet written, or dropped since by a rebuild in any process — rather than
   * by a CREATE TABLE IF NOT EXISTS before every batch, which the live projection paid for
   * each table of every page. Nothing is written before the missing table is found: the
   * first statement fails to prepare, or SQLite re-prepares it and fails before its row.
   */
  private writeTable(table: EncodedTable): void {
    try {
      this.writeRows(table);
    } catch (error) {
      if (!isNoSuchTable(error)) throw error;
      this.createTable(table.table);
      this.writeRows(table);
    }
  }

  private writeRows({ table, ids, docs }: EncodedTable): void {
    const quoted = quote(table);
    // CAST: a packed batch binds the document's UTF-8 bytes, stored as the same TEXT.
    const put = this.statement(
      `INSERT INTO ${quoted} (id, doc) VALUES (?, CAST(? AS TEXT)) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`,
    );
    const remove = this.statement(`DELETE FROM ${quoted} WHERE id = ?`);
    for (let i = 0; i < ids.length; i++) {
      const doc = docs[i];
      if (doc == null) remove.run(ids[i]);
      else put.run(ids[i], doc);
    }
  }

  private leaseToken(name: string): number | null {
    const row = this.statement('SELECT token FROM leases WHERE name = ?').get(name) as
      { token: bigint } | undefined;
    return row ? Number(row.token) : null;
  }

  private storedLease(name: string): Lease | null {
    const row = this.statement('SELECT holder, token, expires_at FROM leases WHERE name = ?').get(
      name,
    ) as { holder: string; token: bigint; expires_at: string } | undefined;
    return row
      ? { name, holder: row.holder, token: Number(row.token), expiresAt: row.expires_at }
      : null;
  }

  async readLease(name: string): Promise<Lease | null> {
    return this.storedLease(checkLeaseName(name));
  }

  async swapLease(next: Lease, expected: Lease | null): Promise<boolean> {
    const lease = checkLease(next);
    if (expected !== null && checkLease(expected).name !== lease.name) return false;
    return this.db
      .transaction((): boolean => {
        if (!sameLease(this.storedLease(lease.name), expected)) return false;
        this.statement(
          `INSERT INTO leases (name, holder, token, expires_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, token = excluded.token,
             expires_at = excluded.expires_at`,
        ).run(lease.name, lease.holder, lease.token, lease.expiresAt);
        return true;
      })
      .immediate();
  }

  async checkpoint(projection: string): Promise<ProjectionCheckpoint | null> {
    checkProjection(projection);
    const row = this.statement(
      'SELECT position, version, updated_at FROM projection_checkpoints WHERE projection = ?',
    ).get(projection) as
      { position: string | null; version: bigint; updated_at: string } | undefined;
    if (!row) return null;
    return {
      projection,
      position: row.position === null ? null : BigInt(row.position),
      version: Number(row.version),
      updatedAt: row.updated_at,
    };
  }

  async get(collection: string, id: string): Promise<Doc | null> {
    const table = quote(tableFor(collection));
    if (typeof id !== 'string') throw new InvalidQueryError('id must be a string');
    return this.read(null, () => {
      const row = this.statement(`SELECT doc FROM ${table} WHERE id = ?`).get(id) as
        { doc: string } | undefined;
      return row ? parseDoc(row) : null;
    });
  }

  async getMany(collection: string, ids: readonly string[]): Promise<Doc[]> {
    const table = quote(tableFor(collection));
    const unique = checkIds(ids);
    if (unique.length === 0) return [];
    return this.read([], () =>
      (
        this.statement(`SELECT doc FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).all(
          JSON.stringify(unique),
        ) as { doc: string }[]
      ).map(parseDoc),
    );
  }

  private findQuery(collection: string, filter: Filter, options?: FindOptions): Compiled | null {
    const table = quote(tableFor(collection));
    const { clauses, sort, limit } = parseFind(filter, options);
    if (limit === 0) return null;
    const where = compileWhere(clauses);
    return {
      sql: `SELECT doc FROM ${table}${where.sql}${compileOrder(sort)}${limit === null ? '' : ' LIMIT ?'}`,
      params: limit === null ? where.params : [...where.params, limit],
    };
  }

  async find(collection: string, filter: Filter, options?: FindOptions): Promise<Doc[]> {
    const query = this.findQuery(collection, filter, options);
    if (!query) return [];
    return this.read([], () =>
      (this.statement(query.sql).all(...query.params) as { doc: string }[]).map(parseDoc),
    );
  }

  /**
   * The query plan of `find` (EXPLAIN QUERY PLAN details), to check that an index serves a
   * filter: for diagnostics and tests.
   */
  explainFind(collection: string, filter: Filter, options?: FindOptions): string[] {
    const query = this.findQuery(collection, filter, options);
    if (!query) return [];
    return this.read([], () =>
      (
        this.db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as {
          detail: string;
        }[]
      ).map((row) => row.detail),
    );
  }

  /**
   * SUM over CAST(... AS INTEGER) is exact int64 arithmetic: every total up to
   * 2^63 − 1 ≈ 9.2 × 10^18 đồng is exact, and SQLite raises "integer overflow" beyond
   * that rather than rounding. Values that are not whole đồng are counted, not cast (a
   * CAST would read "12.5" as 12), and make the sum fail.
   */
  async sum(collection: string, query: SumQuery): Promise<SumRow[]> {
    const table = quote(tableFor(collection));
    const { clauses, groupBy, sum } = parseSum(query);
    if (groupBy.length === 0 && sum.length === 0) return [{}];
    const where = compileWhere(clauses);
    // Booleans are 1/0 to json_extract: a second key per group field keeps true apart from 1.
    const keys = groupBy.flatMap((field, i) => [
      `${valueOf(field)} AS g${i}`,
      `coalesce(${typeOf(field)} IN ('true', 'false'), 0) AS b${i}`,
    ]);
    // Each value (at most 18 digits) is summed in two halves, its billions and the rest:
    // neither half-sum can leave 64 bits for fewer than 9 × 10^9 documents, so a sum of
    // any number of lines is exact (one SUM would fail past 9.2 × 10^18).
    const totals = sum.flatMap((field, i) => [
      `SUM(CASE WHEN ${wholeDong(field)} THEN CAST(${valueOf(field)} AS INTEGER) / ${SPLIT} END) AS s${i}`,
      `SUM(CASE WHEN ${wholeDong(field)} THEN CAST(${valueOf(field)} AS INTEGER) % ${SPLIT} END) AS r${i}`,
      `SUM(CASE WHEN coalesce(${typeOf(field)}, 'null') <> 'null' AND NOT (${wholeDong(field)}) THEN 1 ELSE 0 END) AS x${i}`,
    ]);
    const columns = [...keys, ...totals];
    const positions = keys.map((_, i) => String(i + 1)).join(', ');
    const sql =
      `SELECT ${columns.join(', ')} FROM ${table}${where.sql}` +
      (groupBy.length > 0 ? ` GROUP BY ${positions} ORDER BY ${positions}` : '');
    const rows = this.read([] as Record<string, GroupCell>[], () =>
      this.statement(sql).all(...where.params),
    ) as Record<string, GroupCell>[];
    if (groupBy.length === 0 && rows.length === 0) rows.push({});
    return rows.map((row) => {
      const out: Record<string, string | number | boolean | null> = {};
      groupBy.forEach((field, i) => {
        const value = row[`g${i}`] ?? null;
        out[field] =
          row[`b${i}`] === 1n ? value === 1n : typeof value === 'bigint' ? Number(value) : value;
      });
      sum.forEach((field, i) => {
        const bad = Number(row[`x${i}`] ?? 0n);
        if (bad > 0) throw new NotWholeDongError(collection, field, bad);
        const high = BigInt(row[`s${i}`] ?? 0n);
        const low = BigInt(row[`r${i}`] ?? 0n);
        out[field] = (high * BigInt(SPLIT) + low).toString();
      });
      return out;
    });
  }

  async scan(collection: string, afterId: string | null, limit: number): Promise<Doc[]> {
    const table = quote(tableFor(collection));
    if (checkLimit(limit) === 0) return [];
    if (afterId !== null && typeof afterId !== 'string') {
      throw new InvalidQueryError('afterId must be a string or null');
    }
    return this.read([], () => {
      const rows =
        afterId === null
          ? this.statement(`SELECT doc FROM ${table} ORDER BY id LIMIT ?`).all(limit)
          : this.statement(`SELECT doc FROM ${table} WHERE id > ? ORDER BY id LIMIT ?`).all(
              afterId,
              limit,
            );
      return (rows as { doc: string }[]).map(parseDoc);
    });
  }

  async drop(collections: readonly string[], projection?: string): Promise<void> {
    const tables = collections.map(tableFor);
    if (projection !== undefined) checkProjection(projection);
    this.db
      .transaction(() => {
        for (const table of tables) this.db.exec(`DROP TABLE IF EXISTS ${quote(table)}`);
        if (projection !== undefined) {
          this.statement('DELETE FROM projection_checkpoints WHERE projection = ?').run(projection);
        }
      })
      .immediate();
  }

  async setAlias(alias: string, target: string): Promise<void> {
    checkAliasName(alias, 'alias');
    checkAliasName(target, 'alias target');
    // One row, one statement: readers see the old target or the new one.
    this.statement(
      `INSERT INTO aliases (alias, target, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (alias) DO UPDATE SET target = excluded.target, updated_at = excluded.updated_at`,
    ).run(alias, target, this.clock().toISOString());
  }

  async resolveAlias(alias: string): Promise<string | null> {
    checkAliasName(alias, 'alias');
    const row = this.statement('SELECT target FROM aliases WHERE alias = ?').get(alias) as
      { target: string } | undefined;
    return row?.target ?? null;
  }

  /**
   * Bulk mode for a generation that serves nobody yet: synchronous=OFF on this
   * connection and a larger page cache while the tables grow. A killed process loses
   * nothing the OS already holds, and a batch's documents and checkpoint are one
   * transaction, so a crashed load resumes from a checkpoint that never runs ahead of its
   * documents. What OFF risks is SQLite's warning for it: an OS crash or power cut during
   * the load may leave the file corrupt (then the read models, all rebuildable from the
   * log, are rebuilt into a new file). The setting is the connection's, so a serving
   * generation's batches on this connection during the load (an API that rebuilds while
   * it projects) share it. endBulkLoad restores NORMAL and checkpoints the WAL, synced,
   * before anything may serve from the loaded generation.
   */
  async beginBulkLoad(collections: readonly string[]): Promise<void> {
    const tables = collections.map(tableFor);
    this.db.transaction(() => tables.forEach((t) => this.createTable(t))).immediate();
    if (this.bulkLoads++ === 0) {
      this.db.pragma('synchronous = OFF');
      this.db.pragma(`cache_size = ${BULK_CACHE_KIB}`);
    }
  }

  async endBulkLoad(collections: readonly string[]): Promise<void> {
    collections.forEach(tableFor);
    if (this.bulkLoads === 0 || --this.bulkLoads > 0) return;
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma(`cache_size = ${this.defaultCacheSize}`);
    // At NORMAL a checkpoint syncs the WAL, then the database: the load is durable.
    this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  /** A thread with its own connection to this file (sqlite-bulk-writer.ts), when allowed. */
  async openBulkWriter(collections: readonly string[]): Promise<BulkWriter | null> {
    collections.forEach(tableFor);
    if (!this.bulkWriterThread || this.bulkLoads === 0) return null;
    const writer = await SqliteBulkWriter.start(this.file);
    // The writer's connection holds the bulk load's page cache; this one only reads.
    this.db.pragma(`cache_size = ${this.defaultCacheSize}`);
    return writer;
  }

  async ensureIndexes(collection: string, indexes: readonly (readonly string[])[]): Promise<void> {
    const table = tableFor(collection);
    const checked = checkIndexes(indexes);
    this.db
      .transaction(() => {
        this.createTable(table);
        for (const fields of checked) {
          // The primary key already orders by id.
          if (fields.length === 1 && fields[0] === 'id') continue;
          const name = `${table}#${fields.map(encodeName).join(',')}`;
          // Ending with the id, so that the id tie-break of every sort needs no extra sort
          // (a rowid table's index entries would otherwise end with the rowid).
          const columns = fields.includes('id') ? fields : [...fields, 'id'];
          this.db.exec(
            `CREATE INDEX IF NOT EXISTS ${quote(name)} ON ${quote(table)} (${columns.map(valueOf).join(', ')})`,
          );
        }
      })
      .immediate();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.statements.clear();
    this.db.close();
  }
}
