import ExcelJS from 'exceljs';
import type { SheetRow } from './statement-parse';

/** The first worksheet's rows as text, with their row numbers in the sheet. */
export async function readXlsxRows(content: Buffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cell.text;
    });
    rows.push({ number, cells: Array.from(cells, (c) => c ?? '') });
  });
  return rows;
}
