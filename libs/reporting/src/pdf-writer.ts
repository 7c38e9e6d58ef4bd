import { formatMoney } from '@app/budgeting';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Content, ContentTable, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { columnWidth, hasGroups, hasNumbers } from './layout';
import { NATIONAL_HEADER, type Cell, type Column, type ReportTable } from './table';

/**
 * Tinos (Google Fonts, from the @expo-google-fonts/tinos package): metric-compatible with
 * Times New Roman, which Vietnamese administrative documents use, with every Vietnamese
 * glyph. pdfmake embeds the subset it uses, so the PDF prints the same anywhere.
 */
const FONT_DIR = dirname(require.resolve('@expo-google-fonts/tinos/package.json'));
const FONT_FILES = {
  normal: join(FONT_DIR, '400Regular', 'Tinos_400Regular.ttf'),
  bold: join(FONT_DIR, '700Bold', 'Tinos_700Bold.ttf'),
  italics: join(FONT_DIR, '400Regular_Italic', 'Tinos_400Regular_Italic.ttf'),
  bolditalics: join(FONT_DIR, '700Bold_Italic', 'Tinos_700Bold_Italic.ttf'),
};
const ALLOWED = new Set(Object.values(FONT_FILES));

type PdfMake = typeof import('pdfmake');
let engine: Promise<PdfMake> | undefined;

/** pdfmake, loaded on the first PDF only (the CLI's CSV and XLSX need not pay for it). */
function pdfEngine(): Promise<PdfMake> {
  engine ??= import('pdfmake').then((loaded) => {
    const pdfmake = (loaded as { default?: PdfMake }).default ?? loaded;
    pdfmake.setFonts({ Tinos: FONT_FILES });
    // A report fetches nothing and reads no file but its fonts.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((path) => ALLOWED.has(path));
    return pdfmake;
  });
  return engine;
}

/** A4 landscape in points, and the margins: left, top, right, bottom. */
const PAGE_WIDTH = 841.89;
const MARGINS: [number, number, number, number] = [24, 26, 24, 34];
const CELL_PADDING = 2;
const BODY_SIZE = 7;

function text(cell: Cell, column: Column): string {
  if (cell === null) return '';
  if (typeof cell === 'bigint') return formatMoney(cell);
  if (column.kind === 'rate' && typeof cell === 'number') return cell.toFixed(2).replace('.', ',');
  if (column.kind === 'integer' && typeof cell === 'number') return formatMoney(BigInt(cell));
  if (column.kind === 'date' && typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cell)) {
    const [y, m, d] = cell.split('-');
    return `${Number(d)}/${Number(m)}/${y}`;
  }
  return String(cell);
}

function alignment(column: Column, index: number): 'left' | 'right' | 'center' {
  if (column.kind === 'money' || column.kind === 'integer' || column.kind === 'rate') {
    return 'right';
  }
  return column.kind === 'date' || index === 0 ? 'center' : 'left';
}

/**
 * Widths of Times New Roman's (and so Tinos's) glyphs in numbers, in ems: an amount
 * never wraps, so its column is measured, not guessed.
 */
function numberWidth(value: string, size: number): number {
  let ems = 0;
  for (const c of value) ems += /\d/.test(c) ? 0.5 : c === '-' ? 0.333 : c === '/' ? 0.278 : 0.25;
  return ems * size;
}

/**
 * Column widths in points: numbers, rates and dates as wide as their longest value (or
 * a heading word), the text columns share the rest in the proportions of the XLSX widths.
 */
function widths(table: ReportTable): number[] {
  const { columns } = table;
  const usable = PAGE_WIDTH - MARGINS[0] - MARGINS[2] - columns.length * (2 * CELL_PADDING + 0.5);
  const fixed = columns.map((column) => {
    // A narrow text column (STT) keeps its width; the others share what is left.
    if (column.kind === 'text') return (column.width ?? 99) <= 6 ? 22 : null;
    const longest = Math.max(
      ...table.rows.map((row) =>
        numberWidth(text(row.cells[column.key] ?? null, column), BODY_SIZE),
      ),
    );
    return Math.max(longest + 4, 36);
  });
  const taken = fixed.reduce<number>((a, w) => a + (w ?? 0), 0);
  const flexible = columns.map((c, i) => (fixed[i] === null ? columnWidth(c) : 0));
  const share = flexible.reduce((a, b) => a + b, 0);
  return columns.map((_, i) => {
    const width = fixed[i] ?? ((usable - taken) * (flexible[i] ?? 0)) / share;
    return Math.floor(width * 100) / 100;
  });
}

