// The MongoDB read store, apart from the package's main entry (`@app/read-models`): a
// process on SQLite never loads the MongoDB driver (~17 MB, and its startup).
// createDocumentStore loads this only for READ_STORE=mongodb.
export { MongoDocumentStore, type MongoDocumentStoreOptions } from './mongo-document-store';
// One MongoDB connection helper for every adapter (read store, API state).
export {
  databaseOf,
  isDuplicateKey,
  majorityClient,
  maskUrl,
  maskedMessage,
} from './mongo-connection';
