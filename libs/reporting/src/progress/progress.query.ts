import { DomainError } from '@app/budgeting';
import type { ReadModels } from '@app/read-models';
import { spendingByActivity } from './activity-spending';
import { lineFigures } from './line-figures';
import { progressRows } from './progress-rows';
import type { ProgressReport, ProgressRow } from './progress.model';
import { reportBasis, type ReportParams } from './report-basis';

const SPENDING = ['committed', 'paidPeriod', 'paidCumulative'] as const;

/** Activities (with the unassigned row) add up to their sub-project on the spending columns. */
function activitiesAddUp(rows: readonly ProgressRow[]): boolean {
  for (const [i, part] of rows.entries()) {
    if (part.level !== 'part') continue;
    const children: ProgressRow[] = [];
    for (const next of rows.slice(i + 1)) {
      if (next.level !== 'activity' && next.level !== 'unassigned') break;
      children.push(next);
    }
    for (const column of SPENDING) {
      const total = children.reduce((s, r) => s + (r.values[column] ?? 0n), 0n);
      const own = part.values[column] ?? 0n;
      // A sub-project with no plan activity and nothing spent has no children at all.
      if (total !== own && !(children.length === 0 && own === 0n)) return false;
    }
  }
  return true;
}

/**
 * The disbursement progress report (báo cáo tình hình thực hiện và giải ngân) of a fiscal
 * year and period. Lines come from the balances read model, activities from the line
 * histories: two read models, so if a batch lands between the reads and they disagree,
 * the report is read again rather than printed with sums that do not add up.
 */
export async function queryProgress(
  models: ReadModels,
  params: ReportParams,
): Promise<ProgressReport> {
  const basis = await reportBasis(models, params);
  for (let attempt = 0; attempt < 3; attempt++) {
    const lines = await lineFigures(models, params, basis.end);
    const spending = await spendingByActivity(models, {
      fiscalYear: params.fiscalYear,
      lineIds: lines.map((l) => l.id),
      from: params.period.from,
      end: basis.end,
      knownAt: basis.knownAt,
    });
    const rows = progressRows(basis.plans, lines, spending);
    if (activitiesAddUp(rows)) return { ...basis, rows };
  }
  throw new DomainError('READ_MODEL.BEHIND', 'conflict', {
    vi: 'Dữ liệu báo cáo đang được cập nhật, vui lòng thử lại sau giây lát',
    en: 'The read models are being updated; retry in a moment',
  });
}
