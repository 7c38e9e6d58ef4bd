import { join } from 'node:path';
import type { ReadStoreSettings } from '@app/config';
import type { DocumentStore } from './document-store.port';
import { SqliteDocumentStore } from './sqlite/sqlite-document-store';

/** READ_STORE=sqlite (default, `<BUDGET_DATA_DIR>/read-models.sqlite`) or mongodb (MONGODB_URL). */
export async function createDocumentStore(settings: ReadStoreSettings): Promise<DocumentStore> {
  switch (settings.kind) {
    case 'sqlite':
      return new SqliteDocumentStore({
        file: join(settings.dataDir, 'read-models.sqlite'),
        ...(settings.writerThread === false ? { bulkWriterThread: false } : {}),
      });
    case 'mongodb': {
      // Loaded only here: a process on SQLite never loads the MongoDB driver.
      const { MongoDocumentStore } = await import('@app/read-models/mongodb');
      return MongoDocumentStore.connect({ url: settings.url });
    }
  }
}
