export { DATA_FILES, type DataSet, type DataFileName } from './data-set';
export { DataSetInvalidError, problemLocation, type ImportProblem } from './import-problem';
export { loadDataSet, type LoadedDataSet } from './load-data-set';
export { DATA_FILE_SCHEMAS } from './schema-check';
export { IMPORT_ACTOR } from './import-steps';
export {
  accountsOf,
  registerAccounts,
  type AccountRegistry,
  type ImportedAccount,
} from './accounts';
export {
  countsOf,
  DataSetImporter,
  DataSetImportModule,
  type ImportCounts,
  type ImportOptions,
  type ImportResult,
} from './data-set.importer';
export type { DryRun, PlannedEvent } from './dry-run';
