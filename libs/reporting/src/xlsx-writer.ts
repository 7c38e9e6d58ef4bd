import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { NATIONAL_HEADER, type Cell, type Column, type ReportTable, type TableRow } from './table';
import { blockSpans, columnWidth, hasGroups, hasNumbers } from './layout';

/** Excel shows `#,##0` with the reader's own separators: 2.444.771.300 on a Vietnamese system. */
const MONEY_FORMAT = '#,##0';
/** A rate (already rounded half-up to hundredths): 8,16 on a Vietnamese system. */
const RATE_FORMAT = '0.00';
const FONT = 'Times New Roman';
/** The table's font size; Excel's width unit is a digit of its default 11-point font. */
const TABLE_SIZE = 9;
const WIDTH_SCALE = 0.8;
const LINE_HEIGHT = 12;

function sheetWidth(column: Column): number {
  return Math.max(4, Math.round(columnWidth(column) * WIDTH_SCALE));
}

/** Wrapped text needs its rows tall enough: Excel and LibreOffice keep a row's height. */
function rowHeight(table: ReportTable, cells: TableRow['cells']): number {
  let lines = 1;
  for (const column of table.columns) {
    const cell = cells[column.key];
    if (column.kind !== 'text' || typeof cell !== 'string') continue;
    lines = Math.max(lines, Math.ceil(cell.length / (sheetWidth(column) * 1.25)));
  }
  return lines * LINE_HEIGHT + 3;
}
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, bottom: THIN, left: THIN, right: THIN };

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

/** Writes one line of text merged over columns [from, to] of a row. */
function put(
  sheet: ExcelJS.Worksheet,
  row: number,
  [from, to]: readonly [number, number],
  text: string,
  font: Partial<ExcelJS.Font>,
  horizontal: 'center' | 'right' | 'left' = 'center',
): void {
  const cell = sheet.getCell(row, from);
  cell.value = text;
  cell.font = { name: FONT, size: 11, ...font };
  cell.alignment = { horizontal, vertical: 'middle', wrapText: true };
  if (to > from) sheet.mergeCells(row, from, row, to);
}

/** The issuing body and the national header; returns the next free row. */
function formHeader(sheet: ExcelJS.Worksheet, table: ReportTable): number {
  const { left, right } = blockSpans(table.columns.map(sheetWidth));
  const issuer = table.issuer ?? [];
  put(sheet, 1, left, issuer[0] ?? '', { bold: issuer.length === 1 });
  put(sheet, 1, right, NATIONAL_HEADER[0], { bold: true });
  put(sheet, 2, left, issuer[1] ?? '', { bold: true });
  put(sheet, 2, right, NATIONAL_HEADER[1], { bold: true, underline: true, size: 12 });
  return 4;
}

function headerRows(sheet: ExcelJS.Worksheet, table: ReportTable, first: number): number {
  const grouped = hasGroups(table.columns);
  const bottom = grouped ? first + 1 : first;
  table.columns.forEach((column, i) => {
    const col = i + 1;
    sheet.getColumn(col).width = sheetWidth(column);
    if (column.group) {
      const start = table.columns.findIndex((c) => c.group === column.group) + 1;
      if (start === col) {
        const span = table.columns.filter((c) => c.group === column.group).length;
        const g = sheet.getCell(first, col);
        g.value = column.group;
        if (span > 1) sheet.mergeCells(first, col, first, col + span - 1);
      }
      sheet.getCell(bottom, col).value = column.header;
    } else {
      sheet.getCell(first, col).value = column.header;
      if (bottom > first) sheet.mergeCells(first, col, bottom, col);
    }
  });
  let last = bottom;
  if (hasNumbers(table.columns)) {
    last += 1;
    table.columns.forEach((column, i) => {
      sheet.getCell(last, i + 1).value = column.number ?? '';
    });
  }
  for (let r = first; r <= last; r++) {
    const row = sheet.getRow(r);
    for (let c = 1; c <= table.columns.length; c++) {
      const cell = row.getCell(c);
      cell.font = { name: FONT, size: TABLE_SIZE, bold: r <= bottom, italic: r > bottom };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BOX;
    }
  }
  sheet.getRow(bottom).height = 54;
  return last;
}

