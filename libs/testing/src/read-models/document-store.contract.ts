import {
  applyBatchesOf,
  type Doc,
  type DocumentStore,
  type Lease,
  type SumRow,
  type Write,
} from '@app/read-models';

export interface DocumentStoreFixture {
  readonly store: DocumentStore;
  dispose(): Promise<void>;
}

/** Stable codes, so the suite needs only the port's types from @app/read-models. */
const INVALID_WRITE = { code: 'READ_MODELS.INVALID_WRITE' };
const INVALID_QUERY = { code: 'READ_MODELS.INVALID_QUERY' };
const NOT_WHOLE_DONG = { code: 'READ_MODELS.NOT_WHOLE_DONG' };
const FENCED_OFF = { code: 'READ_MODELS.FENCED_OFF' };

/** A packed EventStoreDB-style position far beyond 2^53 and 2^64. */
const BIG = (1n << 70n) + 5n;

const put = (collection: string, doc: Doc): Write => ({ op: 'put', collection, doc });
const del = (collection: string, id: string): Write => ({ op: 'delete', collection, id });

function ids(docs: readonly Doc[]): string[] {
  return docs.map((d) => d.id);
}

function byId(a: Doc, b: Doc): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Sum rows in a fixed order, whatever order the adapter returns them in. */
function sorted(rows: readonly SumRow[]): SumRow[] {
  return [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/** Movements of two budget lines, with every kind of value a filter may meet. */
const MOVEMENTS: Doc[] = [
  {
    id: 'm01',
    lineId: 'L1',
    effectiveDate: '2024-01-15',
    amount: '100',
    seq: 1,
    kind: 'allocated',
    approved: true,
  },
  {
    id: 'm02',
    lineId: 'L1',
    effectiveDate: '2024-02-01',
    amount: '250',
    seq: 2,
    kind: 'committed',
    approved: false,
  },
  {
    id: 'm03',
    lineId: 'L1',
    effectiveDate: '2024-02-29',
    amount: '-50',
    seq: 3,
    kind: 'cancelled',
    approved: true,
    note: null,
  },
  {
    id: 'm04',
    lineId: 'L2',
    effectiveDate: '2024-01-15',
    amount: '1000',
    seq: 10,
    kind: 'allocated',
    approved: true,
  },
  {
    id: 'm05',
    lineId: 'L2',
    effectiveDate: '2024-03-31',
    amount: '75',
    seq: 2.5,
    kind: 'committed',
    approved: false,
    note: 'Ghi chú: công tác phí',
  },
  {
    id: 'm06',
    lineId: 'L2',
    effectiveDate: '2024-12-31',
    amount: '5',
    seq: 11,
    kind: 'disbursed',
    approved: true,
  },
  // Same text, other types: a string "2" and a number 2 are different values.
  {
    id: 'm07',
    lineId: 'L3',
    effectiveDate: '2025-01-01',
    amount: '0',
    seq: '2',
    kind: 1,
    approved: 1,
  },
];

/**
 * One contract for every DocumentStore adapter. `open` gives a fresh, empty store (a new
 * file, a new database) for each test.
 */
export function describeDocumentStoreContract(
  adapter: string,
  open: () => Promise<DocumentStoreFixture>,
): void {
  describe(`DocumentStore contract: ${adapter}`, () => {
    let fixture: DocumentStoreFixture;
    let store: DocumentStore;
    beforeEach(async () => {
      fixture = await open();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.dispose();
    });

    describe('when a collection was never written', () => {
      it('reads empty everywhere, and sums to one row of zeros when ungrouped', async () => {
        expect(await store.get('nothing', 'x')).toBeNull();
        expect(await store.getMany('nothing', ['x', 'y'])).toEqual([]);
        expect(await store.find('nothing', {})).toEqual([]);
        expect(await store.find('nothing', { a: 1 }, { sort: [['a', 1]], limit: 3 })).toEqual([]);
        expect(await store.scan('nothing', null, 10)).toEqual([]);
        expect(await store.sum('nothing', { filter: {}, groupBy: ['a'], sum: ['amount'] })).toEqual(
          [],
        );
        expect(await store.sum('nothing', { filter: {}, groupBy: [], sum: ['amount'] })).toEqual([
          { amount: '0' },
        ]);
        expect(await store.checkpoint('nobody')).toBeNull();
        expect(await store.resolveAlias('nothing')).toBeNull();
      });
    });

    describe('when documents are put, replaced and deleted', () => {
      const rich: Doc = {
        id: 'line-1',
        name: 'Tiểu dự án 2: Hỗ trợ phát triển sản xuất',
        allocated: '378000000',
        count: 3,
        rate: 0.25,
        active: true,
        closed: false,
        parent: null,
        tags: ['DA6', 'TDA2'],
        detail: { fundSource: 'central', years: [2023, 2024], nested: { deep: [{ a: 1 }] } },
      };

      it('returns each document as it was put; getMany skips missing ids', async () => {
        await store.applyBatch(
          'p',
          [put('lines', rich), put('lines', { id: 'line-2', n: 2 })],
          1n,
          1,
        );
        expect(await store.get('lines', 'line-1')).toEqual(rich);
        expect(await store.get('lines', 'missing')).toBeNull();
        const many = await store.getMany('lines', ['line-2', 'missing', 'line-1', 'line-2']);
        expect([...many].sort(byId)).toEqual([rich, { id: 'line-2', n: 2 }]);
        expect(await store.getMany('lines', [])).toEqual([]);
      });

      it('replaces a document whole (fields it no longer has are gone) and deletes it', async () => {
        await store.applyBatch('p', [put('lines', rich)], 1n, 1);
        await store.applyBatch('p', [put('lines', { id: 'line-1', allocated: '1' })], 2n, 1);
        expect(await store.get('lines', 'line-1')).toEqual({ id: 'line-1', allocated: '1' });
        await store.applyBatch('p', [del('lines', 'line-1'), del('lines', 'never-there')], 3n, 1);
        expect(await store.get('lines', 'line-1')).toBeNull();
        expect(await store.find('lines', {})).toEqual([]);
        expect(await store.scan('lines', null, 10)).toEqual([]);
        expect(await store.sum('lines', { filter: {}, groupBy: [], sum: ['allocated'] })).toEqual([
          { allocated: '0' },
        ]);
        // Put again after a delete: it is back.
        await store.applyBatch('p', [put('lines', { id: 'line-1', allocated: '2' })], 4n, 1);
        expect(await store.get('lines', 'line-1')).toEqual({ id: 'line-1', allocated: '2' });
      });

      it('keeps collections apart, also when their names differ only in case', async () => {
        await store.applyBatch(
          'p',
          [
            put('lineBalances', { id: 'a', v: 1 }),
            put('linebalances', { id: 'a', v: 2 }),
            put('line_balances', { id: 'a', v: 3 }),
          ],
          1n,
          1,
        );
        expect(await store.get('lineBalances', 'a')).toEqual({ id: 'a', v: 1 });
        expect(await store.get('linebalances', 'a')).toEqual({ id: 'a', v: 2 });
        expect(await store.get('line_balances', 'a')).toEqual({ id: 'a', v: 3 });
      });

      it('accepts generation names such as movements@3', async () => {
        await store.applyBatch('p', [put('movements@3', { id: 'a' })], 1n, 1);
        expect(await store.get('movements@3', 'a')).toEqual({ id: 'a' });
        expect(await store.get('movements@2', 'a')).toBeNull();
      });
    });

    describe('when finding', () => {
      beforeEach(async () => {
        // Out of id order, to show that results are ordered by the store.
        await store.applyBatch(
          'p',
          [...MOVEMENTS].reverse().map((d) => put('movements', d)),
          1n,
          1,
        );
      });

      it('matches equality on strings, numbers, booleans and null (null also matches missing)', async () => {
        expect(ids(await store.find('movements', { lineId: 'L1' }))).toEqual(['m01', 'm02', 'm03']);
        expect(ids(await store.find('movements', { seq: 2 }))).toEqual(['m02']);
        expect(ids(await store.find('movements', { seq: '2' }))).toEqual(['m07']);
        expect(ids(await store.find('movements', { seq: 2.5 }))).toEqual(['m05']);
        expect(ids(await store.find('movements', { approved: true }))).toEqual([
          'm01',
          'm03',
          'm04',
          'm06',
        ]);
        expect(ids(await store.find('movements', { approved: false }))).toEqual(['m02', 'm05']);
        // 1 is not true, and true is not 1.
        expect(ids(await store.find('movements', { approved: 1 }))).toEqual(['m07']);
        expect(ids(await store.find('movements', { kind: 1 }))).toEqual(['m07']);
        expect(ids(await store.find('movements', { note: null }))).toEqual([
          'm01',
          'm02',
          'm03',
          'm04',
          'm06',
          'm07',
        ]);
        expect(ids(await store.find('movements', { id: 'm04' }))).toEqual(['m04']);
        expect(await store.find('movements', { lineId: 'nowhere' })).toEqual([]);
      });

      it('compares ISO dates as strings with $lt, $lte, $gt, $gte', async () => {
        const q1 = await store.find('movements', {
          effectiveDate: { $gte: '2024-01-01', $lt: '2024-04-01' },
        });
        expect(ids(q1)).toEqual(['m01', 'm02', 'm03', 'm04', 'm05']);
        const feb = await store.find('movements', {
          effectiveDate: { $gt: '2024-01-15', $lte: '2024-02-29' },
        });
        expect(ids(feb)).toEqual(['m02', 'm03']);
        expect(
          ids(await store.find('movements', { effectiveDate: { $gt: '2024-12-31' } })),
        ).toEqual(['m07']);
        expect(ids(await store.find('movements', { id: { $gt: 'm05' } }))).toEqual(['m06', 'm07']);
      });

      it('compares numbers as numbers, and never a string with a number', async () => {
        expect(ids(await store.find('movements', { seq: { $gte: 2, $lt: 11 } }))).toEqual([
          'm02',
          'm03',
          'm04',
          'm05',
        ]);
        expect(ids(await store.find('movements', { seq: { $gt: 2.5 } }))).toEqual([
          'm03',
          'm04',
          'm06',
        ]);
        expect(ids(await store.find('movements', { seq: { $lte: 1 } }))).toEqual(['m01']);
        // "2" is a string: only string bounds reach it, and numbers 10, 11 are not "9" or less.
        expect(ids(await store.find('movements', { seq: { $lt: '9' } }))).toEqual(['m07']);
        expect(ids(await store.find('movements', { amount: { $gt: 99 } }))).toEqual([]);
      });

      it('matches $in lists of strings, numbers and both; an empty list matches nothing', async () => {
        expect(
          ids(await store.find('movements', { kind: { $in: ['committed', 'disbursed'] } })),
        ).toEqual(['m02', 'm05', 'm06']);
        expect(ids(await store.find('movements', { seq: { $in: [1, 10, 2.5, 99] } }))).toEqual([
          'm01',
          'm04',
          'm05',
        ]);
        expect(ids(await store.find('movements', { seq: { $in: ['2', 11] } }))).toEqual([
          'm06',
          'm07',
        ]);
        expect(ids(await store.find('movements', { id: { $in: ['m03', 'm01', 'zz'] } }))).toEqual([
          'm01',
          'm03',
        ]);
        expect(await store.find('movements', { kind: { $in: [] } })).toEqual([]);
      });

      it('ANDs the conditions on several fields', async () => {
        const found = await store.find('movements', {
          lineId: { $in: ['L1', 'L2'] },
          approved: true,
          effectiveDate: { $lt: '2024-06-01' },
          kind: 'allocated',
        });
        expect(ids(found)).toEqual(['m01', 'm04']);
      });

      it('sorts by several keys in both directions, ties by id, and limits', async () => {
        const byLineThenDateDesc = await store.find(
          'movements',
          { lineId: { $in: ['L1', 'L2'] } },
          {
            sort: [
              ['lineId', -1],
              ['effectiveDate', 1],
            ],
          },
        );
        expect(ids(byLineThenDateDesc)).toEqual(['m04', 'm05', 'm06', 'm01', 'm02', 'm03']);
        // m01 and m04 share a date: ties come in id order, in the last key's direction.
        const byDateDesc = await store.find('movements', {}, { sort: [['effectiveDate', -1]] });
        expect(ids(byDateDesc)).toEqual(['m07', 'm06', 'm05', 'm03', 'm02', 'm04', 'm01']);
        const byDateAsc = await store.find(
          'movements',
          {},
          { sort: [['effectiveDate', 1]], limit: 3 },
        );
        expect(ids(byDateAsc)).toEqual(['m01', 'm04', 'm02']);
        const bySeq = await store.find(
          'movements',
          { seq: { $gte: 0 } },
          { sort: [['seq', -1]], limit: 2 },
        );
        expect(ids(bySeq)).toEqual(['m06', 'm04']);
        expect(ids(await store.find('movements', {}, { sort: [['id', -1]], limit: 2 }))).toEqual([
          'm07',
          'm06',
        ]);
        expect(await store.find('movements', {}, { limit: 0 })).toEqual([]);
      });

      it('returns whole, clean documents', async () => {
        const [found] = await store.find('movements', { id: 'm05' });
        expect(found).toEqual(MOVEMENTS[4]);
        expect(Object.keys(found!).sort()).toEqual(Object.keys(MOVEMENTS[4]!).sort());
      });

      it('refuses what it cannot answer the same way on every adapter', async () => {
        const refused = [
          () => store.find('movements', { kind: { $ne: 'x' } as never }),
          () => store.find('movements', { kind: {} }),
          () => store.find('movements', { kind: { $in: 'x' } as never }),
          () => store.find('movements', { kind: { $lt: true } as never }),
          () => store.find('movements', { kind: { $gt: Number.NaN } }),
          () => store.find('movements', { 'detail.fundSource': 'central' }),
          () => store.find('movements', { $where: 'x' }),
          () => store.find('movements', {}, { limit: -1 }),
          () => store.find('movements', {}, { limit: 1.5 }),
          () => store.find('movements', {}, { sort: [['seq', 0 as never]] }),
          () => store.find('bad name', {}),
          () => store.find('_aliases', {}),
          () => store.find('a$b', {}),
        ];
        for (const attempt of refused) await expect(attempt()).rejects.toMatchObject(INVALID_QUERY);
      });
    });

    describe('when summing whole đồng', () => {
      const NEAR_MAX = '999999999999999999'; // 18 digits
      beforeEach(async () => {
        await store.applyBatch(
          'p',
          [
            put('movements', {
              id: 'a1',
              lineId: 'L1',
              year: 2024,
              central: true,
              amount: NEAR_MAX,
              fee: '10',
            }),
            put('movements', {
              id: 'a2',
              lineId: 'L1',
              year: 2024,
              central: true,
              amount: '1',
              fee: 5,
            }),
            put('movements', {
              id: 'b1',
              lineId: 'L2',
              year: 2024,
              central: false,
              amount: NEAR_MAX,
              fee: '-3',
            }),
            put('movements', { id: 'b2', lineId: 'L2', year: 2025, central: false, amount: '1' }),
            put('movements', {
              id: 'c1',
              lineId: 'L3',
              year: 2025,
              central: true,
              amount: '-7',
              fee: null,
            }),
          ],
          1n,
          1,
        );
      });

      it('adds each group exactly, beyond 2^53, as decimal strings; group keys keep their JSON types', async () => {
        const rows = await store.sum('movements', {
          filter: {},
          groupBy: ['lineId'],
          sum: ['amount', 'fee'],
        });
        expect(sorted(rows)).toEqual([
          { lineId: 'L1', amount: '1000000000000000000', fee: '15' },
          { lineId: 'L2', amount: '1000000000000000000', fee: '-3' },
          { lineId: 'L3', amount: '-7', fee: '0' },
        ]);
        const byYearAndCentral = await store.sum('movements', {
          filter: {},
          groupBy: ['year', 'central'],
          sum: ['amount'],
        });
        expect(sorted(byYearAndCentral)).toEqual(
          sorted([
            { year: 2024, central: true, amount: '1000000000000000000' },
            { year: 2024, central: false, amount: NEAR_MAX },
            { year: 2025, central: false, amount: '1' },
            { year: 2025, central: true, amount: '-7' },
          ]),
        );
      });

      it('adds everything into one row when ungrouped, and applies the filter', async () => {
        expect(await store.sum('movements', { filter: {}, groupBy: [], sum: ['amount'] })).toEqual([
          { amount: '1999999999999999993' },
        ]);
        expect(
          await store.sum('movements', {
            filter: { lineId: { $in: ['L1', 'L2'] }, year: 2024 },
            groupBy: [],
            sum: ['amount'],
          }),
        ).toEqual([{ amount: '1999999999999999999' }]);
        expect(
          await store.sum('movements', {
            filter: { central: true },
            groupBy: ['lineId'],
            sum: ['amount'],
          }),
        ).toEqual(
          expect.arrayContaining([
            { lineId: 'L1', amount: '1000000000000000000' },
            { lineId: 'L3', amount: '-7' },
          ]),
        );
        expect(
          await store.sum('movements', {
            filter: { lineId: 'none' },
            groupBy: [],
            sum: ['amount'],
          }),
        ).toEqual([{ amount: '0' }]);
        expect(
          await store.sum('movements', {
            filter: { lineId: 'none' },
            groupBy: ['year'],
            sum: ['amount'],
          }),
        ).toEqual([]);
      });

      it('groups a missing field with null', async () => {
        await store.applyBatch(
          'p',
          [put('other', { id: 'x', amount: '1' }), put('other', { id: 'y', g: null, amount: '2' })],
          2n,
          1,
        );
        expect(await store.sum('other', { filter: {}, groupBy: ['g'], sum: ['amount'] })).toEqual([
          { g: null, amount: '3' },
        ]);
      });

      it('refuses values that are not whole đồng rather than rounding them', async () => {
        // One bad value per kind, each in its own collection so that each is checked alone.
        const kinds: unknown[] = [
          '12.5',
          '1e3',
          ' 5',
          '007',
          '+5',
          '-0',
          'abc',
          '',
          '1000000000000000000',
          1.5,
          true,
          { a: 1 },
          [1],
        ];
        let position = 10n;
        for (const [i, bad] of kinds.entries()) {
          const collection = `bad${i}`;
          await store.applyBatch(
            'r',
            [
              put(collection, { id: 'x', amount: '1' }),
              put(collection, { id: 'y', amount: bad as never }),
            ],
            position++,
            1,
          );
          await expect(
            store.sum(collection, { filter: {}, groupBy: [], sum: ['amount'] }),
          ).rejects.toMatchObject({ ...NOT_WHOLE_DONG, field: 'amount', count: 1 });
        }
      });

      it('refuses a field both grouped and summed, or named twice', async () => {
        await expect(
          store.sum('movements', { filter: {}, groupBy: ['lineId'], sum: ['lineId'] }),
        ).rejects.toMatchObject(INVALID_QUERY);
        await expect(
          store.sum('movements', { filter: {}, groupBy: [], sum: ['amount', 'amount'] }),
        ).rejects.toMatchObject(INVALID_QUERY);
        await expect(
          store.sum('movements', { filter: {}, groupBy: ['a.b'], sum: [] }),
        ).rejects.toMatchObject(INVALID_QUERY);
      });
    });

    describe('when a batch is applied', () => {
      it('lands with its checkpoint; position (beyond 2^64) and version round-trip', async () => {
        const before = Date.now();
        expect(await store.applyBatch('balances', [put('lines', { id: 'L1', v: 1 })], BIG, 3)).toBe(
          true,
        );
        const checkpoint = await store.checkpoint('balances');
        expect(checkpoint).toMatchObject({ projection: 'balances', position: BIG, version: 3 });
        expect(typeof checkpoint!.position).toBe('bigint');
        expect(Date.parse(checkpoint!.updatedAt)).toBeGreaterThanOrEqual(before - 1000);
        expect(await store.get('lines', 'L1')).toEqual({ id: 'L1', v: 1 });
        // The next position compares as a number, not as text ("…6" > "…10" as strings).
        expect(
          await store.applyBatch('balances', [put('lines', { id: 'L1', v: 2 })], BIG + 1n, 3),
        ).toBe(true);
        expect(
          await store.applyBatch('balances', [put('lines', { id: 'L1', v: 3 })], BIG * 10n, 4),
        ).toBe(true);
        expect(
          await store.applyBatch('balances', [put('lines', { id: 'L1', v: 9 })], BIG + 2n, 4),
        ).toBe(false);
        expect(await store.get('lines', 'L1')).toEqual({ id: 'L1', v: 3 });
        expect(await store.checkpoint('balances')).toMatchObject({
          position: BIG * 10n,
          version: 4,
        });
      });

      it('skips the same batch delivered twice, and an older batch after a newer one', async () => {
        const first: Write[] = [put('lines', { id: 'L1', v: 1 }), put('lines', { id: 'L2', v: 1 })];
        expect(await store.applyBatch('p', first, 10n, 1)).toBe(true);
        expect(await store.applyBatch('p', first, 10n, 1)).toBe(false);
        const second: Write[] = [put('lines', { id: 'L1', v: 2 }), del('lines', 'L2')];
        expect(await store.applyBatch('p', second, 20n, 1)).toBe(true);
        // Replays: the first batch again, and a batch in between that was never seen.
        expect(await store.applyBatch('p', first, 10n, 1)).toBe(false);
        expect(await store.applyBatch('p', [put('lines', { id: 'L3', v: 1 })], 15n, 1)).toBe(false);
        // Same position, other content: still skipped.
        expect(await store.applyBatch('p', [put('lines', { id: 'L1', v: 99 })], 20n, 2)).toBe(
          false,
        );
        expect([...(await store.find('lines', {}))]).toEqual([{ id: 'L1', v: 2 }]);
        expect(await store.checkpoint('p')).toMatchObject({ position: 20n, version: 1 });
      });

      it('keeps one checkpoint per projection', async () => {
        expect(await store.applyBatch('a', [put('ca', { id: '1' })], 100n, 1)).toBe(true);
        expect(await store.applyBatch('b', [put('cb', { id: '1' })], 5n, 2)).toBe(true);
        expect(await store.applyBatch('b', [], 6n, 2)).toBe(true);
        expect(await store.checkpoint('a')).toMatchObject({ position: 100n, version: 1 });
        expect(await store.checkpoint('b')).toMatchObject({ position: 6n, version: 2 });
      });

      it('moves the checkpoint for an empty batch; position 0 is a position', async () => {
        expect(await store.applyBatch('p', [], 0n, 1)).toBe(true);
        expect(await store.checkpoint('p')).toMatchObject({ position: 0n });
        expect(await store.applyBatch('p', [], 0n, 1)).toBe(false);
      });

      it('applies the last write to a document within one batch', async () => {
        const batch: Write[] = [
          put('c', { id: 'put-put', v: 1 }),
          put('c', { id: 'put-put', v: 2 }),
          put('c', { id: 'put-del', v: 1 }),
          del('c', 'put-del'),
          del('c', 'del-put'),
          put('c', { id: 'del-put', v: 3 }),
        ];
        expect(await store.applyBatch('p', batch, 1n, 1)).toBe(true);
        expect((await store.scan('c', null, 10)).map((d) => [d.id, d.v])).toEqual([
          ['del-put', 3],
          ['put-put', 2],
        ]);
      });

      describe('with an invalid write', () => {
        // What "invalid" means: anything that is not a JSON document with a non-empty string
        // id, in a valid collection, with an op of put or delete; or a bad position/version.
        const ok = put('lines', { id: 'ok', v: 1 });
        const invalid: [string, () => [readonly Write[], bigint, number]][] = [
          ['a doc without an id', () => [[ok, put('lines', { v: 1 } as never)], 2n, 1]],
          ['a numeric id', () => [[ok, put('lines', { id: 7 } as never)], 2n, 1]],
          ['an empty id', () => [[ok, put('lines', { id: '' })], 2n, 1]],
          [
            'a delete without an id',
            () => [[ok, { op: 'delete', collection: 'lines' } as never], 2n, 1],
          ],
          [
            'an unknown op',
            () => [[ok, { op: 'upsert', collection: 'lines', doc: { id: 'x' } } as never], 2n, 1],
          ],
          ['a bad collection name', () => [[ok, put('no spaces', { id: 'x' })], 2n, 1]],
          ['a reserved collection name', () => [[ok, put('_aliases', { id: 'x' })], 2n, 1]],
          ['a bigint value', () => [[ok, put('lines', { id: 'x', amount: 5n as never })], 2n, 1]],
          [
            'an undefined value',
            () => [[ok, put('lines', { id: 'x', amount: undefined as never })], 2n, 1],
          ],
          ['NaN', () => [[ok, put('lines', { id: 'x', amount: Number.NaN })], 2n, 1]],
          ['a Date', () => [[ok, put('lines', { id: 'x', at: new Date() as never })], 2n, 1]],
          ['a reserved key', () => [[ok, put('lines', { id: 'x', _position: 1 })], 2n, 1]],
          ['a $ key', () => [[ok, put('lines', { id: 'x', nested: { $set: 1 } })], 2n, 1]],
          ['a negative position', () => [[ok], -1n, 1]],
          ['a number position', () => [[ok], 2 as never, 1]],
          ['a fractional version', () => [[ok], 2n, 1.5]],
        ];

        it.each(invalid)(
          'refuses the whole batch for %s; nothing lands, the checkpoint stays',
          async (_, make) => {
            await store.applyBatch('p', [put('lines', { id: 'before', v: 0 })], 1n, 1);
            const [writes, position, version] = make();
            await expect(store.applyBatch('p', writes, position, version)).rejects.toMatchObject(
              INVALID_WRITE,
            );
            expect(await store.get('lines', 'ok')).toBeNull();
            expect(ids(await store.find('lines', {}))).toEqual(['before']);
            expect(await store.checkpoint('p')).toMatchObject({ position: 1n, version: 1 });
          },
        );
      });
    });

    describe('when scanning', () => {
      it('returns every document once, in id order, page by page', async () => {
        const all = Array.from(
          { length: 23 },
          (_, i) => `doc-${String((i * 7) % 23).padStart(2, '0')}`,
        );
        await store.applyBatch(
          'p',
          all.map((id) => put('c', { id, n: id.length })),
          1n,
          1,
        );
        await store.applyBatch('p', [del('c', 'doc-05')], 2n, 1);
        const seen: string[] = [];
        let after: string | null = null;
        for (;;) {
          const page: Doc[] = await store.scan('c', after, 5);
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(5);
          seen.push(...ids(page));
          after = page.at(-1)!.id;
        }
        const expected = all.filter((id) => id !== 'doc-05').sort();
        expect(seen).toEqual(expected);
        expect(await store.scan('c', 'doc-22', 5)).toEqual([]);
        expect(await store.scan('c', null, 0)).toEqual([]);
      });
    });

    describe('when dropping', () => {
      it('removes the collections and the checkpoint, and nothing else; a rebuild starts over', async () => {
        await store.applyBatch(
          'rebuild',
          [put('lines@2', { id: 'a' }), put('movements@2', { id: 'b' })],
          50n,
          2,
        );
        await store.applyBatch('live', [put('lines@1', { id: 'a' })], 60n, 1);
        await store.drop(['lines@2', 'movements@2', 'never-written'], 'rebuild');
        expect(await store.find('lines@2', {})).toEqual([]);
        expect(await store.get('movements@2', 'b')).toBeNull();
        expect(await store.checkpoint('rebuild')).toBeNull();
        expect(await store.get('lines@1', 'a')).toEqual({ id: 'a' });
        expect(await store.checkpoint('live')).toMatchObject({ position: 60n });
        // From the beginning again: a lower position applies.
        expect(await store.applyBatch('rebuild', [put('lines@2', { id: 'c' })], 1n, 3)).toBe(true);
        expect(ids(await store.find('lines@2', {}))).toEqual(['c']);
        await store.drop(['lines@2']);
        expect(await store.checkpoint('rebuild')).toMatchObject({ position: 1n });
      });
    });

    describe('when a batch names the checkpoint it was computed from (compare-and-set)', () => {
      it('applies only if the checkpoint is still there, so two writers never both apply', async () => {
        expect(await store.applyBatch('cas', [put('cas', { id: 'a', n: 1 })], 5n, 1, null)).toBe(
          true,
        );
        // A writer that read the documents before position 5 is refused.
        expect(await store.applyBatch('cas', [put('cas', { id: 'a', n: 99 })], 8n, 1, null)).toBe(
          false,
        );
        expect(await store.applyBatch('cas', [put('cas', { id: 'a', n: 99 })], 8n, 1, 4n)).toBe(
          false,
        );
        expect(await store.get('cas', 'a')).toEqual({ id: 'a', n: 1 });
        expect(await store.applyBatch('cas', [put('cas', { id: 'a', n: 2 })], 8n, 1, 5n)).toBe(
          true,
        );
        expect(await store.get('cas', 'a')).toEqual({ id: 'a', n: 2 });
        expect(await store.checkpoint('cas')).toMatchObject({ position: 8n });
      });
    });

    describe("when several projections' batches are applied together (applyBatchesOf)", () => {
      it('treats each as applyBatch would: its own checkpoint, compare-and-set and skips', async () => {
        expect(await store.applyBatch('b', [put('b-docs', { id: 'x', n: 1 })], 4n, 1)).toBe(true);
        const results = await applyBatchesOf(store, [
          {
            projection: 'a',
            writes: [put('a-docs', { id: 'x', n: 1 })],
            position: 5n,
            version: 2,
            expectedPrevious: null,
          },
          // Computed from a checkpoint that moved since: skipped, the others still land.
          {
            projection: 'b',
            writes: [put('b-docs', { id: 'x', n: 99 })],
            position: 6n,
            version: 1,
            expectedPrevious: 3n,
          },
          {
            projection: 'c',
            writes: [put('c-docs', { id: 'x', n: 3 }), del('c-docs', 'gone')],
            position: 6n,
            version: 1,
          },
          // Already applied: skipped.
          {
            projection: 'b',
            writes: [put('b-docs', { id: 'x', n: 98 })],
            position: 4n,
            version: 1,
          },
        ]);
        expect(results).toEqual([true, false, true, false]);
        expect(await store.get('a-docs', 'x')).toEqual({ id: 'x', n: 1 });
        expect(await store.get('b-docs', 'x')).toEqual({ id: 'x', n: 1 });
        expect(await store.get('c-docs', 'x')).toEqual({ id: 'x', n: 3 });
        expect(await store.checkpoint('a')).toMatchObject({ position: 5n, version: 2 });
        expect(await store.checkpoint('b')).toMatchObject({ position: 4n });
        expect(await store.checkpoint('c')).toMatchObject({ position: 6n });
      });

      it('lands all or none where the store commits them together', async () => {
        if (!store.applyBatches) {
          // A store without it gets them one by one (applyBatchesOf): nothing to check here.
          console.log(`SKIP ${adapter}: no joint applyBatches; batches land one by one`);
          return;
        }
        await expect(
          store.applyBatches([
            { projection: 'a', writes: [put('a-docs', { id: 'x' })], position: 1n, version: 1 },
            { projection: 'b', writes: [put('b-docs', { id: '' })], position: 1n, version: 1 },
          ]),
        ).rejects.toMatchObject(INVALID_WRITE);
        expect(await store.get('a-docs', 'x')).toBeNull();
        expect(await store.checkpoint('a')).toBeNull();
        // A fence lost fences every batch of the call.
        await store.swapLease(
          { name: 'projection:p', holder: 'h', token: 2, expiresAt: '2030-01-01T00:00:00.000Z' },
          null,
        );
        await expect(
          store.applyBatches(
            [{ projection: 'a', writes: [put('a-docs', { id: 'x' })], position: 1n, version: 1 }],
            { lease: 'projection:p', token: 1 },
          ),
        ).rejects.toMatchObject(FENCED_OFF);
        expect(await store.checkpoint('a')).toBeNull();
        expect(
          await store.applyBatches(
            [{ projection: 'a', writes: [put('a-docs', { id: 'x' })], position: 1n, version: 1 }],
            { lease: 'projection:p', token: 2 },
          ),
        ).toEqual([true]);
        expect(await store.get('a-docs', 'x')).toEqual({ id: 'x' });
      });
    });

    describe('when a lease says who writes (fencing tokens)', () => {
      const lease = (holder: string, token: number, expiresAt: string): Lease => ({
        name: 'projection:p',
        holder,
        token,
        expiresAt,
      });
      const a1 = lease('projector-a', 1, '2030-01-01T00:00:00.000Z');

      it('is taken, renewed and handed over by compare-and-set', async () => {
        expect(await store.readLease('projection:p')).toBeNull();
        expect(await store.swapLease(a1, null)).toBe(true);
        // A second first-taker loses.
        expect(await store.swapLease(lease('projector-b', 1, a1.expiresAt), null)).toBe(false);
        expect(await store.readLease('projection:p')).toEqual(a1);
        const renewed = { ...a1, expiresAt: '2030-01-01T00:00:10.000Z' };
        expect(await store.swapLease(renewed, a1)).toBe(true);
        // Swapping from what is no longer stored changes nothing.
        expect(await store.swapLease({ ...a1, expiresAt: '2031-01-01T00:00:00.000Z' }, a1)).toBe(
          false,
        );
        const b2 = lease('projector-b', 2, '2030-01-01T00:01:00.000Z');
        expect(await store.swapLease(b2, renewed)).toBe(true);
        expect(await store.readLease('projection:p')).toEqual(b2);
        expect(await store.swapLease({ ...b2, name: 'other' }, b2)).toBe(false);
        expect(await store.readLease('other')).toBeNull();
        for (const bad of [
          { ...b2, token: 0 },
          { ...b2, token: 1.5 },
          { ...b2, holder: '' },
          { ...b2, expiresAt: '2030-01-01' },
        ]) {
          await expect(store.swapLease(bad, b2)).rejects.toMatchObject(INVALID_QUERY);
        }
        expect(await store.readLease('projection:p')).toEqual(b2);
      });

      it('lands a batch fenced by the current token and refuses an older one whole', async () => {
        const fence = (token: number) => ({ lease: 'projection:p', token });
        expect(await store.swapLease(a1, null)).toBe(true);
        expect(
          await store.applyBatch('p', [put('docs', { id: 'a', by: 'a' })], 1n, 1, null, fence(1)),
        ).toBe(true);
        // B takes over; A, resumed from a pause, tries its next batch with its old token.
        const b2 = lease('projector-b', 2, '2030-01-01T00:01:00.000Z');
        expect(await store.swapLease(b2, a1)).toBe(true);
        await expect(
          store.applyBatch('p', [put('docs', { id: 'a', by: 'a-late' })], 2n, 1, 1n, fence(1)),
        ).rejects.toMatchObject(FENCED_OFF);
        // Also a replay of what already landed: the fence is checked first.
        await expect(
          store.applyBatch('p', [put('docs', { id: 'a', by: 'a' })], 1n, 1, undefined, fence(1)),
        ).rejects.toMatchObject(FENCED_OFF);
        expect(await store.get('docs', 'a')).toEqual({ id: 'a', by: 'a' });
        expect(await store.checkpoint('p')).toMatchObject({ position: 1n });
        expect(
          await store.applyBatch('p', [put('docs', { id: 'a', by: 'b' })], 2n, 1, 1n, fence(2)),
        ).toBe(true);
        expect(await store.get('docs', 'a')).toEqual({ id: 'a', by: 'b' });
        // The usual skips still apply to the holder: a duplicate is skipped, not refused.
        expect(await store.applyBatch('p', [], 2n, 1, undefined, fence(2))).toBe(false);
        // A newer token than the lease's is refused too (no such holder ever was).
        await expect(store.applyBatch('p', [], 3n, 1, 2n, fence(3))).rejects.toMatchObject(
          FENCED_OFF,
        );
        // A lease nobody took fences everything; a malformed fence is an invalid write.
        await expect(
          store.applyBatch('q', [], 1n, 1, undefined, { lease: 'nobody', token: 1 }),
        ).rejects.toMatchObject(FENCED_OFF);
        await expect(store.applyBatch('q', [], 1n, 1, undefined, fence(0))).rejects.toMatchObject(
          INVALID_WRITE,
        );
        // Writers that carry no fence (the CLI catching up) are not bound by the lease.
        expect(await store.applyBatch('q', [put('other', { id: 'x' })], 1n, 1)).toBe(true);
        expect(await store.checkpoint('q')).toMatchObject({ position: 1n });
      });
    });

    describe('when aliases switch generations', () => {
      it('resolves each alias to its latest target', async () => {
        expect(await store.resolveAlias('lines')).toBeNull();
        await store.setAlias('lines', 'lines@1');
        await store.setAlias('movements', 'movements@1');
        expect(await store.resolveAlias('lines')).toBe('lines@1');
        await store.setAlias('lines', 'lines@2');
        expect(await store.resolveAlias('lines')).toBe('lines@2');
        expect(await store.resolveAlias('movements')).toBe('movements@1');
        await expect(store.setAlias('lines', 'bad\u0000name')).rejects.toMatchObject(INVALID_QUERY);
      });
    });

    describe('when indexes are ensured', () => {
      it('is idempotent, works before the first write, and answers the same', async () => {
        await store.ensureIndexes('movements', [['lineId', 'effectiveDate'], ['kind'], ['id']]);
        await store.ensureIndexes('movements', [['lineId', 'effectiveDate'], ['kind'], ['id']]);
        expect(await store.find('movements', { lineId: 'L1' })).toEqual([]);
        await store.applyBatch(
          'p',
          MOVEMENTS.map((d) => put('movements', d)),
          1n,
          1,
        );
        await store.ensureIndexes('movements', [['lineId', 'effectiveDate'], ['seq']]);
        expect(
          ids(
            await store.find(
              'movements',
              { lineId: 'L2', effectiveDate: { $gte: '2024-02-01' } },
              { sort: [['effectiveDate', -1]] },
            ),
          ),
        ).toEqual(['m06', 'm05']);
        expect(ids(await store.find('movements', { seq: { $in: [1, '2'] } }))).toEqual([
          'm01',
          'm07',
        ]);
        await expect(store.ensureIndexes('movements', [[]])).rejects.toMatchObject(INVALID_QUERY);
        await expect(store.ensureIndexes('movements', [['a', 'a']])).rejects.toMatchObject(
          INVALID_QUERY,
        );
      });
    });
  });
}
