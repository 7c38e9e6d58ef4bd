import type { Column } from './table';

export type Span = readonly [from: number, to: number];

export function hasGroups(columns: readonly Column[]): boolean {
  return columns.some((c) => c.group !== undefined);
}

export function hasNumbers(columns: readonly Column[]): boolean {
  return columns.some((c) => c.number !== undefined);
}

/** Width in characters (XLSX); the PDF uses the same proportions. */
export function columnWidth(column: Column): number {
  if (column.width) return column.width;
  switch (column.kind) {
    case 'money':
      return 14;
    case 'rate':
      return 9;
    case 'date':
      return 12;
    case 'integer':
      return 10;
    case 'text':
      return 14;
  }
}

/**
 * Where the header blocks and the signers stand over `width` columns: the issuer over
 * the first columns, the national header over the last ones, signers spread evenly.
 */
export function blockSpans(
  width: number,
  signers = 3,
): { left: Span; right: Span; signers: Span[] } {
  const side = Math.max(1, Math.min(6, Math.floor(width / 3)));
  const left: Span = [1, Math.min(width, Math.max(2, side - 2))];
  const right: Span = [Math.max(1, width - side + 1), width];
  const spans: Span[] = [];
  for (let i = 0; i < signers; i++) {
    if (i === 0) spans.push(left);
    else if (i === signers - 1) spans.push(right);
    else {
      const middle = Math.round((width * (i + 0.5)) / signers);
      spans.push([Math.max(left[1] + 1, middle - 2), Math.min(right[0] - 1, middle + 2)]);
    }
  }
  return { left, right, signers: spans };
}
