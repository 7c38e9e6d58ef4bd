import type { ActivityView, PlanView } from './plan-view';
import type { LineFigures } from './line-figures';
import { zeroSpending, type Spending } from './activity-spending';
import {
  PROGRESS_COLUMNS,
  rateBasisPoints,
  type DeadlineSource,
  type ProgressRow,
  type ProgressValues,
  type RowLevel,
} from './progress.model';

interface PartGroup {
  readonly code: string;
  name: string | null;
  plan: bigint | null;
  readonly lines: LineFigures[];
  readonly activities: ActivityView[];
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

function byCode(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** DA7.TDA1 belongs to project DA7. */
export function projectOf(partCode: string): string {
  return partCode.split('.')[0] ?? partCode;
}

function sum(rows: readonly { values: ProgressValues }[]): ProgressValues {
  const out: ProgressValues = {};
  for (const row of rows) {
    for (const column of PROGRESS_COLUMNS) {
      const value = row.values[column];
      if (value !== undefined) out[column] = (out[column] ?? 0n) + value;
    }
  }
  return out;
}

/** Line columns are always carried above the activity level: zero, never blank. */
function withLineColumns(values: ProgressValues): ProgressValues {
  for (const column of PROGRESS_COLUMNS) if (column !== 'plan') values[column] ??= 0n;
  return values;
}

function row(
  level: RowLevel,
  code: string,
  no: string,
  label: string,
  values: ProgressValues,
  deadlines: readonly string[] = [],
  deadlineSources: readonly DeadlineSource[] = [],
): ProgressRow {
  const rate =
    level === 'activity' || level === 'unassigned' || values.usable === undefined
      ? null
      : rateBasisPoints(values.paidCumulative ?? 0n, values.usable);
  return { level, code, no, label, values, deadlines, deadlineSources, rateBasisPoints: rate };
}

function groups(plans: readonly PlanView[], lines: readonly LineFigures[]): PartGroup[] {
  const parts = new Map<string, PartGroup>();
  const group = (code: string): PartGroup => {
    let g = parts.get(code);
    if (!g) {
      g = { code, name: null, plan: null, lines: [], activities: [] };
      parts.set(code, g);
    }
    return g;
  };
  for (const plan of plans) {
    for (const part of plan.parts) {
      const g = group(part.code);
      g.name ??= part.name;
      g.plan = (g.plan ?? 0n) + part.amount;
    }
    for (const activity of plan.activities) group(activity.programPart).activities.push(activity);
  }
  for (const line of lines) group(line.key.programPart).lines.push(line);
  return [...parts.values()].sort((a, b) => byCode(a.code, b.code));
}

function activityRows(
  part: PartGroup,
  no: string,
  spending: ReadonlyMap<string, ReadonlyMap<string, Spending>>,
): ProgressRow[] {
  const own = new Map(part.activities.map((a) => [a.id, zeroSpending()]));
  const unassigned = zeroSpending();
  for (const line of part.lines) {
    for (const [activity, s] of spending.get(line.id) ?? []) {
      const target = own.get(activity) ?? unassigned;
      target.committed += s.committed;
      target.paidPeriod += s.paidPeriod;
      target.paidCumulative += s.paidCumulative;
    }
  }
  const rows = part.activities.map((a, i) => {
    const s = own.get(a.id) ?? zeroSpending();
    return row('activity', a.id, `${no}.${i + 1}`, a.name, {
      ...(a.plannedAmount === null ? {} : { plan: a.plannedAmount }),
      ...s,
    });
  });
  const anyUnassigned =
    unassigned.committed !== 0n || unassigned.paidPeriod !== 0n || unassigned.paidCumulative !== 0n;
  if (anyUnassigned) rows.push(row('unassigned', '', '-', '', { ...unassigned }));
  return rows;
}

function distinct(dates: Iterable<string | null>): string[] {
  return [...new Set([...dates].filter((d): d is string => d !== null))].sort();
}

/** Each source once, by its deadline. */
function distinctSources(sources: Iterable<DeadlineSource | null | undefined>): DeadlineSource[] {
  const byText = new Map<string, DeadlineSource>();
  for (const s of sources) if (s) byText.set(JSON.stringify(s), s);
  return [...byText.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
}

/**
 * The report's rows, parents before children: the total, then each project (Dự án 6)
 * with its sub-projects (each with the plan's amount for it), each with the plan's
 * activities and what was spent under them; spending not tied to an activity of the
 * plan gets a row of its own, so activities always add up to their sub-project.
 */
export function progressRows(
  plans: readonly PlanView[],
  lines: readonly LineFigures[],
  spending: ReadonlyMap<string, ReadonlyMap<string, Spending>>,
): ProgressRow[] {
  const parts = groups(plans, lines);
  const projects = [...new Set(parts.map((p) => projectOf(p.code)))].sort(byCode);
  const body: ProgressRow[] = [];
  const projectRows: ProgressRow[] = [];
  projects.forEach((project, p) => {
    const partRows: ProgressRow[] = [];
    const children: ProgressRow[] = [];
    parts
      .filter((part) => projectOf(part.code) === project)
      .forEach((part, i) => {
        const no = String(i + 1);
        const values = withLineColumns({
          ...(part.plan === null ? {} : { plan: part.plan }),
          ...sum(part.lines),
        });
        const carried = part.lines.filter((l) => l.carriedOver);
        const partRow = row(
          'part',
          part.code,
          no,
          part.name ?? part.code,
          values,
          distinct(carried.map((l) => l.deadline)),
          distinctSources(carried.map((l) => l.deadlineSource)),
        );
        partRows.push(partRow);
        children.push(partRow, ...activityRows(part, no, spending));
      });
    const projectRow = row(
      'project',
      project,
      ROMAN[p] ?? String(p + 1),
      '',
      withLineColumns(sum(partRows)),
      distinct(partRows.flatMap((r) => r.deadlines)),
      distinctSources(partRows.flatMap((r) => r.deadlineSources)),
    );
    projectRows.push(projectRow);
    body.push(projectRow, ...children);
  });
  const total = row(
    'total',
    '',
    '',
    '',
    withLineColumns(sum(projectRows)),
    distinct(projectRows.flatMap((r) => r.deadlines)),
    distinctSources(projectRows.flatMap((r) => r.deadlineSources)),
  );
  return [total, ...body];
}
