export {
  ConfigError,
  declareProgram,
  loadConfig,
  loadConfigOrExit,
  parseConfig,
  withDataDir,
  type BudgetConfig,
  type ConfigProblem,
  type EventStoreSettings,
  type ReadStoreSettings,
} from './budget-config';
export { VARIABLES, type VariableName } from './config.schema';
export type { Bilingual, Program } from './variables';
export { BUDGET_CONFIG, BudgetConfigModule, InjectConfig, budgetConfig } from './config.module';
export {
  CONFIG_TABLE_END,
  CONFIG_TABLE_START,
  renderConfigTable,
  withConfigTable,
} from './config-docs';
export { LoggingModule, logFormat, loggingParams, quietRoutine } from './logging.module';
export { deferRequestBindings } from './deferred-request-logger';
export { REQUEST_ID_HEADER, assignRequestId, currentRequestId } from './request-id';
