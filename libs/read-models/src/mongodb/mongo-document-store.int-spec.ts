import { randomBytes } from 'node:crypto';
import { announceSkip } from '@app/testing';
import { Decimal128, MongoClient } from 'mongodb';
import { MongoDocumentStore, maskUrl } from '@app/read-models/mongodb';
import { describeDocumentStoreContract } from '@app/testing';
import { integerOf } from './mongo-document-store';

const url = process.env.MONGODB_URL;

if (url) {
  // A fresh database for every store the suite opens, dropped when it is disposed.
  const run = `rm_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  let opened = 0;
  describeDocumentStoreContract('MongoDB', async () => {
    const database = `${run}_${++opened}`;
    const store = await MongoDocumentStore.connect({ url, database });
    return {
      store,
      dispose: async () => {
        await store.close();
        const admin = new MongoClient(url);
        try {
          await admin.db(database).dropDatabase();
        } finally {
          await admin.close();
        }
      },
    };
  });

  /** Takes a new lease for ten minutes and returns the fence its holder's batches carry. */
  async function takeLease(store: MongoDocumentStore, name: string) {
    const lease = {
      name,
      holder: `${name}-holder`,
      token: 1,
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
    };
    expect(await store.swapLease(lease, null)).toBe(true);
    return { lease: name, token: 1 };
  }

  describe('MongoDocumentStore on a server', () => {
    const database = `${run}_layout`;
    let store: MongoDocumentStore;
    let client: MongoClient;
    beforeAll(async () => {
      store = await MongoDocumentStore.connect({ url, database });
      client = new MongoClient(url);
    });
    afterAll(async () => {
      await client.db(database).dropDatabase();
      await client.close();
      await store.close();
    });

    it('stores _id = id, the position as Decimal128, and deletes as tombstones', async () => {
      await store.applyBatch(
        'p',
        [{ op: 'put', collection: 'lines@1', doc: { id: 'a', v: 1 } }],
        7n,
        1,
      );
      await store.applyBatch('p', [{ op: 'delete', collection: 'lines@1', id: 'a' }], 8n, 1);
      const raw = await client
        .db(database)
        .collection('lines@1')
        .findOne({ _id: 'a' as never });
      expect(raw).toEqual({ _id: 'a', _deleted: true, _position: Decimal128.fromString('8') });
      const checkpoint = await client
        .db(database)
        .collection('_projection_checkpoints')
        .findOne({ _id: 'p' as never });
      expect(checkpoint?.position).toEqual(Decimal128.fromString('8'));
      // A replayed put older than the tombstone cannot resurrect the document, even
      // when the checkpoint is gone (as after a crash between documents and checkpoint).
      await client.db(database).collection('_projection_checkpoints').deleteMany({});
      expect(
        await store.applyBatch(
          'p',
          [{ op: 'put', collection: 'lines@1', doc: { id: 'a', v: 1 } }],
          7n,
          1,
        ),
      ).toBe(true);
      expect(await store.get('lines@1', 'a')).toBeNull();
    });

    it('of two unfenced writers inserting one new document at once, the newer position wins', async () => {
      // A CLI catching up beside the projector: separate clients, same projection. Before
      // the E11000 retry, the newer insert could lose to the older one and be dropped.
      const other = await MongoDocumentStore.connect({ url, database });
      try {
        for (let round = 0; round < 100; round++) {
          const base = BigInt(round * 10 + 10);
          const id = `race-${round}`;
          const write = (v: number) => [{ op: 'put' as const, collection: 'race', doc: { id, v } }];
          const older = (round % 2 === 0 ? store : other).applyBatch(
            'race',
            write(1),
            base + 1n,
            1,
          );
          const newer = (round % 2 === 0 ? other : store).applyBatch(
            'race',
            write(2),
            base + 2n,
            1,
          );
          await Promise.all([older, newer]);
          expect({ round, doc: await store.get('race', id) }).toEqual({ round, doc: { id, v: 2 } });
          expect(await store.checkpoint('race')).toMatchObject({ position: base + 2n });
        }
      } finally {
        await other.close();
      }
    });

    it('of a fenced projector and an unfenced CLI inserting one new document at once, the newer position wins', async () => {
      const cli = await MongoDocumentStore.connect({ url, database });
      const fence = await takeLease(store, 'projection:fenced-race');
      try {
        for (let round = 0; round < 60; round++) {
          const base = BigInt(round * 10 + 10);
          const id = `fenced-race-${round}`;
          const write = (v: number) => [
            { op: 'put' as const, collection: 'fenced', doc: { id, v } },
          ];
          // Odd rounds the projector holds the newer position, even rounds the CLI.
          const projectorNewer = round % 2 === 1;
          const fenced = store.applyBatch(
            'fenced',
            write(projectorNewer ? 2 : 1),
            base + (projectorNewer ? 2n : 1n),
            1,
            undefined,
            fence,
          );
          const unfenced = cli.applyBatch(
            'fenced',
            write(projectorNewer ? 1 : 2),
            base + (projectorNewer ? 1n : 2n),
            1,
          );
          await Promise.all([fenced, unfenced]);
          expect({ round, doc: await store.get('fenced', id) }).toEqual({
            round,
            doc: { id, v: 2 },
          });
        }
      } finally {
        await cli.close();
      }
    });

    it('lands every fenced batch exactly once across a primary step-down', async () => {
      const fence = await takeLease(store, 'projection:stepdown');
      const batches = 40;
      let stepDowns = 0;
      let failures = 0;
      for (let n = 1; n <= batches; n++) {
        if (n === 15) {
          // One member: with force it steps down and, after the 5 s, is elected again.
          await client
            .db('admin')
            .command({ replSetStepDown: 5, force: true })
            .then(() => stepDowns++)
            .catch(() => stepDowns++);
        }
        const writes = [{ op: 'put' as const, collection: 'stepdown', doc: { id: `d${n}`, n } }];
        const deadline = Date.now() + 60_000;
        for (;;) {
          try {
            await store.applyBatch('stepdown', writes, BigInt(n), 1, undefined, fence);
            break;
          } catch (error) {
            failures++;
            if (Date.now() > deadline) throw error;
            await new Promise((resolve) => setTimeout(resolve, 500));
          }
        }
      }
      console.log(`step-down: ${stepDowns} step-down(s), ${failures} failed tries, all retried`);
      const docs = await store.scan('stepdown', null, 1000);
      expect(docs).toHaveLength(batches);
      expect(docs.map((d) => d.n).sort((a, b) => Number(a) - Number(b))).toEqual(
        Array.from({ length: batches }, (_, i) => i + 1),
      );
      expect(await store.checkpoint('stepdown')).toMatchObject({ position: BigInt(batches) });
      // Any batch again changes nothing.
      expect(
        await store.applyBatch(
          'stepdown',
          [{ op: 'put', collection: 'stepdown', doc: { id: 'd1', n: 0 } }],
          1n,
          1,
          undefined,
          fence,
        ),
      ).toBe(false);
    }, 180_000);

    it('completes a batch cut short: a redelivery applies what is missing and keeps what landed', async () => {
      // The first half landed at position 20, then the process died before the checkpoint.
      await client
        .db(database)
        .collection('half')
        .insertOne({ _id: 'x' as never, v: 2, _position: Decimal128.fromString('20') });
      const batch = [
        { op: 'put' as const, collection: 'half', doc: { id: 'x', v: 2 } },
        { op: 'put' as const, collection: 'half', doc: { id: 'y', v: 2 } },
      ];
      expect(await store.applyBatch('half', batch, 20n, 1)).toBe(true);
      expect(await store.scan('half', null, 10)).toEqual([
        { id: 'x', v: 2 },
        { id: 'y', v: 2 },
      ]);
      expect(await store.checkpoint('half')).toMatchObject({ position: 20n });
    });
  });
} else {
  // A visible notice, not a silent pass: the embedded adapter carries the contract here.
  announceSkip(
    'SKIP MongoDB document-store contract suite: MONGODB_URL is not set (npm run test:servers runs it against docker/compose.yml)',
  );
  describe.skip('DocumentStore contract: MongoDB (set MONGODB_URL to run)', () => {
    it('runs the shared contract against a live server', () => undefined);
  });
}

describe('MongoDocumentStore without a server', () => {
  it('fails with an error naming the URL, its password masked', async () => {
    // Port 1 on loopback: nothing listens there, so server selection fails fast.
    const target = 'mongodb://auditor:s3cr3t@127.0.0.1:1/ledger?serverSelectionTimeoutMS=300';
    const failure = MongoDocumentStore.connect({ url: target });
    await expect(failure).rejects.toMatchObject({
      code: 'READ_MODELS.UNAVAILABLE',
      target: 'mongodb://auditor:***@127.0.0.1:1/ledger?serverSelectionTimeoutMS=300',
    });
    await expect(failure).rejects.toThrow(/127\.0\.0\.1:1/);
    const message = await failure.catch((error: Error) => error.message);
    expect(message).not.toContain('s3cr3t');

    const lazy = new MongoDocumentStore({ url: target });
    try {
      expect(lazy.databaseName).toBe('ledger');
      await expect(lazy.get('lines', 'a')).rejects.toMatchObject({
        code: 'READ_MODELS.UNAVAILABLE',
      });
      await expect(
        lazy.applyBatch('p', [{ op: 'put', collection: 'lines', doc: { id: 'a' } }], 1n, 1),
      ).rejects.toMatchObject({ code: 'READ_MODELS.UNAVAILABLE' });
    } finally {
      await lazy.close();
    }
  });

  it('checks the batch before it needs the server', async () => {
    const lazy = new MongoDocumentStore({
      url: 'mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300',
    });
    try {
      expect(lazy.databaseName).toBe('budget_read_models');
      await expect(
        lazy.applyBatch('p', [{ op: 'put', collection: 'lines', doc: { v: 1 } as never }], 1n, 1),
      ).rejects.toMatchObject({ code: 'READ_MODELS.INVALID_WRITE' });
      // Decimal128 keeps 34 digits: a larger position is refused, not rounded.
      await expect(lazy.applyBatch('p', [], 10n ** 34n, 1)).rejects.toMatchObject({
        code: 'READ_MODELS.INVALID_WRITE',
      });
    } finally {
      await lazy.close();
    }
  });

  it('masks passwords in URLs and reads integers back from Decimal128', () => {
    expect(maskUrl('mongodb+srv://u:p%40ss@cluster.example/db')).toBe(
      'mongodb+srv://u:***@cluster.example/db',
    );
    expect(maskUrl('mongodb://localhost:27017/?replicaSet=rs0')).toBe(
      'mongodb://localhost:27017/?replicaSet=rs0',
    );
    expect(integerOf(Decimal128.fromString('1000000000000000000'))).toBe(10n ** 18n);
    expect(integerOf(Decimal128.fromString('-7'))).toBe(-7n);
    expect(integerOf(Decimal128.fromString('1.2E+3'))).toBe(1200n);
    expect(integerOf(Decimal128.fromString('5.000'))).toBe(5n);
    expect(integerOf(Decimal128.fromString('1180591620717411303429'))).toBe((1n << 70n) + 5n);
    expect(integerOf(0)).toBe(0n);
    expect(() => integerOf(Decimal128.fromString('2.5'))).toThrow(/not an integer/);
  });
});
