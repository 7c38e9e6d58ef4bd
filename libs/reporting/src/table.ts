/**
 * A report as a table, independent of its file format: CSV and XLSX writers both take
 * it, so a report is defined once. Money cells hold bigint đồng.
 */
export type CellKind = 'text' | 'money' | 'integer' | 'date' | 'rate';

export interface Column {
  readonly key: string;
  readonly header: string;
  readonly kind: CellKind;
  /** Width in characters for XLSX. */
  readonly width?: number;
}

export type Cell = string | number | bigint | null;

export interface TableRow {
  readonly cells: Readonly<Record<string, Cell>>;
  /** Section headings and totals are set in bold. */
  readonly emphasis?: boolean;
}

export interface ReportTable {
  /** The report's name, e.g. BÁO CÁO TÌNH HÌNH GIẢI NGÂN… */
  readonly title: string;
  /** Lines under the title: the unit, fiscal year, as-of date, known-at instant. */
  readonly subtitle: readonly string[];
  readonly columns: readonly Column[];
  readonly rows: readonly TableRow[];
  readonly sheetName: string;
}
