import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BulkWriter, Doc, Write } from '../document-store.port';
import { SqliteDocumentStore, tableFor } from './sqlite-document-store';

const put = (collection: string, doc: Doc): Write => ({ op: 'put', collection, doc });
const COLLECTIONS = ['entries__g2', 'lines__g2'];

/** Rows of a table as SQLite holds them: the JSON text itself, by id. */
function rows(file: string, collection: string): { id: string; doc: string }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT id, doc FROM "${tableFor(collection)}" ORDER BY id`).all() as {
      id: string;
      doc: string;
    }[];
  } finally {
    db.close();
  }
}

/** Batch n: a new entry, its line rewritten (a hot document), every 7th entry deleted again. */
function batch(n: number): Write[] {
  const writes: Write[] = [
    put('entries__g2', { id: `e${n}`, n, amount: String(n * 1000), note: `đồng ${n}` }),
    put('lines__g2', { id: `l${n % 3}`, total: String(n * 7), last: n }),
  ];
  if (n % 7 === 0) writes.push({ op: 'delete', collection: 'entries__g2', id: `e${n - 1}` });
  return writes;
}

describe('SqliteBulkWriter (a bulk load written on a second thread)', () => {
  let dir: string;
  let file: string;
  let store: SqliteDocumentStore;
  let writer: BulkWriter | null = null;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-bulk-writer-'));
    file = join(dir, 'read-models.sqlite');
    store = new SqliteDocumentStore({ file });
    await store.beginBulkLoad(COLLECTIONS);
  });
  afterEach(async () => {
    await writer?.abort();
    writer = null;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(): Promise<BulkWriter> {
    writer = await store.openBulkWriter(COLLECTIONS);
    if (!writer) throw new Error('no writer thread');
    return writer;
  }

  it('commits batches handed over without waiting, in order, each with its checkpoint, as applyBatch writes them', async () => {
    const w = await open();
    const results: Promise<boolean>[] = [];
    let previous: bigint | null = null;
    for (let n = 1; n <= 60; n++) {
      results.push(w.applyBatch('p__g2', batch(n), BigInt(n), 3, previous));
      previous = BigInt(n);
    }
    expect(await Promise.all(results)).toEqual(results.map(() => true));
    // Resolved means committed: this store's own connection reads it.
    expect(await store.checkpoint('p__g2')).toMatchObject({ position: 60n, version: 3 });
    expect(await store.get('lines__g2', 'l0')).toEqual({ id: 'l0', total: '420', last: 60 });
    await w.close();
    writer = null;
    await store.endBulkLoad(COLLECTIONS);

    // The same batches through applyBatch on this thread: the same rows, byte for byte.
    const otherFile = join(dir, 'same-thread.sqlite');
    const other = new SqliteDocumentStore({ file: otherFile, bulkWriterThread: false });
    try {
      await other.beginBulkLoad(COLLECTIONS);
      expect(await other.openBulkWriter(COLLECTIONS)).toBeNull();
      for (let n = 1; n <= 60; n++) {
        await other.applyBatch('p__g2', batch(n), BigInt(n), 3, n === 1 ? null : BigInt(n - 1));
      }
      await other.endBulkLoad(COLLECTIONS);
    } finally {
      await other.close();
    }
    for (const collection of COLLECTIONS) {
      expect(rows(file, collection)).toEqual(rows(otherFile, collection));
    }
    expect(rows(file, 'entries__g2')).toHaveLength(60 - 8);
    // Written from the UTF-8 bytes the thread was handed, stored as text all the same.
    const db = new Database(file, { readonly: true });
    try {
      const types = db
        .prepare(`SELECT DISTINCT typeof(doc) AS t FROM "${tableFor('entries__g2')}"`)
        .all();
      expect(types).toEqual([{ t: 'text' }]);
    } finally {
      db.close();
    }
  });

  it('keeps the compare-and-set: a batch whose expected checkpoint moved writes nothing', async () => {
    const w = await open();
    await expect(w.applyBatch('p__g2', batch(1), 1n, 1, null)).resolves.toBe(true);
    // Someone else's checkpoint, committed between two batches.
    await store.applyBatch('p__g2', [], 5n, 1, 1n);
    await expect(w.applyBatch('p__g2', batch(2), 2n, 1, 1n)).resolves.toBe(false);
    await expect(w.applyBatch('p__g2', batch(6), 6n, 1, 1n)).resolves.toBe(false);
    await w.close();
    writer = null;
    expect(await store.get('entries__g2', 'e2')).toBeNull();
    expect(await store.get('entries__g2', 'e6')).toBeNull();
    expect(await store.checkpoint('p__g2')).toMatchObject({ position: 5n });
  });

  it('surfaces an error of the thread on its batch and on close, and writes nothing after it', async () => {
    // A view where the batch expects a table: SQLite refuses the insert, in the thread.
    const db = new Database(file);
    db.exec(`CREATE VIEW "${tableFor('broken__g2')}" AS SELECT 'x' AS id, '{}' AS doc`);
    db.close();
    const w = await open();
    const first = w.applyBatch('p__g2', batch(1), 1n, 1, null);
    const failing = w.applyBatch('p__g2', [put('broken__g2', { id: 'b' })], 2n, 1, 1n);
    const after = w.applyBatch('p__g2', batch(3), 3n, 1, 2n);
    await expect(first).resolves.toBe(true);
    await expect(failing).rejects.toThrow(/read-model writer thread: .*view/);
    await expect(after).rejects.toThrow(/view/);
    await expect(w.applyBatch('p__g2', batch(4), 4n, 1, 3n)).rejects.toThrow(/view/);
    await expect(w.close()).rejects.toThrow(/view/);
    writer = null;
    expect(await store.checkpoint('p__g2')).toMatchObject({ position: 1n });
    expect(await store.get('entries__g2', 'e3')).toBeNull();
  });

  it('checks and encodes a batch before it is handed over: a bad write throws at once', async () => {
    const w = await open();
    expect(() => w.applyBatch('p__g2', [put('entries__g2', { id: '' })], 1n, 1, null)).toThrow(
      /doc\.id must be a non-empty string/,
    );
    await w.close();
    writer = null;
    expect(await store.checkpoint('p__g2')).toBeNull();
  });

  it('is offered only during a bulk load, on a file, when not turned off', async () => {
    const memory = new SqliteDocumentStore({ file: ':memory:' });
    try {
      await memory.beginBulkLoad(COLLECTIONS);
      expect(await memory.openBulkWriter(COLLECTIONS)).toBeNull();
    } finally {
      await memory.close();
    }
    const idle = new SqliteDocumentStore({ file: join(dir, 'idle.sqlite') });
    try {
      expect(await idle.openBulkWriter(COLLECTIONS)).toBeNull();
    } finally {
      await idle.close();
    }
  });
});
