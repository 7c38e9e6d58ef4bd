import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { available, type Actor } from '@app/budgeting';
import { GetBalancesQuery, GetPlanQuery } from '@app/read-models';
import { canSeeUnit } from '../visibility';

/** A line a form may pick, with what it can still commit. */
export interface LineChoice {
  readonly id: string;
  readonly unit: string;
  readonly programPart: string;
  readonly available: bigint;
}

/** An activity of a plan in force, with what is left under its planned amount (if capped). */
export interface ActivityChoice {
  readonly id: string;
  readonly programPart: string;
  readonly name: string;
  readonly remaining: bigint | null;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** What the forms offer to pick, read through the same queries and visibility as the pages. */
@Injectable()
export class FormReads {
  constructor(private readonly queries: QueryBus) {}

  async lines(actor: Actor, fiscalYear?: number): Promise<LineChoice[]> {
    const answer = await this.queries.execute(
      new GetBalancesQuery(fiscalYear ? { fiscalYear } : {}),
    );
    return answer.lines
      .filter((l) => canSeeUnit(actor, l.unit))
      .map((l) => ({
        id: l.id,
        unit: l.unit,
        programPart: l.programPart,
        available: available(l.amounts),
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** The activities of the unit's plan in force for the year (none without one). */
  async activities(fiscalYear: number, unit: string): Promise<ActivityChoice[]> {
    const plan = await this.queries.execute(new GetPlanQuery(fiscalYear, unit));
    if (!plan?.inForce) return [];
    const activities = Array.isArray(plan.activities) ? plan.activities : [];
    return activities
      .map((a) => a as Record<string, unknown>)
      .filter((a) => a.unplanned !== true && str(a.id) !== '')
      .map((a) => ({
        id: str(a.id),
        programPart: str(a.programPart),
        name: str(a.name),
        remaining: typeof a.remaining === 'string' ? BigInt(a.remaining) : null,
      }));
  }
}
