import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteDocumentStore, tableFor, type Doc, type Write } from '@app/read-models';
import { DOCUMENT_STORE_RACE_WORKER, describeDocumentStoreContract } from '@app/testing';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'budget-read-models-'));
}

const put = (collection: string, doc: Doc): Write => ({ op: 'put', collection, doc });

describeDocumentStoreContract('embedded SQLite', () => {
  const dir = tempDir();
  const store = new SqliteDocumentStore({ file: join(dir, 'read-models.sqlite') });
  return Promise.resolve({
    store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
});

describe('SqliteDocumentStore', () => {
  let dir: string;
  let file: string;
  let store: SqliteDocumentStore;
  const others: SqliteDocumentStore[] = [];
  function another(): SqliteDocumentStore {
    const other = new SqliteDocumentStore({ file });
    others.push(other);
    return other;
  }
  beforeEach(() => {
    dir = tempDir();
    file = join(dir, 'read-models.sqlite');
    store = new SqliteDocumentStore({ file });
  });
  afterEach(async () => {
    await Promise.all([store, ...others.splice(0)].map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs WAL, synchronous=NORMAL and a 30 s busy timeout', () => {
    // Pragmas are per connection: read them from the store's own.
    const own = (store as unknown as { db: Database.Database }).db;
    expect(own.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(own.pragma('synchronous', { simple: true })).toBe(1n);
    expect(own.pragma('busy_timeout', { simple: true })).toBe(30000n);
  });

  it('writes again into a table another connection dropped, alone and in a joint commit', async () => {
    // A rebuild in another process drops a generation this connection has written (its
    // statements are prepared): the next batch recreates the table instead of failing.
    const other = another();
    expect(await store.applyBatch('p', [put('c', { id: '1' })], 1n, 1)).toBe(true);
    await other.drop(['c', 'd']);
    expect(await store.applyBatch('p', [put('c', { id: '2' })], 2n, 1)).toBe(true);
    expect(await other.scan('c', null, 10)).toEqual([{ id: '2' }]);
    await other.drop(['c']);
    expect(
      await store.applyBatches([
        { projection: 'p', writes: [put('c', { id: '3' })], position: 3n, version: 1 },
        { projection: 'q', writes: [put('d', { id: '4' })], position: 1n, version: 1 },
      ]),
    ).toEqual([true, true]);
    expect(await other.scan('c', null, 10)).toEqual([{ id: '3' }]);
    expect(await other.scan('d', null, 10)).toEqual([{ id: '4' }]);
  });

  it('keeps one table per collection, named injectively in lower case', async () => {
    expect(tableFor('movements@3')).toBe('rm_movements@3');
    expect(tableFor('lineBalances@2')).toBe('rm_line_balances@2');
    expect(tableFor('line_balances@2')).toBe('rm_line__balances@2');
    await store.applyBatch('p', [put('lineBalances@2', { id: 'a', amount: '5' })], 1n, 1);
    const db = new Database(file, { readonly: true });
    try {
      const tables = db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .all() as { name: string; sql: string }[];
      expect(tables.map((t) => t.name)).toEqual([
        'aliases',
        'leases',
        'projection_checkpoints',
        'rm_line_balances@2',
      ]);
      expect(tables[3]!.sql).toMatch(/id TEXT PRIMARY KEY, doc TEXT NOT NULL\)$/);
      expect(db.prepare('SELECT position FROM projection_checkpoints').get()).toEqual({
        position: '1',
      });
    } finally {
      db.close();
    }
  });

  describe('when a collection is indexed', () => {
    beforeEach(async () => {
      await store.ensureIndexes('movements', [['lineId', 'effectiveDate'], ['kind']]);
      const writes = Array.from({ length: 200 }, (_, i) =>
        put('movements', {
          id: `m${i}`,
          lineId: `L${i % 10}`,
          effectiveDate: `2024-${String((i % 12) + 1).padStart(2, '0')}-01`,
          kind: i % 2 ? 'committed' : 'allocated',
          amount: String(i * 1000),
        }),
      );
      await store.applyBatch('p', writes, 1n, 1);
      (store as unknown as { db: Database.Database }).db.exec('ANALYZE');
    });

    it('answers equality, range and sort from the compound index (EXPLAIN QUERY PLAN)', () => {
      const index = 'rm_movements#line_id,effective_date';
      const plan = store.explainFind(
        'movements',
        { lineId: 'L3', effectiveDate: { $gte: '2024-03-01', $lt: '2024-07-01' } },
        { sort: [['effectiveDate', 1]] },
      );
      expect(plan.join('\n')).toContain(`USING INDEX ${index}`);
      // The index entries end with the primary key, so the id tie-break needs no sort.
      expect(plan.join('\n')).not.toContain('TEMP B-TREE');
      const inPlan = store.explainFind('movements', { lineId: { $in: ['L1', 'L2'] } });
      expect(inPlan.join('\n')).toContain(`USING INDEX ${index}`);
      expect(store.explainFind('movements', { kind: 'allocated' }).join('\n')).toContain(
        'USING INDEX rm_movements#kind',
      );
    });

    it('finds what a full scan finds', async () => {
      const filter = { lineId: 'L3', effectiveDate: { $gte: '2024-03-01', $lt: '2024-07-01' } };
      const all = await store.scan('movements', null, 1000);
      const expected = all
        .filter(
          (d) =>
            d.lineId === 'L3' &&
            d.effectiveDate! >= '2024-03-01' &&
            d.effectiveDate! < '2024-07-01',
        )
        .map((d) => d.id);
      expect(expected.length).toBeGreaterThan(0);
      expect((await store.find('movements', filter)).map((d) => d.id)).toEqual(expected);
      const inAll = all
        .filter((d) => ['L1', 'L2', 'L7'].includes(d.lineId as string))
        .map((d) => d.id);
      expect(
        (await store.find('movements', { lineId: { $in: ['L1', 'L2', 'L7'] } })).map((d) => d.id),
      ).toEqual(inAll);
    });
  });

  // Errors from better-sqlite3 are matched by message, not with toThrow: its native addon
  // keeps the error class of the first test file a Jest worker loaded (another realm).
  it('rolls the whole batch back when a write fails inside the transaction', async () => {
    await store.applyBatch('p', [put('lines', { id: 'before' })], 1n, 1);
    const db = new Database(file);
    try {
      db.exec(`CREATE TRIGGER boom BEFORE INSERT ON "${tableFor('lines')}" WHEN NEW.id = 'boom'
               BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    } finally {
      db.close();
    }
    await expect(
      store.applyBatch('p', [put('lines', { id: 'first' }), put('lines', { id: 'boom' })], 2n, 1),
    ).rejects.toMatchObject({ message: 'disk on fire' });
    expect(await store.get('lines', 'first')).toBeNull();
    expect(await store.checkpoint('p')).toMatchObject({ position: 1n });
  });

  it('sums beyond int64 exactly, however many 18-digit amounts (no read fails on what was written)', async () => {
    const writes = Array.from({ length: 30 }, (_, i) =>
      put('big', { id: `b${i}`, amount: i % 2 === 0 ? '999999999999999999' : '-1' }),
    );
    await store.applyBatch('p', writes, 1n, 1);
    expect(await store.sum('big', { filter: {}, groupBy: [], sum: ['amount'] })).toEqual([
      { amount: (15n * 999_999_999_999_999_999n - 15n).toString() },
    ]);
  });

  describe('when two connections share the file', () => {
    it('lands every batch of both projections, interleaved', async () => {
      const other = another();
      const rounds = 100;
      for (let i = 1; i <= rounds; i++) {
        const [a, b] = await Promise.all([
          store.applyBatch(
            'alpha',
            [put('shared', { id: `a${i}`, i }), put('alpha', { id: 'tip', i })],
            BigInt(i),
            1,
          ),
          other.applyBatch(
            'beta',
            [put('shared', { id: `b${i}`, i }), put('beta', { id: 'tip', i })],
            BigInt(i * 2),
            1,
          ),
        ]);
        expect([a, b]).toEqual([true, true]);
      }
      for (const reader of [store, other]) {
        expect(await reader.checkpoint('alpha')).toMatchObject({ position: BigInt(rounds) });
        expect(await reader.checkpoint('beta')).toMatchObject({ position: BigInt(rounds * 2) });
        expect(await reader.find('shared', {})).toHaveLength(rounds * 2);
        expect(await reader.get('beta', 'tip')).toEqual({ id: 'tip', i: rounds });
      }
    });

    it('sees the other connection drop and recreate a collection it has read', async () => {
      const other = another();
      await store.applyBatch('p', [put('c', { id: 'old' })], 1n, 1);
      expect(await other.find('c', {})).toEqual([{ id: 'old' }]);
      await store.drop(['c'], 'p');
      expect(await other.find('c', {})).toEqual([]);
      expect(await other.get('c', 'old')).toBeNull();
      await store.applyBatch('p', [put('c', { id: 'new' })], 1n, 1);
      expect(await other.find('c', {})).toEqual([{ id: 'new' }]);
      // And writes through a connection whose cached statements predate the drop.
      await store.drop(['c'], 'p');
      expect(await other.applyBatch('p', [put('c', { id: 'again' })], 1n, 1)).toBe(true);
      expect(await store.find('c', {})).toEqual([{ id: 'again' }]);
    });
  });

  describe('when processes write at once', () => {
    it('lands every batch of each process (BEGIN IMMEDIATE and the busy timeout)', async () => {
      // Created first so the children don't race to create the schema as well.
      await store.ensureIndexes('shared', [['i']]);
      const batches = 150;
      const projections = ['p1', 'p2', 'p3'];
      const codes = await Promise.all(
        projections.map(
          (projection) =>
            new Promise<number | null>((resolve, reject) => {
              const child = fork(DOCUMENT_STORE_RACE_WORKER, [file, projection, String(batches)], {
                execArgv: ['-r', '@swc-node/register'],
                stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
              });
              child.once('error', reject);
              child.once('exit', resolve);
            }),
        ),
      );
      expect(codes).toEqual([0, 0, 0]);
      expect(await store.find('shared', {})).toHaveLength(batches * projections.length);
      for (const projection of projections) {
        expect(await store.checkpoint(projection)).toMatchObject({ position: BigInt(batches) });
        expect(await store.get(`own-${projection}`, 'tip')).toEqual({ id: 'tip', i: batches });
      }
    });
  });
});
