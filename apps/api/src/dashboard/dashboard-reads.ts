import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { parseBudgetLineId, type Actor, type BudgetLineKey } from '@app/budgeting';
import {
  GetApprovalsQuery,
  GetBalancesQuery,
  GetHistoryQuery,
  GetPlanQuery,
  type ApprovalsFilter,
  type BalanceLine,
  type Doc,
  type HistoryAnswer,
  type TimeWindow,
} from '@app/read-models';
import { approvalUnit, canSeeUnit } from './visibility';

function lineKey(id: string): BudgetLineKey | null {
  try {
    return parseBudgetLineId(id);
  } catch {
    return null;
  }
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * The read queries the dashboard asks, through the query bus, with what the user may
 * not see taken out (see `canSeeUnit`).
 */
@Injectable()
export class DashboardReads {
  constructor(private readonly queries: QueryBus) {}

  /** Fiscal years with lines the user may see, newest first. */
  async years(actor: Actor): Promise<number[]> {
    const answer = await this.queries.execute(new GetBalancesQuery({}));
    const years = new Set(
      answer.lines.filter((l) => canSeeUnit(actor, l.unit)).map((l) => l.fiscalYear),
    );
    return [...years].sort((a, b) => b - a);
  }

  async balances(actor: Actor, fiscalYear: number, window: TimeWindow): Promise<BalanceLine[]> {
    const answer = await this.queries.execute(new GetBalancesQuery({ fiscalYear, ...window }));
    return answer.lines.filter((l) => canSeeUnit(actor, l.unit));
  }

  /** The line's history, or null when there is no such line id or the user may not see it. */
  async history(actor: Actor, lineId: string, window: TimeWindow): Promise<HistoryAnswer | null> {
    const key = lineKey(lineId);
    if (!key || !canSeeUnit(actor, key.unit)) return null;
    return this.queries.execute(new GetHistoryQuery(lineId, window));
  }

  /**
   * The approval trail. The approvals query has no time axes: decisions that had not
   * taken effect by `asOf`, or were recorded after `knownAt`, are left out here.
   */
  async approvals(actor: Actor, filter: ApprovalsFilter, window: TimeWindow): Promise<Doc[]> {
    const docs = await this.queries.execute(new GetApprovalsQuery(filter));
    const knownAt = window.knownAt ? new Date(window.knownAt).toISOString() : undefined;
    return docs.filter((d) => {
      const effective = str(d.effectiveDate) ?? '';
      const recorded = str(d.recordedAt) ?? '';
      return (
        canSeeUnit(actor, approvalUnit(d)) &&
        (!window.asOf || effective <= window.asOf) &&
        (!knownAt || recorded <= knownAt)
      );
    });
  }

  /** Program part names as the year's plans (one per lead unit) give them. */
  async partNames(fiscalYear: number, units: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const unit of units) {
      const plan = await this.queries.execute(new GetPlanQuery(fiscalYear, unit));
      const version = (plan?.inForce ?? plan?.draft) as { parts?: unknown } | null | undefined;
      const parts = Array.isArray(version?.parts) ? (version.parts as unknown[]) : [];
      for (const part of parts) {
        const p = part as { code?: unknown; name?: unknown };
        if (typeof p.code === 'string' && typeof p.name === 'string') names.set(p.code, p.name);
      }
    }
    return names;
  }
}
