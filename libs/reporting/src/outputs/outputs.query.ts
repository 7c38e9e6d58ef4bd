import { OUTPUT_REPORTS, windowFilter, type Doc, type ReadModels } from '@app/read-models';
import { dayBefore } from '../period';
import { queryProgress } from '../progress/progress.query';
import {
  rateBasisPoints,
  type ProgressRow,
  type ProgressValues,
  type ReportBasis,
} from '../progress/progress.model';
import type { ReportParams } from '../progress/report-basis';

export interface OutputRow {
  readonly level: ProgressRow['level'] | 'output';
  readonly code: string;
  readonly no: string;
  readonly label: string;
  /** Money beside the outputs: the plan's amount and what was paid, as in the progress report. */
  readonly money: Pick<ProgressValues, 'plan' | 'paidPeriod' | 'paidCumulative'>;
  readonly output: {
    readonly unit: string;
    readonly target: number;
    readonly inPeriod: number;
    readonly toDate: number;
    readonly rateBasisPoints: bigint | null;
  } | null;
}

export interface OutputsReport extends ReportBasis {
  readonly rows: readonly OutputRow[];
}

/** A text field of a stored document ('' when absent). */
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

type Reached = Map<string, { count: number; communes: Set<string> }>;

/** Each output's progress as of a date: the last count reported, or the communes done. */
function reachedBy(reports: readonly Doc[], date: string): Reached {
  const out: Reached = new Map();
  for (const r of reports) {
    if (str(r.effectiveDate) > date) continue;
    const key = `${str(r.leadUnit)}/${str(r.activityId)}/${str(r.outputId)}`;
    const state = out.get(key) ?? { count: 0, communes: new Set<string>() };
    if (r.kind === 'commune' && typeof r.commune === 'string') {
      if (r.done === true) state.communes.add(r.commune);
      else state.communes.delete(r.commune);
      state.count = state.communes.size;
    } else if (typeof r.delivered === 'number') {
      state.count = r.delivered;
    }
    out.set(key, state);
  }
  return out;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * The outputs report: each activity's planned outputs (15 panels, 4 days of study tour),
 * delivered in the period and to date, from the plan's progress events as of the report's
 * dates, beside the money the progress report gives for the same rows.
 */
export async function queryOutputs(
  models: ReadModels,
  params: ReportParams,
): Promise<OutputsReport> {
  const progress = await queryProgress(models, params);
  const reports = (
    await models.find(
      'reporting',
      OUTPUT_REPORTS,
      {
        fiscalYear: params.fiscalYear,
        ...windowFilter({
          asOf: progress.end,
          ...(progress.knownAt ? { knownAt: progress.knownAt } : {}),
        }),
      },
      { sort: [['position', 1]] },
    )
  ).filter((r) => !params.unit || r.leadUnit === params.unit);
  // In effective-date order (then as recorded), as a back-dated report takes its place.
  reports.sort((a, b) =>
    `${str(a.effectiveDate)}|${str(a.position)}`.localeCompare(
      `${str(b.effectiveDate)}|${str(b.position)}`,
    ),
  );
  const atEnd = reachedBy(reports, progress.end);
  const atStart = reachedBy(reports, dayBefore(params.period.from));
  const activities = new Map(
    progress.plans.flatMap((p) =>
      p.activities.map((a) => [a.id, { plan: p, activity: a }] as const),
    ),
  );
  const rows: OutputRow[] = [];
  for (const row of progress.rows) {
    const { plan, paidPeriod, paidCumulative } = row.values;
    rows.push({
      level: row.level,
      code: row.code,
      no: row.no,
      label: row.label,
      money: {
        ...(plan === undefined ? {} : { plan }),
        ...(paidPeriod === undefined ? {} : { paidPeriod }),
        ...(paidCumulative === undefined ? {} : { paidCumulative }),
      },
      output: null,
    });
    const found = row.level === 'activity' ? activities.get(row.code) : undefined;
    found?.activity.outputs.forEach((o, i) => {
      const key = `${found.plan.leadUnit}/${row.code}/${o.id}`;
      const toDate = atEnd.get(key)?.count ?? 0;
      const before = atStart.get(key)?.count ?? 0;
      rows.push({
        level: 'output',
        code: `${row.code}/${o.id}`,
        no: LETTERS[i] ?? String(i + 1),
        label: o.description,
        money: {},
        output: {
          unit: o.unit,
          target: o.target,
          inPeriod: toDate - before,
          toDate,
          rateBasisPoints: rateBasisPoints(BigInt(toDate), BigInt(o.target)),
        },
      });
    });
  }
  const { rows: _money, ...basis } = progress;
  return { ...basis, rows };
}
