import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Doc } from './document-store.port';
import { ReadModels } from './queries/read-models';
import {
  queryPendingDecisions,
  type PendingDecisionsFilter,
} from './queries/pending-decisions.query';
import { ReadConsistency } from './read-models.queries';

/** What waits for a decision in a fiscal year (the inbox's index), as of the log's head. */
export class GetPendingDecisionsQuery extends Query<Doc[]> {
  constructor(readonly params: PendingDecisionsFilter & { readonly minPosition?: bigint }) {
    super();
  }
}

@QueryHandler(GetPendingDecisionsQuery)
export class GetPendingDecisionsHandler implements IQueryHandler<GetPendingDecisionsQuery> {
  constructor(
    private readonly models: ReadModels,
    private readonly consistency: ReadConsistency,
  ) {}
  async execute({ params }: GetPendingDecisionsQuery): Promise<Doc[]> {
    await this.consistency.ensure(params.minPosition);
    return queryPendingDecisions(this.models, params);
  }
}