function dataRows(sheet: ExcelJS.Worksheet, table: ReportTable, first: number): number {
  let r = first;
  for (const tableRow of table.rows) {
    const row = sheet.getRow(r++);
    row.height = rowHeight(table, tableRow.cells);
    table.columns.forEach((column, i) => {
      const cell = row.getCell(i + 1);
      cell.value = value(tableRow.cells[column.key] ?? null, column);
      if (column.kind === 'money' || column.kind === 'integer') cell.numFmt = MONEY_FORMAT;
      if (column.kind === 'rate') cell.numFmt = RATE_FORMAT;
      cell.font = {
        name: FONT,
        size: TABLE_SIZE,
        bold: tableRow.emphasis === true,
        italic: tableRow.detail === true,
      };
      cell.alignment = {
        vertical: 'top',
        wrapText: column.kind === 'text',
        ...(column.kind === 'text' && tableRow.detail && i > 0 ? { indent: 1 } : {}),
        ...(column.kind === 'date' || (column.kind === 'text' && i === 0 && table.issuer)
          ? { horizontal: 'center' as const }
          : {}),
      };
      cell.border = BOX;
    });
  }
  return r - 1;
}

function signatureRows(sheet: ExcelJS.Worksheet, table: ReportTable, after: number): number {
  const block = table.signatures;
  if (!block) return after;
  const spans = blockSpans(table.columns.map(sheetWidth), block.signers.length);
  let r = after + 2;
  put(sheet, r++, spans.right, block.placeAndDate, { italic: true });
  const tallest = Math.max(...block.signers.map((s) => s.capacity.length));
  block.signers.forEach((signer, i) => {
    const span = spans.signers[i] ?? spans.right;
    put(sheet, r, span, signer.role, { bold: true });
    signer.capacity.forEach((line, j) => put(sheet, r + 1 + j, span, line, { bold: true }));
    put(sheet, r + 1 + tallest, span, signer.hint, { italic: true });
    put(sheet, r + 6 + tallest, span, signer.name ?? '', { bold: true });
  });
  return r + 6 + tallest;
}

/**
 * The workbook of a report. A print-ready report (one with an issuer) is a form to sign:
 * issuing body and national header, title, grouped and numbered column headers frozen
 * on screen and repeated on every printed page, real number cells, the signature block,
 * landscape A4 fitted to the page width, with page numbers.
 */
export function toWorkbook(table: ReportTable): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sổ cái ngân sách CTMTQG';
  const sheet = workbook.addWorksheet(table.sheetName);
  const width = table.columns.length;
  let rowIndex = table.issuer ? formHeader(sheet, table) : 1;
  if (table.notice) {
    put(sheet, rowIndex++, [1, width], table.notice, { bold: true, color: { argb: 'FFC00000' } });
  }
  for (const [i, line] of [table.title, ...table.subtitle].entries()) {
    put(sheet, rowIndex++, [1, width], line, {
      bold: i === 0,
      size: i === 0 ? 14 : 11,
      italic: i > 0 && Boolean(table.issuer),
    });
  }
  if (table.unitLine) {
    const from = Math.max(1, width - 2);
    put(sheet, rowIndex++, [from, width], table.unitLine, { italic: true }, 'right');
  }
  rowIndex++;
  const headerStart = rowIndex;
  const headerEnd = headerRows(sheet, table, headerStart);
  const lastData = dataRows(sheet, table, headerEnd + 1);
  let last = lastData;
  for (const note of table.notes ?? []) {
    put(sheet, ++last, [1, width], note, { italic: true, size: 10 }, 'left');
  }
  last = signatureRows(sheet, table, last);
  sheet.views = [
    {
      state: 'frozen',
      xSplit: table.frozenColumns ?? 0,
      ySplit: headerEnd,
      topLeftCell: sheet.getCell(headerEnd + 1, (table.frozenColumns ?? 0) + 1).address,
    },
  ];
  const lastColumn = sheet.getColumn(width).letter;
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printArea: `A1:${lastColumn}${last}`,
    printTitlesRow: `${headerStart}:${headerEnd}`,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.2, footer: 0.25 },
  };
  sheet.headerFooter = { oddFooter: '&C&"Times New Roman"&9Trang &P/&N' };
  return workbook;
}

export async function toXlsx(table: ReportTable): Promise<Buffer> {
  return Buffer.from(await toWorkbook(table).xlsx.writeBuffer());
}

/** Streams the workbook to `out` (an HTTP response, a file). */
export async function writeXlsx(table: ReportTable, out: Writable): Promise<void> {
  await toWorkbook(table).xlsx.write(out);
}
