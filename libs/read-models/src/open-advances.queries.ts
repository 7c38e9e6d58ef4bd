import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ReadModels } from './queries/read-models';
import { queryOpenAdvances, type OpenAdvancesAnswer } from './queries/open-advances.query';
import { ReadConsistency } from './read-models.queries';

/** The advances of a fiscal year still open on a date (default: its 31/12). */
export class GetOpenAdvancesQuery extends Query<OpenAdvancesAnswer> {
  constructor(
    readonly params: {
      readonly fiscalYear: number;
      readonly asOf?: string;
      readonly unit?: string;
      readonly minPosition?: bigint;
    },
  ) {
    super();
  }
}

@QueryHandler(GetOpenAdvancesQuery)
export class GetOpenAdvancesHandler implements IQueryHandler<GetOpenAdvancesQuery> {
  constructor(
    private readonly models: ReadModels,
    private readonly consistency: ReadConsistency,
  ) {}
  async execute({ params }: GetOpenAdvancesQuery): Promise<OpenAdvancesAnswer> {
    await this.consistency.ensure(params.minPosition);
    return queryOpenAdvances(this.models, params);
  }
}
