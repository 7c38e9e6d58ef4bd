import { DomainError } from '@app/budgeting';

const DELIMITERS = [';', ',', '\t'] as const;

/** The delimiter the file uses: the one that splits most lines, Excel's `;` first on ties. */
function detectDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).slice(0, 50);
  let best: string = DELIMITERS[0];
  let bestCount = -1;
  for (const d of DELIMITERS) {
    const count = lines.reduce((n, line) => n + line.split(d).length - 1, 0);
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * CSV as the Treasury's and Excel's exports write it (RFC 4180: quoted fields, doubled
 * quotes, line breaks inside quotes; UTF-8 with or without BOM; `;`, `,` or tab).
 * Returns the rows as text cells; a quote left open is refused, naming its line.
 */
export function readCsvRows(text: string): string[][] {
  const source = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(source);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      line++;
    } else cell += ch;
  }
  if (quoted) {
    throw new DomainError(
      'TREASURY.STATEMENT_MALFORMED',
      'validation',
      {
        vi: `dòng ${quoteLine}: dấu ngoặc kép mở mà không đóng`,
        en: `row ${quoteLine}: a quoted field is never closed`,
      },
      { row: String(quoteLine) },
    );
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
