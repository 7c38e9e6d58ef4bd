import { Decimal128 } from 'mongodb';
import { MongoDocumentStore } from '@app/read-models/mongodb';
import { MongoCollectionsDouble } from '@app/testing';

const at = (position: number) => Decimal128.fromString(String(position));

/**
 * The unfenced path (the CLI catching up beside the projector, or two CLIs) writes each
 * document with an upsert guarded by `$or: [no _position, _position < this batch]`. When
 * two writers insert the same new document, the one that matched nothing and then found
 * the _id taken gets E11000 — the server retries that itself only for equality filters.
 * A newer write must not be dropped on it while the checkpoint moves on.
 */
describe('MongoDocumentStore, unfenced batches racing on a new document', () => {
  let double: MongoCollectionsDouble;
  let store: MongoDocumentStore;
  beforeEach(() => {
    double = new MongoCollectionsDouble().install();
    // Never connected: the double answers at the driver's Collection methods.
    store = new MongoDocumentStore({ url: 'mongodb://double.test:27017/ledger' });
  });
  afterEach(async () => {
    double.uninstall();
    await store.close();
  });

  describe('when an older batch inserts the document between this batch’s match and insert', () => {
    it('this newer write replaces it, and the checkpoint moves', async () => {
      double.beforeInsert = (collection, id) => {
        if (collection === 'lines@1' && id === 'a' && !double.collection('lines@1').has('a')) {
          double.put('lines@1', { _id: 'a', v: 7, _position: at(7) });
        }
      };
      const applied = await store.applyBatch(
        'balances',
        [
          { op: 'put', collection: 'lines@1', doc: { id: 'a', v: 9 } },
          { op: 'put', collection: 'lines@1', doc: { id: 'b', v: 9 } },
        ],
        9n,
        1,
      );
      expect(applied).toBe(true);
      expect(double.collection('lines@1').get('a')).toEqual({ _id: 'a', v: 9, _position: at(9) });
      expect(double.collection('lines@1').get('b')).toEqual({ _id: 'b', v: 9, _position: at(9) });
      expect(double.collection('_projection_checkpoints').get('balances')).toMatchObject({
        position: at(9),
      });
    });

    it('a delete of it leaves this batch’s tombstone', async () => {
      double.beforeInsert = (collection, id) => {
        if (collection === 'lines@1' && !double.collection('lines@1').has(id)) {
          double.put('lines@1', { _id: id, v: 7, _position: at(7) });
        }
      };
      await store.applyBatch('balances', [{ op: 'delete', collection: 'lines@1', id: 'a' }], 9n, 1);
      expect(double.collection('lines@1').get('a')).toEqual({
        _id: 'a',
        _deleted: true,
        _position: at(9),
      });
    });
  });

  describe('when a newer batch inserted the document first', () => {
    it('keeps the newer document (this write is older: nothing to do)', async () => {
      double.beforeInsert = (collection, id) => {
        if (collection === 'lines@1' && id === 'a' && !double.collection('lines@1').has('a')) {
          double.put('lines@1', { _id: 'a', v: 12, _position: at(12) });
        }
      };
      await store.applyBatch(
        'balances',
        [{ op: 'put', collection: 'lines@1', doc: { id: 'a', v: 9 } }],
        9n,
        1,
      );
      expect(double.collection('lines@1').get('a')).toEqual({ _id: 'a', v: 12, _position: at(12) });
    });
  });

  describe('when another writer creates the checkpoint first, at an older position', () => {
    it('moves it to this batch’s position and says the batch was applied', async () => {
      double.beforeInsert = (collection, id) => {
        if (collection === '_projection_checkpoints' && !double.collection(collection).has(id)) {
          double.put(collection, { _id: id, position: at(7), version: 1, updatedAt: 'x' });
        }
      };
      const applied = await store.applyBatch(
        'balances',
        [{ op: 'put', collection: 'lines@1', doc: { id: 'a', v: 9 } }],
        9n,
        1,
      );
      expect(applied).toBe(true);
      expect(double.collection('_projection_checkpoints').get('balances')).toMatchObject({
        position: at(9),
      });
    });
  });
});
