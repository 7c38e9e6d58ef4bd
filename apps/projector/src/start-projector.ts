import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { declareProgram, loadConfig, quietRoutine } from '@app/config';
import type { DocumentStore } from '@app/read-models';
import { ProjectorModule } from './projector.module';
import { projectorSettings } from './projector-settings';

export interface StartProjectorOptions {
  /** Wraps the read store (fault-injection tests pause the process inside a batch). */
  readonly wrapDocuments?: (docs: DocumentStore) => DocumentStore;
}

/**
 * Boots the projector and returns once its first round of leases is taken (or not).
 * BUDGET_PROJECTIONS / BUDGET_FOLLOW_UPS keep their meaning (off: not in this process);
 * the follow-up runner does not start by itself in a projector (declareProgram): here it
 * runs only while its lease is held.
 */
export async function startProjector(
  options: StartProjectorOptions = {},
): Promise<INestApplicationContext> {
  declareProgram('projector');
  const settings = projectorSettings(loadConfig());
  const app = await NestFactory.createApplicationContext(
    ProjectorModule.forRoot(settings, options.wrapDocuments),
    { bufferLogs: true },
  );
  app.useLogger(quietRoutine(app.get(Logger)));
  app.enableShutdownHooks();
  return app;
}
