import { PassThrough, Readable } from 'node:stream';
import { toCsv, type CsvOptions, type CsvSeparator } from './csv-writer';
import type { Lang } from './labels';
import { pdfStream, toPdf } from './pdf-writer';
import type { ReportBasis } from './progress/progress.model';
import type { ReportTable } from './table';
import { toXlsx, writeXlsx } from './xlsx-writer';

export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export interface RenderOptions {
  readonly separator?: CsvSeparator;
  /** Marks every CSV row (a CSV has no title lines) when the figures are illustrative. */
  readonly basis?: ReportBasis;
  readonly lang?: Lang;
}

function csvOptions(options: RenderOptions): CsvOptions {
  const vi = (options.lang ?? 'vi') === 'vi';
  return {
    ...(options.separator ? { separator: options.separator } : {}),
    ...(options.basis?.illustrative
      ? {
          markColumn: {
            header: vi ? 'Số liệu minh họa' : 'Illustrative figures',
            value: vi ? 'minh họa' : 'illustrative',
          },
        }
      : {}),
  };
}

/** The report file as a stream, for an HTTP response or a file. */
export async function reportStream(
  table: ReportTable,
  format: ReportFormat,
  options: RenderOptions = {},
): Promise<Readable> {
  if (format === 'pdf') return pdfStream(table);
  if (format === 'csv')
    return Readable.from([Buffer.from(toCsv(table, csvOptions(options)), 'utf8')]);
  const out = new PassThrough();
  writeXlsx(table, out).then(
    () => out.end(),
    (error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return out;
}

/** The report file in memory (tests, small exports). */
export async function reportBytes(
  table: ReportTable,
  format: ReportFormat,
  options: RenderOptions = {},
): Promise<Buffer> {
  if (format === 'pdf') return toPdf(table);
  if (format === 'csv') return Buffer.from(toCsv(table, csvOptions(options)), 'utf8');
  return toXlsx(table);
}
