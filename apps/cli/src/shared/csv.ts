/** Excel opens a UTF-8 file as UTF-8 (and Vietnamese shows right) only when it starts with the BOM. */
export const UTF8_BOM = '\uFEFF';

/** A cell: text, or a number (amounts as bigint, written as plain digits). */
export type CsvCell = string | number | bigint | null;

function field(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value !== 'string') return value.toString();
  // Text typed by users (descriptions, payees) must not run as a formula when Excel
  // opens the file: OWASP's guard, a leading apostrophe.
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 CSV for spreadsheets: the BOM, a header row, CRLF line ends. Amounts go in as
 * plain integers (no thousands separators) so Excel computes with them whatever its locale.
 */
export function renderCsv(
  headers: readonly string[],
  rows: readonly (readonly CsvCell[])[],
): string {
  return UTF8_BOM + [headers, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
