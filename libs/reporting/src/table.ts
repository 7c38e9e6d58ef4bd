/**
 * A report as a table, independent of its file format: the CSV, XLSX and PDF writers all
 * take it, so a report is defined once. Money cells hold bigint đồng.
 */
export type CellKind = 'text' | 'money' | 'integer' | 'date' | 'rate';

export interface Column {
  readonly key: string;
  readonly header: string;
  readonly kind: CellKind;
  /** Width in characters for XLSX (the PDF scales the same widths to the page). */
  readonly width?: number;
  /** The header above several neighbouring columns, e.g. "Dự toán năm 2024". */
  readonly group?: string;
  /** The column's number in the form's numbering row: A, B, 1, 2, "7=2+3+4+5+6". */
  readonly number?: string;
  /**
   * false: a column of long text for the data files (CSV, XLSX) that an A4 page has no
   * room for; the PDF leaves it out and the table's notes must say the same.
   */
  readonly printed?: boolean;
}

export type Cell = string | number | bigint | null;

export interface TableRow {
  readonly cells: Readonly<Record<string, Cell>>;
  /** Section headings and totals are set in bold. */
  readonly emphasis?: boolean;
  /** Activity rows are set in italics, indented. */
  readonly detail?: boolean;
  /** For machines (CSV): the row's level (total, project, part, activity…) and code. */
  readonly level?: string;
  readonly code?: string;
}

/** Who signs a report, left to right: Người lập biểu, Kế toán trưởng, Thủ trưởng đơn vị. */
export interface Signer {
  /** NGƯỜI LẬP BIỂU, KẾ TOÁN TRƯỞNG, THỦ TRƯỞNG ĐƠN VỊ. */
  readonly role: string;
  /** Lines under the role for one signing on behalf: ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]. */
  readonly capacity: readonly string[];
  /** "(Ký, ghi rõ họ tên)", "(Ký, họ tên, đóng dấu)". */
  readonly hint: string;
  /** Left blank (to be written by hand) when not given. */
  readonly name: string | null;
}

export interface SignatureBlock {
  /** "Ba Tơ, ngày 19 tháng 3 năm 2024", over the last signer. */
  readonly placeAndDate: string;
  readonly signers: readonly Signer[];
}

export interface ReportTable {
  /** The report's name, e.g. BÁO CÁO TÌNH HÌNH GIẢI NGÂN… */
  readonly title: string;
  /** Lines under the title: the unit, fiscal year, as-of date, known-at instant. */
  readonly subtitle: readonly string[];
  readonly columns: readonly Column[];
  readonly rows: readonly TableRow[];
  readonly sheetName: string;
  /**
   * A print-ready report (a form to sign): the issuing body top left, the national
   * header top right ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc").
   */
  readonly issuer?: readonly string[];
  /** Said in red above the title, e.g. that the figures are illustrative. */
  readonly notice?: string;
  /** "Đơn vị tính: đồng", right-aligned above the table. */
  readonly unitLine?: string;
  readonly notes?: readonly string[];
  readonly signatures?: SignatureBlock;
  /** Columns kept in view when scrolling right (STT and Nội dung). */
  readonly frozenColumns?: number;
}

export const NATIONAL_HEADER = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
] as const;