function heading(text: string, span: { colSpan?: number; rowSpan?: number } = {}): TableCell {
  return { text, bold: true, alignment: 'center', ...span };
}

/** Group headers over their columns, a column without group spanning both rows, numbers. */
function headerBody(columns: readonly Column[]): TableCell[][] {
  const grouped = hasGroups(columns);
  const top: TableCell[] = [];
  const second: TableCell[] = [];
  columns.forEach((column, i) => {
    if (!grouped) {
      top.push(heading(column.header));
      return;
    }
    if (column.group) {
      const first = columns.findIndex((c) => c.group === column.group) === i;
      const span = columns.filter((c) => c.group === column.group).length;
      top.push(first ? heading(column.group, { colSpan: span }) : heading(''));
      second.push(heading(column.header));
    } else {
      top.push(heading(column.header, { rowSpan: 2 }));
      second.push(heading(''));
    }
  });
  const rows = grouped ? [top, second] : [top];
  if (hasNumbers(columns)) {
    rows.push(columns.map((c) => ({ text: c.number ?? '', italics: true, alignment: 'center' })));
  }
  return rows;
}

/** Ids pdfmake reports back during layout: where the last row and the signatures landed. */
const LAST_ROW = 'last-row';
const SIGNATURES = 'signatures';
/** Rows carried over with a signature block that would otherwise stand alone on a page. */
const ROWS_KEPT_WITH_SIGNATURES = 2;

/**
 * The table, or — when `carried` rows must go with the signatures to the next page — the
 * same table in two parts, the second starting a page with the header repeated, as the
 * header repeats on any continued page.
 */
function tableContent(table: ReportTable, carried: number): Content[] {
  const body = table.rows.map((row) =>
    table.columns.map((column, i): TableCell & { text: string } => ({
      text: text(row.cells[column.key] ?? null, column),
      alignment: alignment(column, i),
      bold: row.emphasis === true,
      italics: row.detail === true,
      ...(row.detail && column.kind === 'text' && i > 0 ? { margin: [6, 0, 0, 0] } : {}),
    })),
  );
  // The last row's first printed cell carries the id (pdfmake skips empty text; ids are unique).
  const marked = body.at(-1)?.find((cell) => cell.text !== '');
  if (marked) Object.assign(marked, { id: LAST_ROW });
  const cut = Math.max(0, body.length - carried);
  const parts = carried > 0 ? [body.slice(0, cut), body.slice(cut)] : [body];
  return parts
    .filter((rows, i) => rows.length > 0 || i === parts.length - 1)
    .map((rows, i) => ({
      ...tablePart(table, rows),
      ...(i > 0 || (carried > 0 && cut === 0) ? { pageBreak: 'before' as const } : {}),
    }));
}

function tablePart(table: ReportTable, rows: TableCell[][]): ContentTable {
  // Its own header cells: pdfmake writes its layout into the nodes it is given.
  const head = headerBody(table.columns);
  return {
    table: {
      headerRows: head.length,
      dontBreakRows: true,
      widths: widths(table),
      body: [...head, ...rows],
    },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      paddingLeft: () => CELL_PADDING,
      paddingRight: () => CELL_PADDING,
      paddingTop: () => 1.5,
      paddingBottom: () => 1.5,
      fillColor: (rowIndex: number) => (rowIndex < head.length ? '#f2f2f2' : null),
    },
    fontSize: BODY_SIZE,
  };
}

/** A short rule under a centred heading line, as official forms draw it (pdfmake centres it). */
function rule(length: number): Content {
  return { canvas: [{ type: 'line', x1: 0, y1: 1, x2: length, y2: 1, lineWidth: 0.6 }] };
}

function formHeader(issuer: readonly string[]): Content {
  const left = 400;
  const right = 320;
  return {
    columns: [
      {
        width: left,
        stack: [
          { text: issuer[0] ?? '', bold: issuer.length === 1 },
          ...(issuer[1] ? [{ text: issuer[1], bold: true }] : []),
          rule(70),
        ],
        alignment: 'center',
        fontSize: 10.5,
      },
      { width: '*', text: '' },
      {
        width: right,
        stack: [
          { text: NATIONAL_HEADER[0], bold: true },
          { text: NATIONAL_HEADER[1], bold: true, fontSize: 12 },
          rule(155),
        ],
        alignment: 'center',
        fontSize: 11,
      },
    ],
    margin: [0, 0, 0, 10],
  };
}

