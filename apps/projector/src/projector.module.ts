import { Module, type DynamicModule } from '@nestjs/common';
import { BudgetingApplicationModule } from '@app/application';
import { BUDGET_CONFIG, BudgetConfigModule, LoggingModule, type BudgetConfig } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import { DOCUMENT_STORE, createDocumentStore, type DocumentStore } from '@app/read-models';
import { ProjectorService } from './projector.service';
import { PROJECTOR_SETTINGS } from './projector.tokens';
import type { ProjectorSettings } from './projector-settings';

/**
 * The worker that runs the projections and the process managers apart from the API. It
 * takes the application module (the process managers' commands) but not the read models'
 * module: nothing here serves queries, and nothing projects unless under a lease.
 */
@Module({})
export class ProjectorModule {
  static forRoot(
    settings: ProjectorSettings,
    wrapDocuments: (docs: DocumentStore) => DocumentStore = (docs) => docs,
  ): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [BudgetConfigModule, LoggingModule, EventStoreModule, BudgetingApplicationModule],
      providers: [
        { provide: PROJECTOR_SETTINGS, useValue: settings },
        {
          provide: DOCUMENT_STORE,
          inject: [BUDGET_CONFIG],
          useFactory: async (config: BudgetConfig) =>
            wrapDocuments(await createDocumentStore(config.readStore)),
        },
        ProjectorService,
      ],
      exports: [ProjectorService],
    };
  }
}
