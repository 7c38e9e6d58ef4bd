import { encodeBatch, packBatch, unpackBatch } from './sqlite-batch';

describe('packBatch', () => {
  it('carries every document as its exact UTF-8 JSON text, deletes as null, across batches of any size', () => {
    const text = (doc: string | Uint8Array | null): string | null =>
      doc === null ? null : Buffer.from(doc).toString('utf8');
    // Vietnamese text (2- and 3-byte characters), an emoji (a surrogate pair), and a batch
    // larger than the scratch buffer the packer starts with, then a small one after it.
    const sizes = [3, 5_000, 2];
    sizes.forEach((count, n) => {
      const writes = Array.from({ length: count }, (_, i) =>
        i % 7 === 6
          ? { op: 'delete' as const, collection: 'lines', id: `l${i - 1}` }
          : {
              op: 'put' as const,
              collection: i % 2 ? 'lines' : 'history',
              doc: { id: `l${i}`, name: `Huyện Ba Tơ ${'đồng '.repeat(i % 50)}😀`, n },
            },
      );
      const encoded = encodeBatch('p', writes, BigInt(n + 1), 3);
      const unpacked = unpackBatch(packBatch(encoded));
      expect(unpacked.position).toBe(encoded.position);
      expect(unpacked.tables.map((t) => t.table)).toEqual(encoded.tables.map((t) => t.table));
      unpacked.tables.forEach((table, t) => {
        expect(table.ids).toEqual(encoded.tables[t]!.ids);
        expect(table.docs.map(text)).toEqual(encoded.tables[t]!.docs);
      });
      expect(unpacked.tables.flatMap((t) => t.docs).filter((d) => d === null).length).toBe(
        writes.filter((w) => w.op === 'delete').length,
      );
    });
  });
});
