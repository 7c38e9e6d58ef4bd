import { lstatSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { SheetRow } from '@app/reporting';
import { CliError } from '../shared/cli-errors';

/** A statement is a page or two of rows: anything larger is not one. */
const MAX_BYTES = 4 * 1024 * 1024;

function refuse(code: string, vi: string, en: string): never {
  throw new CliError(code, { vi, en });
}

/** The statement's rows, from CSV (UTF-8) or the first sheet of an XLSX workbook. */
export async function readStatementRows(path: string): Promise<SheetRow[]> {
  let size: number;
  try {
    const stat = lstatSync(path);
    if (!stat.isFile()) {
      refuse(
        'STATEMENT.NOT_A_FILE',
        `${path} không phải tệp thường`,
        `${path} is not a regular file`,
      );
    }
    size = stat.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    refuse('STATEMENT.NOT_FOUND', `không đọc được tệp ${path}`, `cannot read ${path}`);
  }
  if (size > MAX_BYTES) {
    refuse('STATEMENT.FILE_TOO_LARGE', `${path} lớn hơn 4 MiB`, `${path} is larger than 4 MiB`);
  }
  const lib = await import('@app/reporting');
  const extension = extname(path).toLowerCase();
  if (extension === '.xlsx') return lib.readXlsxRows(readFileSync(path));
  if (extension === '.csv' || extension === '.txt') {
    return lib
      .readCsvRows(readFileSync(path, 'utf8'))
      .map((cells, i) => ({ number: i + 1, cells }));
  }
  return refuse(
    'STATEMENT.UNKNOWN_FORMAT',
    `${path}: chỉ đọc được tệp .csv hoặc .xlsx`,
    `${path}: only .csv and .xlsx files can be read`,
  );
}
