import { findBudgetCode, type LineClassification } from '@app/budgeting';
import type { ReadModels } from '@app/read-models';
import { lineFigures, type LineFigures } from './line-figures';
import type { PlanView } from './plan-view';
import {
  PROGRESS_COLUMNS,
  rateBasisPoints,
  type DeadlineSource,
  type ProgressReport,
  type ProgressRow,
  type ProgressValues,
  type RowLevel,
} from './progress.model';
import { reportBasis, type ReportParams } from './report-basis';

/** How the year report's rows are grouped: by the program's parts (default), or by budget code. */
export const REPORT_GROUPINGS = ['program', 'classification'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

const numeric = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** The line columns summed over lines; the plan column is a plan part's, not a code's. */
function sum(lines: readonly LineFigures[]): ProgressValues {
  const out: ProgressValues = {};
  for (const column of PROGRESS_COLUMNS) {
    if (column === 'plan') continue;
    out[column] = lines.reduce((s, l) => s + l.values[column], 0n);
  }
  return out;
}

function row(level: RowLevel, code: string, no: string, label: string, lines: LineFigures[]) {
  const values = sum(lines);
  const carried = lines.filter((l) => l.carriedOver);
  const deadlines = [
    ...new Set(carried.map((l) => l.deadline).filter((d): d is string => d !== null)),
  ].sort();
  const sources = new Map<string, DeadlineSource>();
  for (const l of carried)
    if (l.deadlineSource) sources.set(JSON.stringify(l.deadlineSource), l.deadlineSource);
  return {
    level,
    code,
    no,
    label,
    values,
    deadlines,
    deadlineSources: [...sources.entries()].sort(([a], [b]) => numeric(a, b)).map(([, s]) => s),
    rateBasisPoints: rateBasisPoints(values.paidCumulative ?? 0n, values.usable ?? 0n),
  } satisfies ProgressRow;
}

/** Lines grouped by a key, the groups in code order. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return [...groups.entries()].sort(([a], [b]) => numeric(a, b));
}

const nameOf = (kind: 'chapter' | 'sector' | 'program', code: string) =>
  findBudgetCode(kind, code)?.name ?? '';

/**
 * The year report's rows by budget code (mục lục NSNN): the total, then each chương, its
 * loại–khoản, and under each the program code (mã CTMTQG) with the budget source, every
 * row the sum of its lines; lines without a classification form their own group at the
 * end, so the total is the same as the report by program's (the plan's amount on the
 * total row only: a plan assigns it to parts, not codes). Tiểu mục is a payment's code,
 * not a line's: estimates have none, so spending by tiểu mục is `budget by-code`'s.
 */
export function progressRowsByCode(
  plans: readonly PlanView[],
  lines: readonly LineFigures[],
  classificationOf: (lineId: string) => LineClassification | undefined,
): ProgressRow[] {
  const classified = lines.flatMap((l) => {
    const c = classificationOf(l.id);
    return c ? [{ line: l, c }] : [];
  });
  const unclassified = lines.filter((l) => !classificationOf(l.id));
  const body: ProgressRow[] = [];
  const chapters = groupBy(classified, (x) => x.c.chapter);
  chapters.forEach(([chapter, inChapter], i) => {
    const no = ROMAN[i] ?? String(i + 1);
    const name = nameOf('chapter', chapter);
    body.push(
      row(
        'chapter',
        chapter,
        no,
        `Chương ${chapter}${name ? `: ${name}` : ''}`,
        inChapter.map((x) => x.line),
      ),
    );
    groupBy(inChapter, (x) => x.c.sector).forEach(([sector, inSector], j) => {
      const sectorName = nameOf('sector', sector);
      body.push(
        row(
          'sector',
          `${chapter}.${sector}`,
          String(j + 1),
          sectorName || `Khoản ${sector}`,
          inSector.map((x) => x.line),
        ),
      );
      groupBy(inSector, (x) => `${x.c.program}.${x.c.source}`).forEach(([key, inProgram], k) => {
        const [program = '', source = ''] = key.split('.');
        const programName = nameOf('program', program);
        body.push(
          row(
            'program',
            `${chapter}.${sector}.${key}`,
            `${j + 1}.${k + 1}`,
            `CTMTQG ${program}${programName ? `: ${programName}` : ''} — nguồn ${source}`,
            inProgram.map((x) => x.line),
          ),
        );
      });
    });
  });
  if (unclassified.length > 0) {
    const no = ROMAN[chapters.length] ?? String(chapters.length + 1);
    body.push(row('unclassified', '', no, '', unclassified));
  }
  const total = row('total', '', '', '', [...lines]);
  // The plan's amount is the whole plan's: on the total row only, as the report by program has it.
  const plan = planned(plans);
  return [plan === null ? total : { ...total, values: { plan, ...total.values } }, ...body];
}

/** What the plans assign to their parts in all; null when no plan gives an amount. */
function planned(plans: readonly PlanView[]): bigint | null {
  const parts = plans.flatMap((p) => p.parts);
  return parts.length === 0 ? null : parts.reduce((s, p) => s + p.amount, 0n);
}

/**
 * The disbursement progress report grouped by budget code. One read model (the
 * balances); the classifications come from the caller (the line streams in the API, the
 * log in the CLI): they are not in a read model.
 */
export async function queryProgressByCode(
  models: ReadModels,
  params: ReportParams,
  classificationsOf: (
    lineIds: readonly string[],
  ) => Promise<ReadonlyMap<string, LineClassification>>,
): Promise<ProgressReport> {
  const basis = await reportBasis(models, params);
  const lines = await lineFigures(models, params, basis.end);
  const classes = await classificationsOf(lines.map((l) => l.id));
  return {
    ...basis,
    groupedBy: 'classification',
    rows: progressRowsByCode(basis.plans, lines, (id) => classes.get(id)),
  };
}
