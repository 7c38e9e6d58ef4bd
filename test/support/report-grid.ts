import ExcelJS from 'exceljs';

/** A report's table as read back from a file: the STT, the label and the other cells. */
export interface GridRow {
  readonly no: string;
  readonly name: string;
  readonly cells: readonly (number | string | null)[];
}

export interface Grid {
  readonly headers: readonly string[];
  readonly rows: readonly GridRow[];
}

/** RFC 4180 fields, with `separator`, quotes and CRLF; the BOM dropped. */
export function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\ufeff/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

function cellOf(text: string): number | string | null {
  if (text === '') return null;
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

/**
 * The table of a sheet-like grid (LibreOffice's CSV of an XLSX, or our CSV): from the row
 * whose first cells are STT / Nội dung down to the first row with neither.
 */
export function gridFromRows(raw: readonly (readonly string[])[], first = 0): Grid {
  const start = raw.findIndex((r) => r[first] === 'STT' && r[first + 1] === 'Nội dung');
  if (start < 0) throw new Error('no table header (STT, Nội dung) in the file');
  const top = raw[start] ?? [];
  const second = raw[start + 1] ?? [];
  const grouped = (second[first] ?? '') === '' && (second[first + 1] ?? '') === '';
  let group = '';
  const headers = top.slice(first + 2).map((h, i) => {
    if (!grouped) return h;
    const under = second[first + 2 + i] ?? '';
    if (h !== '' && under !== '') group = h;
    else if (h !== '') group = '';
    return under === '' ? h : `${group} - ${under}`;
  });
  const rows: GridRow[] = [];
  for (const r of raw.slice(start + (grouped ? 2 : 1))) {
    const no = r[first] ?? '';
    const name = r[first + 1] ?? '';
    if (no === 'A' && name === 'B') continue; // the numbering row
    if (name === '') break; // notes, signatures
    rows.push({ no, name, cells: r.slice(first + 2).map(cellOf) });
  }
  return { headers, rows };
}

/** The same from an XLSX read with ExcelJS (cell values as the workbook stores them). */
export async function gridFromXlsx(file: string): Promise<Grid> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error(`${file}: no sheet`);
  const raw: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = row.getCell(c);
      // A merged range holds its value in its top-left cell only, as in LibreOffice's CSV.
      const v = cell.isMerged && cell.master.address !== cell.address ? null : cell.value;
      cells.push(v === null || v === undefined ? '' : typeof v === 'object' ? '' : String(v));
    }
    raw[row.number - 1] = cells;
  });
  return gridFromRows(raw.map((r) => r ?? []));
}

export type Level = 'total' | 'project' | 'part' | 'activity' | 'unassigned' | 'output';

export function levelOf(row: GridRow): Level {
  if (row.no === '' && /TỔNG CỘNG|TOTAL/.test(row.name)) return 'total';
  if (/^[IVXL]+$/.test(row.no)) return 'project';
  if (/^\d+$/.test(row.no)) return 'part';
  if (/^\d+\.\d+$/.test(row.no)) return 'activity';
  if (row.no === '-') return 'unassigned';
  return 'output';
}

const RANK: Record<Level, number> = {
  total: 0,
  project: 1,
  part: 2,
  activity: 3,
  unassigned: 3,
  output: 4,
};

/**
 * Every parent equals the sum of its children, column by column, wherever all children
 * carry the column (a column blank in every child is not carried at that level). Rates
 * (headers with "%") never add up, nor do output counts; both are left out. Returns what
 * does not add up.
 */
export function sumMismatches(grid: Grid): string[] {
  const problems: string[] = [];
  const levels = grid.rows.map(levelOf);
  grid.rows.forEach((parent, i) => {
    const rank = RANK[levels[i] ?? 'output'];
    if (rank >= 3) return;
    const children: GridRow[] = [];
    for (let j = i + 1; j < grid.rows.length; j++) {
      const childRank = RANK[levels[j] ?? 'output'];
      if (childRank <= rank) break;
      const child = grid.rows[j];
      if (child && childRank === rank + 1) children.push(child);
    }
    if (children.length === 0) return;
    parent.cells.forEach((value, c) => {
      if (typeof value !== 'number' || (grid.headers[c] ?? '').includes('%')) return;
      const carried = children.map((k) => k.cells[c]);
      if (carried.every((v) => v === null || v === undefined)) return;
      if (!carried.every((v) => typeof v === 'number')) {
        problems.push(`${parent.no} ${parent.name}: ${grid.headers[c]} blank in some children`);
        return;
      }
      const sum = carried.reduce<number>((a, b) => a + (typeof b === 'number' ? b : 0), 0);
      if (sum !== value) {
        problems.push(`${parent.no} ${parent.name}: ${grid.headers[c]} ${value} ≠ Σ ${sum}`);
      }
    });
  });
  return problems;
}

export function rowNamed(grid: Grid, name: RegExp): GridRow {
  const row = grid.rows.find((r) => name.test(r.name));
  if (!row)
    throw new Error(`no row ${String(name)} in ${grid.rows.map((r) => r.name).join(' | ')}`);
  return row;
}

export function column(grid: Grid, header: RegExp): number {
  const i = grid.headers.findIndex((h) => header.test(h));
  if (i < 0) throw new Error(`no column ${String(header)} in ${grid.headers.join(' | ')}`);
  return i;
}
