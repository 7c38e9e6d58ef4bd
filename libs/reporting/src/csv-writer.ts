import type { Cell, Column, ReportTable } from './table';

/** Excel opens a UTF-8 file as UTF-8 (and Vietnamese shows right) only when it starts with the BOM. */
export const UTF8_BOM = '\ufeff';

/** A cell: text, or a number (amounts as bigint, written as plain digits). */
export type CsvCell = string | number | bigint | null;

/**
 * One field. Text typed by users (descriptions, payees) must not run as a formula when
 * Excel opens the file: OWASP's guard, a leading apostrophe. Amounts are bigints, never
 * text, so a negative amount stays a number.
 */
export function csvField(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value !== 'string') return value.toString();
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 CSV for spreadsheets: the BOM, a header row, CRLF line ends. Amounts go in as
 * plain integers (no thousands separators) so Excel computes with them whatever its locale.
 */
export function renderCsv(
  headers: readonly string[],
  rows: readonly (readonly CsvCell[])[],
): string {
  return (
    UTF8_BOM + [headers, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
  );
}

function cellFor(cell: Cell, column: Column): CsvCell {
  // A rate is read by people: Vietnamese decimal comma.
  if (column.kind === 'rate' && typeof cell === 'number') return cell.toFixed(2).replace('.', ',');
  return cell;
}

/** A report table as CSV; its title lines are left out (a CSV is data, not a page). */
export function toCsv(table: ReportTable): string {
  return renderCsv(
    table.columns.map((c) => c.header),
    table.rows.map((row) => table.columns.map((c) => cellFor(row.cells[c.key] ?? null, c))),
  );
}
