import { Global, Inject, Module } from '@nestjs/common';
import { ConfigModule, registerAs } from '@nestjs/config';
import { loadConfig, type BudgetConfig } from './budget-config';

/**
 * The typed configuration as @nestjs/config's namespaced `budget` configuration, parsed
 * (and refused when wrong) by the schema of config.schema.ts when the application is
 * compiled. Inject it with `@InjectConfig() config: BudgetConfig`.
 */
export const budgetConfig = registerAs('budget', (): BudgetConfig => loadConfig());

export const BUDGET_CONFIG = budgetConfig.KEY;

export const InjectConfig = (): PropertyDecorator & ParameterDecorator => Inject(BUDGET_CONFIG);

/** Imported by every module that needs the configuration; global, so one instance serves all. */
@Global()
@Module({
  // No .env file: the deployment's environment is the only source (compose, systemd, CI).
  imports: [ConfigModule.forRoot({ ignoreEnvFile: true, load: [budgetConfig], isGlobal: true })],
  exports: [ConfigModule],
})
export class BudgetConfigModule {}
