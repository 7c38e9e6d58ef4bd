/**
 * A child process for the SQLite int-spec's cross-process test: applies `batches` batches
 * for its own projection, each writing a shared collection and its own, then exits 0.
 * Run with `node -r @swc-node/register <file> <projection> <batches>`.
 */
import { SqliteDocumentStore } from '@app/read-models';

async function main(): Promise<void> {
  const [file, projection, batches] = process.argv.slice(2);
  if (!file || !projection || !batches) throw new Error('usage: <file> <projection> <batches>');
  const store = new SqliteDocumentStore({ file });
  try {
    for (let i = 1; i <= Number(batches); i++) {
      const applied = await store.applyBatch(
        projection,
        [
          { op: 'put', collection: 'shared', doc: { id: `${projection}-${i}`, i } },
          { op: 'put', collection: `own-${projection}`, doc: { id: 'tip', i } },
        ],
        BigInt(i),
        1,
      );
      if (!applied) throw new Error(`batch ${i} of ${projection} was skipped`);
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
