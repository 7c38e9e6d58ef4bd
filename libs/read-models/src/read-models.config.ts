import { join } from 'node:path';
import type { DocumentStore } from './document-store.port';
import { MongoDocumentStore } from './mongodb/mongo-document-store';
import { SqliteDocumentStore } from './sqlite/sqlite-document-store';

/** READ_STORE=sqlite (default, `<BUDGET_DATA_DIR>/read-models.sqlite`) or mongodb (MONGODB_URL). */
export async function createDocumentStore(
  env: NodeJS.ProcessEnv = process.env,
): Promise<DocumentStore> {
  const kind = env.READ_STORE ?? 'sqlite';
  if (kind === 'sqlite')
    return new SqliteDocumentStore({
      file: join(env.BUDGET_DATA_DIR ?? './data', 'read-models.sqlite'),
    });
  if (kind === 'mongodb') {
    const url = env.MONGODB_URL;
    if (!url)
      throw new Error(
        'READ_STORE=mongodb needs MONGODB_URL (e.g. mongodb://localhost:27017/?replicaSet=rs0)',
      );
    return MongoDocumentStore.connect({ url });
  }
  throw new Error(`READ_STORE must be sqlite or mongodb, got "${kind}"`);
}
