import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from '@app/budgeting';
import {
  CONTENT_TYPES,
  parsePeriod,
  PERIOD_FORMS,
  PeriodError,
  reportStream,
  toCsv,
  toXlsx,
  type Period,
  type ReportBasis,
  type ReportFormat,
  type ReportTable,
} from '@app/reporting';

const ACCEPTED: [string, ReportFormat][] = [
  ['application/pdf', 'pdf'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
  ['text/csv', 'csv'],
];

/** `format=` wins; else the first file type the Accept header names; else JSON. */
export function formatOf(
  format: string | undefined,
  accept: string | undefined,
): ReportFormat | 'json' {
  if (format === 'json' || format === 'csv' || format === 'xlsx' || format === 'pdf') return format;
  const asked = (accept ?? '').toLowerCase();
  for (const [type, found] of ACCEPTED) if (asked.includes(type)) return found;
  return 'json';
}

export function reportPeriod(fiscalYear: number, spec: string | undefined): Period {
  try {
    return parsePeriod(fiscalYear, spec ?? 'year');
  } catch (error) {
    if (!(error instanceof PeriodError)) throw error;
    throw new DomainError(
      'REPORT.PERIOD_INVALID',
      'validation',
      {
        vi: `period: kỳ báo cáo không hợp lệ "${error.spec}" (${PERIOD_FORMS})`,
        en: `period: not a period "${error.spec}" (${PERIOD_FORMS})`,
      },
      { field: 'period' },
    );
  }
}

/** Streams the file as a download named after the report, its year, period and unit. */
export async function sendReport(
  res: Response,
  table: ReportTable,
  format: ReportFormat,
  stem: string,
  q: { separator?: string; lang?: 'vi' | 'en' },
  basis: ReportBasis,
): Promise<StreamableFile> {
  const stream = await reportStream(table, format, {
    separator: q.separator === ';' || q.separator === 'semicolon' ? ';' : ',',
    lang: q.lang ?? 'vi',
    basis,
  });
  res.setHeader('Content-Type', CONTENT_TYPES[format]);
  res.setHeader('Content-Disposition', `attachment; filename="${stem}.${format}"`);
  return new StreamableFile(stream);
}

/** A read's table as a download: CSV (UTF-8 with BOM) or XLSX, built whole (a line's size). */
export async function sendTable(
  res: Response,
  table: ReportTable,
  name: string,
  format: 'csv' | 'xlsx',
): Promise<StreamableFile> {
  if (format === 'csv') {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
    return new StreamableFile(Buffer.from(toCsv(table), 'utf8'));
  }
  res.setHeader(
    'Content-Type',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  res.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`);
  return new StreamableFile(await toXlsx(table));
}
