import { GetOpenAdvancesHandler } from './open-advances.queries';
import { GetPendingDecisionsHandler } from './pending-decisions.queries';
import {
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BUDGET_CONFIG, BudgetConfigModule, type BudgetConfig } from '@app/config';
import { EVENT_STORE, EventStoreModule, type EventStore } from '@app/event-store';
import { DOCUMENT_STORE } from './document-store.token';
import type { DocumentStore } from './document-store.port';
import { ALL_PROJECTIONS } from './projections';
import { ReadModels } from './queries/read-models';
import { createDocumentStore } from './read-models.config';
import {
  GetApprovalsHandler,
  GetBalancesHandler,
  GetDisbursementReportHandler,
  GetHistoryHandler,
  GetPlanHandler,
  ReadConsistency,
} from './read-models.queries';
import { checkpointName, servingGeneration } from './runner/generations';
import { ProjectionRunner } from './runner/projection-runner';
import { rebuildProjection } from './runner/rebuild';

/** Starts the projections with the application, and rebuilds those built by older code. */
@Injectable()
class ProjectionsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(DOCUMENT_STORE) private readonly docs: DocumentStore,
    @Inject(BUDGET_CONFIG) private readonly config: BudgetConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.projections) return;
    await this.runner.start();
    for (const projection of ALL_PROJECTIONS) {
      const serving = await servingGeneration(this.docs, projection);
      const checkpoint = await this.docs.checkpoint(checkpointName(serving));
      if (checkpoint !== null && checkpoint.version !== projection.version) {
        this.logger.warn(
          `${projection.name}: built by version ${checkpoint.version}, code is ${projection.version}: rebuilding`,
        );
        rebuildProjection(this.events, this.docs, projection).then(
          (report) =>
            this.logger.log(
              `${projection.name}: rebuilt, ${report.eventsReplayed} events, generation ${report.toGeneration}`,
            ),
          (error: unknown) =>
            this.logger.error(`${projection.name}: rebuild failed: ${String(error)}`),
        );
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.docs.close();
  }
}

@Module({
  imports: [BudgetConfigModule, CqrsModule, EventStoreModule],
  providers: [
    {
      provide: DOCUMENT_STORE,
      inject: [BUDGET_CONFIG],
      useFactory: (config: BudgetConfig) => createDocumentStore(config.readStore),
    },
    {
      provide: ProjectionRunner,
      inject: [EVENT_STORE, DOCUMENT_STORE],
      useFactory: (events: EventStore, docs: DocumentStore) =>
        new ProjectionRunner(events, docs, ALL_PROJECTIONS, {
          onError: (projection, error) =>
            new Logger('Projections').error(`${projection}: ${String(error)}; retrying`),
        }),
    },
    {
      provide: ReadModels,
      inject: [DOCUMENT_STORE],
      useFactory: (docs: DocumentStore) => new ReadModels(docs),
    },
    ReadConsistency,
    ProjectionsLifecycle,
    GetBalancesHandler,
    GetHistoryHandler,
    GetApprovalsHandler,
    GetDisbursementReportHandler,
    GetPlanHandler,
    GetOpenAdvancesHandler,
    GetPendingDecisionsHandler,
  ],
  exports: [DOCUMENT_STORE, ProjectionRunner, ReadModels, ReadConsistency],
})
export class ReadModelsModule {}