function signatures(table: ReportTable): Content[] {
  const block = table.signatures;
  if (!block) return [];
  const tallest = Math.max(...block.signers.map((s) => s.capacity.length));
  return [
    {
      unbreakable: true,
      stack: [
        {
          columns: [
            { width: '*', text: '' },
            {
              width: 280,
              text: block.placeAndDate,
              italics: true,
              alignment: 'center',
              id: SIGNATURES,
            },
          ],
          margin: [0, 10, 0, 2],
        },
        {
          columns: block.signers.map((s) => ({
            width: '*',
            alignment: 'center' as const,
            stack: [
              { text: s.role, bold: true },
              ...s.capacity.map((line) => ({ text: line, bold: true })),
              { text: s.hint, italics: true, fontSize: 9 },
              {
                text: s.name ?? ' ',
                bold: true,
                margin: [0, 48 + 13 * (tallest - s.capacity.length), 0, 0],
              },
            ],
          })),
        },
      ],
      fontSize: 11,
    },
  ];
}

/**
 * The document; `carried` rows of the table go to the signatures' page (see render).
 * `watch` hears, during layout, whether the signature block landed on a page without any
 * row of the table.
 */
function definition(
  all: ReportTable,
  carried = 0,
  watch: (alone: boolean) => void = () => undefined,
): TDocumentDefinitions {
  // A column for data files only: on an A4 page its notes say the same (Column.printed).
  const table = { ...all, columns: all.columns.filter((c) => c.printed !== false) };
  const content: Content[] = [];
  if (table.issuer) content.push(formHeader(table.issuer));
  if (table.notice) {
    content.push({
      table: {
        widths: ['*'],
        body: [[{ text: table.notice, color: '#b00000', bold: true, alignment: 'center' }]],
      },
      layout: {
        hLineColor: () => '#b00000',
        vLineColor: () => '#b00000',
      },
      fontSize: 10,
      margin: [60, 0, 60, 6],
    });
  }
  content.push({ text: table.title, bold: true, fontSize: 13, alignment: 'center' });
  for (const line of table.subtitle) {
    content.push({ text: line, italics: true, fontSize: 10, alignment: 'center' });
  }
  if (table.unitLine) {
    content.push({
      text: table.unitLine,
      italics: true,
      fontSize: 9,
      alignment: 'right',
      margin: [0, 4, 0, 2],
    });
  }
  content.push(...tableContent(table, carried));
  for (const note of table.notes ?? []) {
    content.push({ text: note, italics: true, fontSize: 8, margin: [0, 3, 0, 0] });
  }
  content.push(...signatures(table));
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: MARGINS,
    defaultStyle: { font: 'Tinos', fontSize: 10, lineHeight: 1.1 },
    info: {
      title: table.title,
      author: 'Sổ cái ngân sách CTMTQG',
      creator: 'Sổ cái ngân sách CTMTQG',
    },
    footer: (current: number, count: number): Content => ({
      text: `Trang ${current}/${count}`,
      alignment: 'center',
      fontSize: 8,
      margin: [0, 12, 0, 0],
    }),
    content,
    // Only looks (never breaks): render() lays the document out again when needed.
    pageBreakBefore: (node, nodes) => {
      if (node.id === SIGNATURES && table.rows.length > 0) {
        watch(!nodes.getPreviousNodesOnPage().some((n) => n.id === LAST_ROW));
      }
      return false;
    },
  };
}

/**
 * Lays the report out; when the signature block would stand alone on its page (the table
 * ended exactly at the foot of the previous one), lays it out again with the last rows
 * carried to that page. A signature under no figures is one an official cannot sign: it
 * could be stapled under any table.
 */
async function render<T>(
  table: ReportTable,
  output: (definition: TDocumentDefinitions) => Promise<T>,
): Promise<T> {
  let alone = false;
  const first = await output(definition(table, 0, (a) => (alone = a)));
  if (!alone) return first;
  return output(definition(table, ROWS_KEPT_WITH_SIGNATURES));
}

/** The report as a print-ready PDF, streamed: A4 landscape, Tinos embedded, page numbers. */
export async function pdfStream(table: ReportTable): Promise<Readable> {
  const pdfmake = await pdfEngine();
  const doc = await render(table, (d) => pdfmake.createPdf(d).getStream());
  doc.end();
  return doc;
}

export async function toPdf(table: ReportTable): Promise<Buffer> {
  const pdfmake = await pdfEngine();
  return render(table, (d) => pdfmake.createPdf(d).getBuffer());
}
