/** A column of a text table: its header and which side its cells keep to (amounts: right). */
export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
}

/**
 * Width on screen: a Vietnamese letter counts once whether it was typed precomposed or
 * with combining marks (cells are written out precomposed, NFC).
 */
function width(text: string): number {
  return [...text.normalize('NFC')].length;
}

function fit(cell: string, size: number, align: 'left' | 'right'): string {
  const text = cell.normalize('NFC');
  const gap = ' '.repeat(Math.max(0, size - width(text)));
  return align === 'right' ? gap + text : text + gap;
}

/**
 * A plain-text table for the terminal: header, a rule, the rows and, when given, a rule
 * and a footer row (totals). Cells are already formatted; amounts align right.
 */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  footer?: readonly string[],
): string {
  const all = [columns.map((c) => c.header), ...rows, ...(footer ? [footer] : [])];
  const sizes = columns.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    columns
      .map((c, i) => fit(cells[i] ?? '', sizes[i] ?? 0, c.align ?? 'left'))
      .join('  ')
      .trimEnd();
  const rule = sizes.map((s) => '-'.repeat(s)).join('  ');
  return [
    line(all[0] ?? []),
    rule,
    ...rows.map(line),
    ...(footer ? [rule, line(footer)] : []),
  ].join('\n');
}
