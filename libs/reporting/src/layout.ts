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

/** How many columns, counted from one end, it takes to hold `chars` characters. */
function reach(widths: readonly number[], chars: number): number {
  let sum = 0;
  for (const [i, w] of widths.entries()) {
    sum += w;
    if (sum >= chars) return i + 1;
  }
  return widths.length;
}

/**
 * Where the header blocks and the signers stand over columns of these widths (in
 * characters): the issuer over the first columns, the national header over the last ones,
 * each wide enough for its longest line; a middle signer between them.
 */
export function blockSpans(
  widths: readonly number[],
  signers = 3,
): { left: Span; right: Span; signers: Span[] } {
  const n = widths.length;
  const left: Span = [1, Math.min(n, Math.max(2, reach(widths, 50)))];
  const right: Span = [Math.max(left[1] + 1, n - reach([...widths].reverse(), 42) + 1), n];
  const spans: Span[] = [];
  for (let i = 0; i < signers; i++) {
    if (i === 0) spans.push(left);
    else if (i === signers - 1) spans.push(right);
    else spans.push([Math.min(left[1] + 1, right[0] - 1), Math.max(left[1] + 1, right[0] - 1)]);
  }
  return { left, right, signers: spans };
}
