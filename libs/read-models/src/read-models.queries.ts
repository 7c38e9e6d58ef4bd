import { Inject, Injectable } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@app/budgeting';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import type { Doc } from './document-store.port';
import { queryApprovals, type ApprovalsFilter } from './queries/approvals.query';
import { queryBalances, type BalancesAnswer } from './queries/balances.query';
import { queryDisbursement, type DisbursementReport } from './queries/disbursement.query';
import { queryHistory, type HistoryAnswer } from './queries/history.query';
import { queryPlan } from './queries/plan.query';
import { ReadModels } from './queries/read-models';
import type { TimeWindow } from './queries/time-window';
import { ProjectionRunner } from './runner/projection-runner';

/** Every query may name the log position it must reflect (read your writes). */
interface Consistency {
  readonly minPosition?: bigint;
}

export class GetBalancesQuery extends Query<BalancesAnswer> {
  constructor(
    readonly params: TimeWindow &
      Consistency & { readonly fiscalYear?: number; readonly unit?: string },
  ) {
    super();
  }
}
export class GetHistoryQuery extends Query<HistoryAnswer> {
  constructor(
    readonly budgetLineId: string,
    readonly params: TimeWindow & Consistency,
  ) {
    super();
  }
}
export class GetApprovalsQuery extends Query<Doc[]> {
  constructor(readonly params: ApprovalsFilter & Consistency) {
    super();
  }
}
export class GetDisbursementReportQuery extends Query<DisbursementReport> {
  constructor(
    readonly params: TimeWindow &
      Consistency & { readonly fiscalYear: number; readonly unit?: string },
  ) {
    super();
  }
}
export class GetPlanQuery extends Query<Doc | null> {
  constructor(
    readonly fiscalYear: number,
    readonly leadUnit: string,
    readonly params: Consistency = {},
  ) {
    super();
  }
}

const CONSISTENCY_TIMEOUT_MS = 5000;

/**
 * Waits until the read models reflect the given position — by default the log's head
 * when the query arrived, so an answer never misses a command that had already answered.
 */
@Injectable()
export class ReadConsistency {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  async ensure(minPosition?: bigint): Promise<void> {
    const head = await this.events.headPosition();
    // A position the log has not reached was never answered by a command: refuse at once
    // rather than hold the request for the whole timeout.
    if (minPosition !== undefined && (head === null || minPosition > head)) {
      throw new DomainError(
        'READ_MODEL.POSITION_UNKNOWN',
        'validation',
        {
          vi: `minPosition: vị trí ${minPosition} chưa có trong sổ sự kiện`,
          en: `minPosition: position ${minPosition} is beyond the end of the log`,
        },
        { field: 'minPosition' },
      );
    }
    const target = minPosition ?? head;
    if (target === null) return;
    if (!(await this.runner.waitFor(target, CONSISTENCY_TIMEOUT_MS))) {
      throw new DomainError('READ_MODEL.BEHIND', 'conflict', {
        vi: 'Dữ liệu báo cáo chưa cập nhật kịp, vui lòng thử lại sau giây lát',
        en: 'The read models have not caught up yet; retry in a moment',
      });
    }
  }
}

@QueryHandler(GetBalancesQuery)
export class GetBalancesHandler implements IQueryHandler<GetBalancesQuery> {
  constructor(
    private readonly models: ReadModels,
    private readonly consistency: ReadConsistency,
  ) {}
  async execute({ params }: GetBalancesQuery): Promise<BalancesAnswer> {
    await this.consistency.ensure(params.minPosition);
    return queryBalances(this.models, params);
  }
}

@QueryHandler(GetHistoryQuery)
export class GetHistoryHandler implements IQueryHandler<GetHistoryQuery> {
  constructor(
    private readonly models: ReadModels,
    private readonly consistency: ReadConsistency,
  ) {}
  async execute({ budgetLineId, params }: GetHistoryQuery): Promise<HistoryAnswer> {
    await this.consistency.ensure(params.minPosition);
    return queryHistory(this.models, budgetLineId, params);
  }
}

@QueryHandler(GetApprovalsQuery)
export class GetApprovalsHandler implements IQueryHandler<GetApprovalsQuery> {
  constructor(
    private readonly models: ReadModels,
    private readonly consistency: ReadConsistency,
  ) {}
  async execute({ params }: GetApprovalsQuery): Promise<Doc[]> {
    await this.consistency.ensure(params.minPosition);
    return queryApprovals(this.models, params);
  }
}

@QueryHandler(GetDisbursementReportQuery)
export class GetDisbursementReportHandler implements IQueryHandler<GetDisbursementReportQuery> {
  constructor(
    private readonly models: ReadModels,
    private readonly consistency: ReadConsistency,
  ) {}
  async execute({ params }: GetDisbursementReportQuery): Promise<DisbursementReport> {
    await this.consistency.ensure(params.minPosition);
    return queryDisbursement(this.models, params);
  }
}

@QueryHandler(GetPlanQuery)
export class GetPlanHandler implements IQueryHandler<GetPlanQuery> {
  constructor(
    private readonly models: ReadModels,
    private readonly consistency: ReadConsistency,
  ) {}
  async execute(q: GetPlanQuery): Promise<Doc | null> {
    await this.consistency.ensure(q.params.minPosition);
    return queryPlan(this.models, q.fiscalYear, q.leadUnit);
  }
}
