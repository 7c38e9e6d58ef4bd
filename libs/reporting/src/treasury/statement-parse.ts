import { DomainError, type Money } from '@app/budgeting';
import {
  AMOUNT_COLUMNS,
  AMOUNT_COLUMN_NAMES,
  HEADER_FIELDS,
  KEY_COLUMNS,
  KEY_COLUMN_NAMES,
  normalizeLabel,
  type AmountColumn,
  type KeyColumn,
} from './statement-columns';

/** A row of the file as read: its number in the file (1-based) and its cells' text. */
export interface SheetRow {
  readonly number: number;
  readonly cells: readonly string[];
}

export interface StatementKey {
  readonly source: string;
  readonly chapter: string;
  readonly sector: string;
  readonly program: string;
}

export interface StatementRow extends StatementKey {
  readonly row: number;
  readonly amounts: Partial<Record<AmountColumn, Money>>;
}

/** The statement as the Treasury gives it: only what the file carries. */
export interface TreasuryStatement {
  readonly unitCode: string | null;
  readonly fiscalYear: number | null;
  readonly asOf: string | null;
  /** The amount columns present, in file order. */
  readonly columns: readonly AmountColumn[];
  readonly rows: readonly StatementRow[];
  /** Header cells matching no known column: shown to the reader, never guessed at. */
  readonly ignoredColumns: readonly string[];
}

/** How many digits each code has in the budget index. */
const KEY_DIGITS: Record<KeyColumn, number> = { source: 2, chapter: 3, sector: 3, program: 4 };

function malformed(row: number, column: string | null, vi: string, en: string): DomainError {
  const where = column ? `dòng ${row}, cột ${column}` : `dòng ${row}`;
  const whereEn = column ? `row ${row}, column ${column}` : `row ${row}`;
  return new DomainError(
    'TREASURY.STATEMENT_MALFORMED',
    'validation',
    { vi: `${where}: ${vi}`, en: `${whereEn}: ${en}` },
    { row: String(row), ...(column ? { column } : {}) },
  );
}

/** Excel's column letter: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function matches(cell: string, aliases: readonly string[]): boolean {
  const label = normalizeLabel(cell);
  return label !== '' && aliases.some((a) => normalizeLabel(a) === label);
}

/** Whole đồng as the Treasury prints them: 2.444.771.300, 2444771300, "2.444.771.300,00"; blank is 0. */
export function parseStatementAmount(text: string): Money | null {
  const t = text.replace(/[\s\u00a0]/g, '');
  if (t === '' || t === '-') return 0n;
  const m = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,0+)?$/.exec(t);
  if (!m) return null;
  const digits = (m[2] ?? '').replace(/\./g, '');
  const value = BigInt(digits);
  return m[1] === '-' ? -value : value;
}

