import type { Cell, Column, ReportTable } from './table';

/** Excel opens a UTF-8 file as UTF-8 (and Vietnamese shows right) only when it starts with the BOM. */
export const UTF8_BOM = '\ufeff';

/** A cell: text, or a number (amounts as bigint, written as plain digits). */
export type CsvCell = string | number | bigint | null;

/**
 * `,` (RFC 4180), or `;`: Excel in a Vietnamese locale (decimal comma) splits CSV on `;`
 * and reads "8,16" as a number there.
 */
export type CsvSeparator = ',' | ';';

/**
 * One field. Text typed by users (descriptions, payees) must not run as a formula when
 * Excel opens the file: OWASP's guard, a leading apostrophe. Amounts are bigints, never
 * text, so a negative amount stays a number.
 */
export function csvField(value: CsvCell, separator: CsvSeparator = ','): string {
  if (value === null) return '';
  if (typeof value !== 'string') return value.toString();
  // A lone "-" (a sub-item's STT) is no formula.
  const text = /^[=+\-@\t\r]/.test(value) && value !== '-' ? `'${value}` : value;
  const special = separator === ',' ? /[",\r\n]/ : /[";,\r\n]/;
  return special.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * CSV for spreadsheets: the BOM, a header row, CRLF line ends. Amounts go in as plain
 * integers (no thousands separators) so Excel computes with them whatever its locale.
 */
export function renderCsv(
  headers: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  separator: CsvSeparator = ',',
): string {
  const line = (row: readonly CsvCell[]): string =>
    row.map((v) => csvField(v, separator)).join(separator);
  return UTF8_BOM + [headers, ...rows].map(line).join('\r\n') + '\r\n';
}

function cellFor(cell: Cell, column: Column): CsvCell {
  // A rate is read by people: Vietnamese decimal comma.
  if (column.kind === 'rate' && typeof cell === 'number') return cell.toFixed(2).replace('.', ',');
  if (column.kind === 'date' && typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cell)) {
    const [y, m, d] = cell.split('-');
    return `${Number(d)}/${Number(m)}/${y}`;
  }
  return cell;
}

function headerOf(column: Column): string {
  return column.group ? `${column.group} - ${column.header}` : column.header;
}

export interface CsvOptions {
  readonly separator?: CsvSeparator;
  /** The header of a last column marking every row, e.g. that the figures are illustrative. */
  readonly markColumn?: { readonly header: string; readonly value: string };
}

/**
 * A report table as CSV: one header row (a grouped column reads "group - column"), then
 * the rows; rows that know their level and code (total, project, part, activity) start
 * with both, for machines. Title lines are left out (a CSV is data, not a page); a mark
 * such as "illustrative" goes in a column of its own, so every row carries it.
 */
export function toCsv(table: ReportTable, options: CsvOptions = {}): string {
  const keyed = table.rows.some((r) => r.level !== undefined);
  const mark = options.markColumn;
  const headers = [
    ...(keyed ? ['Cấp', 'Mã'] : []),
    ...table.columns.map(headerOf),
    ...(mark ? [mark.header] : []),
  ];
  const rows = table.rows.map((row) => [
    ...(keyed ? [row.level ?? '', row.code ?? ''] : []),
    ...table.columns.map((c) => cellFor(row.cells[c.key] ?? null, c)),
    ...(mark ? [mark.value] : []),
  ]);
  return renderCsv(headers, rows, options.separator);
}
