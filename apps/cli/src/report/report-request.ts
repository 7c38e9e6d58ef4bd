import { parseBusinessDate } from '@app/budgeting';
import type { Problems } from '../shared/read-command';
import { parseKnownAtOption } from '../shared/vietnam-time';
import type { CommonOptions } from '../shared/cli-context';

export interface ReportOptions extends CommonOptions {
  readonly fiscalYear?: string;
  readonly period?: string;
  readonly unit?: string;
  readonly format?: string;
  readonly out?: string;
  readonly force?: boolean;
  readonly separator?: string;
  readonly asOf?: string;
  readonly knownAt?: string;
  readonly line?: string;
  readonly signedOn?: string;
  readonly preparedBy?: string;
  readonly chiefAccountant?: string;
  readonly head?: string;
  readonly headCapacity?: string;
  readonly headTitle?: string;
  readonly groupBy?: string;
}

export const REPORTS = ['disbursement', 'outputs', 'balances', 'history'] as const;
export type ReportName = (typeof REPORTS)[number];
const FORMATS = ['csv', 'xlsx', 'pdf'] as const;

export interface ReportRequest {
  readonly report: ReportName;
  readonly fiscalYear: number | null;
  readonly period: string | undefined;
  readonly unit: string | undefined;
  readonly format: (typeof FORMATS)[number];
  readonly separator: ',' | ';';
  readonly out: string;
  readonly window: { readonly asOf?: string; readonly knownAt?: string };
  readonly signedOn: string | undefined;
  /** Disbursement only: rows by budget code instead of by program part. */
  readonly byCode: boolean;
}

/** Every problem of the command line at once (exit 2), each naming its option. */
export function reportRequest(
  name: string,
  options: ReportOptions,
  problems: Problems,
): ReportRequest {
  if (!REPORTS.includes(name as ReportName)) {
    problems.add({
      field: 'name',
      message: {
        vi: `báo cáo không có: "${name}" (có: ${REPORTS.join(', ')})`,
        en: `no such report "${name}" (there is: ${REPORTS.join(', ')})`,
      },
    });
  }
  const report = name as ReportName;
  const year = /^\d{4}$/.test(options.fiscalYear ?? '') ? Number(options.fiscalYear) : NaN;
  const yearGiven = year >= 2000 && year <= 2100;
  const needsYear = report === 'disbursement' || report === 'outputs';
  if (needsYear ? !yearGiven : options.fiscalYear !== undefined && !yearGiven) {
    problems.add({
      field: '--fiscal-year',
      message: {
        vi: '--fiscal-year: cần năm ngân sách, ví dụ 2024',
        en: '--fiscal-year: a fiscal year is required, e.g. 2024',
      },
    });
  }
  const format = options.format?.toLowerCase();
  if (!FORMATS.includes(format as (typeof FORMATS)[number])) {
    problems.add({
      field: '--format',
      message: { vi: '--format: csv, xlsx hoặc pdf', en: '--format: csv, xlsx or pdf' },
    });
  }
  if (!options.out) {
    problems.add({
      field: '--out',
      message: { vi: '--out: cần tên tệp kết quả', en: '--out: an output file is required' },
    });
  }
  const separator = options.separator ?? ',';
  if (separator !== ',' && separator !== ';') {
    problems.add({
      field: '--separator',
      message: { vi: '--separator: "," hoặc ";"', en: '--separator: "," or ";"' },
    });
  }
  if (options.unit !== undefined && !/^[A-Za-z0-9_.-]{1,64}$/.test(options.unit)) {
    problems.add({
      field: '--unit',
      message: {
        vi: `--unit: mã đơn vị không hợp lệ "${options.unit}"`,
        en: `--unit: not a unit code "${options.unit}"`,
      },
    });
  }
  const date = (flag: string, value: string | undefined): string | undefined =>
    value === undefined ? undefined : problems.check(flag, () => parseBusinessDate(value, flag));
  const asOf = date('--as-of', options.asOf);
  const signedOn = date('--signed-on', options.signedOn);
  let knownAt: string | undefined;
  if (options.knownAt !== undefined) {
    const parsed = parseKnownAtOption(options.knownAt);
    if ('problem' in parsed) problems.add(parsed.problem);
    else knownAt = parsed.value;
  }
  const groupBy = options.groupBy ?? 'program';
  if (!['program', 'code'].includes(groupBy) || (groupBy === 'code' && report !== 'disbursement')) {
    problems.add({
      field: '--group-by',
      message: {
        vi: '--group-by: program (theo dự án, mặc định) hoặc code (theo mục lục ngân sách), chỉ cho báo cáo giải ngân',
        en: '--group-by: program (by project, the default) or code (by budget code), for the disbursement report only',
      },
    });
  }
  if (report === 'history' && !options.line) {
    problems.add({
      field: '--line',
      message: {
        vi: '--line: cần mã dòng ngân sách',
        en: '--line: a budget line id is required',
      },
    });
  }
  return {
    report,
    fiscalYear: yearGiven ? year : null,
    period: options.period,
    unit: options.unit,
    format: format as ReportRequest['format'],
    separator: separator === ';' ? ';' : ',',
    out: options.out ?? '',
    window: { ...(asOf ? { asOf } : {}), ...(knownAt ? { knownAt } : {}) },
    signedOn,
    byCode: groupBy === 'code',
  };
}