function parseDate(text: string): string | null {
  const m = /(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(text);
  if (!m) return null;
  return `${m[3]}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
}

interface Layout {
  readonly keys: Record<KeyColumn, number>;
  readonly amounts: { readonly column: AmountColumn; readonly index: number }[];
  readonly headers: readonly string[];
  readonly ignored: readonly string[];
}

function layoutOf(cells: readonly string[]): Layout | null {
  const keys: Partial<Record<KeyColumn, number>> = {};
  const amounts: { column: AmountColumn; index: number }[] = [];
  const ignored: string[] = [];
  cells.forEach((cell, index) => {
    const key = KEY_COLUMN_NAMES.find(
      (k) => keys[k] === undefined && matches(cell, KEY_COLUMNS[k]),
    );
    if (key) keys[key] = index;
    else {
      const amount = AMOUNT_COLUMN_NAMES.find(
        (a) => !amounts.some((x) => x.column === a) && matches(cell, AMOUNT_COLUMNS[a]),
      );
      if (amount) amounts.push({ column: amount, index });
      else if (cell.trim() !== '' && normalizeLabel(cell) !== 'stt') ignored.push(cell.trim());
    }
  });
  if (KEY_COLUMN_NAMES.some((k) => keys[k] === undefined)) return null;
  return { keys: keys as Record<KeyColumn, number>, amounts, headers: cells, ignored };
}

/** Label and value of the header block: "Mã ĐVQHNS: 1234567" in one cell, or in two. */
function headerValue(cells: readonly string[], aliases: readonly string[]): string | null {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] ?? '';
    const colon = cell.indexOf(':');
    if (colon > 0 && matches(cell.slice(0, colon), aliases)) {
      const value = cell.slice(colon + 1).trim();
      if (value !== '') return value;
      return (cells[i + 1] ?? '').trim() || null;
    }
    if (matches(cell, aliases)) return (cells[i + 1] ?? '').trim() || null;
  }
  return null;
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');
/** The form's row of column numbers under the header: A, B, 1, 2, (3)… */
const isNumbering = (cells: readonly string[]) =>
  cells.every((c) => /^\(?[A-Z0-9]{0,2}\)?$/.test(c.trim()));
const isTotal = (cells: readonly string[]) =>
  cells.some((c) => ['tong cong', 'tong so', 'cong', 'tong'].includes(normalizeLabel(c)));

/**
 * Reads a statement from the rows of its file. Refuses, naming the row and the column,
 * what it cannot read for sure: no header row with the four key columns, a key code of
 * the wrong shape, an amount that is not whole đồng, the same key twice, and a total row
 * that does not add up.
 */
export function parseTreasuryStatement(sheet: readonly SheetRow[]): TreasuryStatement {
  let layout: Layout | null = null;
  let unitCode: string | null = null;
  let fiscalYear: number | null = null;
  let asOf: string | null = null;
  const rows: StatementRow[] = [];
  const seen = new Map<string, number>();
  let total: SheetRow | null = null;
  let headerRow = 0;

  for (const { number, cells } of sheet) {
    if (!layout) {
      layout = layoutOf(cells);
      headerRow = number;
      if (layout) continue;
      unitCode ??= headerValue(cells, HEADER_FIELDS.unitCode);
      const year = headerValue(cells, HEADER_FIELDS.fiscalYear);
      if (fiscalYear === null && year && /^\d{4}$/.test(year)) fiscalYear = Number(year);
      const date = headerValue(cells, HEADER_FIELDS.asOf);
      asOf ??= date ? parseDate(date) : null;
      continue;
    }
    if (isBlank(cells)) continue;
    const current = layout;
    const keyText = (k: KeyColumn) => (cells[current.keys[k]] ?? '').trim();
    if (isTotal(cells)) {
      total = { number, cells };
      continue;
    }
    if (isNumbering(cells)) continue;
    const key = {} as Record<KeyColumn, string>;
    for (const k of KEY_COLUMN_NAMES) {
      const text = keyText(k);
      const index = layout.keys[k];
      if (!new RegExp(`^\\d{${KEY_DIGITS[k]}}$`).test(text)) {
        throw malformed(
          number,
          `${columnLetter(index)} (${(layout.headers[index] ?? '').trim()})`,
          `mã "${text}" phải gồm ${KEY_DIGITS[k]} chữ số`,
          `code "${text}" must be ${KEY_DIGITS[k]} digits`,
        );
      }
      key[k] = text;
    }
    const id = KEY_COLUMN_NAMES.map((k) => key[k]).join('|');
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw malformed(
        number,
        null,
        `trùng mã với dòng ${earlier} (nguồn ${key.source}, chương ${key.chapter}, khoản ${key.sector}, CTMT ${key.program})`,
        `same codes as row ${earlier} (source ${key.source}, chapter ${key.chapter}, sector ${key.sector}, program ${key.program})`,
      );
    }
    seen.set(id, number);
    rows.push({ ...key, row: number, amounts: amountsOf(layout, number, cells) });
  }

  if (!layout) {
    throw malformed(
      sheet.at(-1)?.number ?? 1,
      null,
      'không tìm thấy dòng tiêu đề có đủ các cột Mã nguồn NSNN, Mã chương, Mã ngành KT, Mã CTMT',
      'no header row with the columns Mã nguồn NSNN, Mã chương, Mã ngành KT, Mã CTMT',
    );
  }
  if (layout.amounts.length === 0) {
    throw malformed(
      headerRow,
      null,
      'dòng tiêu đề không có cột số tiền nào của mẫu 01-SDKP/ĐVDT',
      'the header row has no amount column of form 01-SDKP/ĐVDT',
    );
  }
  if (total) checkTotal(layout, total, rows);
  return {
    unitCode,
    fiscalYear,
    asOf,
    columns: layout.amounts.map((a) => a.column),
    rows,
    ignoredColumns: layout.ignored,
  };
}

function amountsOf(
  layout: Layout,
  number: number,
  cells: readonly string[],
): Partial<Record<AmountColumn, Money>> {
  const amounts: Partial<Record<AmountColumn, Money>> = {};
  for (const { column, index } of layout.amounts) {
    const text = cells[index] ?? '';
    const value = parseStatementAmount(text);
    if (value === null) {
      throw malformed(
        number,
        `${columnLetter(index)} (${(layout.headers[index] ?? '').trim()})`,
        `"${text}" không phải số tiền đồng (ví dụ 2.444.771.300)`,
        `"${text}" is not an amount of whole đồng (e.g. 2.444.771.300)`,
      );
    }
    amounts[column] = value;
  }
  return amounts;
}

function checkTotal(layout: Layout, total: SheetRow, rows: readonly StatementRow[]): void {
  const amounts = amountsOf(layout, total.number, total.cells);
  for (const { column, index } of layout.amounts) {
    const sum = rows.reduce((s, r) => s + (r.amounts[column] ?? 0n), 0n);
    const printed = amounts[column] ?? 0n;
    if (printed !== sum) {
      throw malformed(
        total.number,
        `${columnLetter(index)} (${(layout.headers[index] ?? '').trim()})`,
        `dòng tổng cộng ghi ${printed} nhưng các dòng cộng lại ${sum}`,
        `the total row says ${printed} but the rows add up to ${sum}`,
      );
    }
  }
}
