import {
  ILLUSTRATIVE,
  ILLUSTRATIVE_ALL,
  normalizeInstant,
  PLANS,
  UNIT_NAMES,
  type ReadModels,
  type TimeWindow,
} from '@app/read-models';
import type { Period } from '../period';
import type { ReportBasis } from './progress.model';
import { planView, type PlanView } from './plan-view';

export interface ReportParams extends TimeWindow {
  readonly fiscalYear: number;
  readonly period: Period;
  /** A spending unit's code; absent: every unit the caller may see. */
  readonly unit?: string;
}

/**
 * The header facts of a report: the date its figures stand at (the period's end, or an
 * earlier as-of date when the period is not over), the plans of the year (the version in
 * force, else the draft: the Ba Tơ plan is a draft), the unit's name, and whether the log
 * holds illustrative events. The plans view is the current one, not as of a date.
 */
export async function reportBasis(models: ReadModels, params: ReportParams): Promise<ReportBasis> {
  const { period, fiscalYear } = params;
  const end = params.asOf && params.asOf < period.to ? params.asOf : period.to;
  const knownAt = params.knownAt ? normalizeInstant(params.knownAt) : null;
  const [planDocs, mark, unitDoc] = await Promise.all([
    models.find('plans', PLANS, { fiscalYear }, { sort: [['id', 1]] }),
    models.get('reporting', ILLUSTRATIVE, ILLUSTRATIVE_ALL),
    params.unit ? models.get('reporting', UNIT_NAMES, params.unit) : Promise.resolve(null),
  ]);
  const plans = planDocs
    .map(planView)
    .filter((p): p is PlanView => p !== null && (!params.unit || p.leadUnit === params.unit));
  const first = typeof mark?.firstRecordedAt === 'string' ? mark.firstRecordedAt : null;
  const illustrative =
    mark && first && (knownAt === null || first <= knownAt)
      ? { count: typeof mark.count === 'number' ? mark.count : 0, firstRecordedAt: first }
      : null;
  return {
    fiscalYear,
    period,
    end,
    knownAt,
    unit: params.unit ?? null,
    unitName: typeof unitDoc?.name === 'string' ? unitDoc.name : null,
    plans,
    illustrative,
  };
}
