import type { Cell, Column, ReportTable } from './table';

/** Excel reads a UTF-8 file as UTF-8 (and shows Vietnamese right) only with this mark. */
export const UTF8_BOM = '\ufeff';

function text(cell: Cell, column: Column): string {
  if (cell === null) return '';
  // Money stays a plain integer so a spreadsheet computes with it; no thousands dots.
  if (typeof cell === 'bigint') return cell.toString();
  if (column.kind === 'rate' && typeof cell === 'number') return cell.toFixed(2).replace('.', ',');
  return String(cell);
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** RFC 4180 CSV with a BOM, CRLF line ends, Vietnamese headers; title lines are left out. */
export function toCsv(table: ReportTable): string {
  const lines = [table.columns.map((c) => quote(c.header)).join(',')];
  for (const row of table.rows)
    lines.push(table.columns.map((c) => quote(text(row.cells[c.key] ?? null, c))).join(','));
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
