import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** A column added after a table's first release, with the statement that adds it to an older file. */
export interface AddedColumn {
  table: string;
  column: string;
  add: string;
}

export interface StateDatabaseOptions {
  synchronous: 'FULL' | 'NORMAL';
  /** `CREATE … IF NOT EXISTS` statements: run on every open. */
  schema: string;
  addedColumns?: readonly AddedColumn[];
  foreignKeys?: boolean;
}

/**
 * Opens one of the API's state files (credentials, sessions, idempotency, rate limits,
 * security log) and brings its schema up to date.
 *
 * Several processes open the same file at once (API replicas, the projector, the CLI,
 * the two-replica tests), so the schema and its added columns are checked and changed
 * inside one IMMEDIATE transaction: the second process waits for the first's write lock,
 * then sees the column already there. Without it both read "no column" and the second
 * ALTER TABLE fails with "duplicate column name" (seen in CI). The busy timeout is set
 * before anything else so that even switching to WAL waits instead of failing.
 */
export function openStateDatabase(file: string, options: StateDatabaseOptions): Database.Database {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous}`);
  // A no-op inside a transaction, so before it.
  if (options.foreignKeys) db.pragma('foreign_keys = ON');
  db.transaction(() => {
    db.exec(options.schema);
    for (const added of options.addedColumns ?? []) {
      const columns = db.prepare(`PRAGMA table_info(${added.table})`).all() as { name: string }[];
      if (!columns.some((c) => c.name === added.column)) db.exec(added.add);
    }
  }).immediate();
  return db;
}
