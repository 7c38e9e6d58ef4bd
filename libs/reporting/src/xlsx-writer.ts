import ExcelJS from 'exceljs';
import type { Cell, Column, ReportTable } from './table';

/** Excel shows `#,##0` with the reader's own separators: 2.444.771.300 on a Vietnamese system. */
const MONEY_FORMAT = '#,##0';
const RATE_FORMAT = '0.00';

function value(cell: Cell, column: Column): ExcelJS.CellValue {
  if (cell === null) return null;
  if (typeof cell === 'bigint') {
    // Beyond 2^53 a spreadsheet number would round: keep such a sum exact, as text.
    return cell <= BigInt(Number.MAX_SAFE_INTEGER) && cell >= -BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(cell)
      : cell.toString();
  }
  if (column.kind === 'date' && typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cell)) {
    const [y, m, d] = cell.split('-');
    return `${Number(d)}/${Number(m)}/${y}`;
  }
  return cell;
}

/** An XLSX workbook: a title naming the unit, year and date, Vietnamese headers, real number cells. */
export async function toXlsx(table: ReportTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sổ cái ngân sách CTMTQG';
  const sheet = workbook.addWorksheet(table.sheetName);
  const width = table.columns.length;
  let rowIndex = 1;
  for (const [i, line] of [table.title, ...table.subtitle].entries()) {
    const row = sheet.getRow(rowIndex++);
    row.getCell(1).value = line;
    row.getCell(1).font = { bold: i === 0, size: i === 0 ? 13 : 11 };
    sheet.mergeCells(row.number, 1, row.number, width);
    row.getCell(1).alignment = { horizontal: 'center', wrapText: true };
  }
  rowIndex++;
  const header = sheet.getRow(rowIndex++);
  table.columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = {
      top: { style: 'thin' },
      bottom: { style: 'thin' },
      left: { style: 'thin' },
      right: { style: 'thin' },
    };
    sheet.getColumn(i + 1).width = column.width ?? (column.kind === 'money' ? 18 : 14);
  });
  for (const tableRow of table.rows) {
    const row = sheet.getRow(rowIndex++);
    table.columns.forEach((column, i) => {
      const cell = row.getCell(i + 1);
      cell.value = value(tableRow.cells[column.key] ?? null, column);
      if (column.kind === 'money' || column.kind === 'integer') cell.numFmt = MONEY_FORMAT;
      if (column.kind === 'rate') cell.numFmt = RATE_FORMAT;
      if (tableRow.emphasis) cell.font = { bold: true };
      cell.border = {
        left: { style: 'thin' },
        right: { style: 'thin' },
        bottom: { style: 'hair' },
      };
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
