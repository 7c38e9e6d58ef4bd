/**
 * The columns of the Treasury's statement of estimates used (mẫu 01-SDKP/ĐVDT, "Bảng
 * đối chiếu dự toán kinh phí ngân sách bằng hình thức rút dự toán tại KBNN"), as we read
 * the form: the names a header cell may carry, compared without accents, case or spaces.
 * Data, not code: when the Treasury's file names a column otherwise, add the name here.
 * Nothing is read that the statement does not carry; a column it leaves out is not compared.
 */
export const KEY_COLUMNS = {
  source: ['mã nguồn nsnn', 'mã nguồn', 'nguồn nsnn', 'mã nguồn ngân sách'],
  chapter: ['mã chương', 'chương'],
  sector: [
    'mã ngành kt',
    'mã ngành kinh tế',
    'mã ngành',
    'loại khoản',
    'mã loại khoản',
    'mã khoản',
  ],
  program: ['mã ctmt, da', 'mã ctmt da', 'mã ctmt', 'mã chương trình mục tiêu', 'mã ctmtqg'],
} as const;

export type KeyColumn = keyof typeof KEY_COLUMNS;

export const AMOUNT_COLUMNS = {
  carriedIn: [
    'dự toán năm trước chuyển sang',
    'năm trước chuyển sang',
    'dự toán năm trước còn lại chuyển sang',
  ],
  allocated: ['dự toán giao trong năm', 'dự toán giao', 'dự toán được giao trong năm'],
  usable: ['dự toán được sử dụng trong năm', 'dự toán được sử dụng', 'tổng dự toán được sử dụng'],
  used: ['dự toán đã sử dụng', 'đã sử dụng', 'dự toán đã rút', 'số đã sử dụng'],
  cancelled: ['dự toán bị hủy', 'dự toán bị huỷ', 'dự toán hủy', 'bị hủy'],
  remaining: ['số dư dự toán', 'dự toán còn lại', 'số dư'],
} as const;

export type AmountColumn = keyof typeof AMOUNT_COLUMNS;
export const AMOUNT_COLUMN_NAMES = Object.keys(AMOUNT_COLUMNS) as AmountColumn[];
export const KEY_COLUMN_NAMES = Object.keys(KEY_COLUMNS) as KeyColumn[];

/** How the reports name each amount, Vietnamese first. */
export const AMOUNT_LABELS: Record<AmountColumn, { vi: string; en: string }> = {
  carriedIn: { vi: 'Dự toán năm trước chuyển sang', en: 'Carried in from last year' },
  allocated: { vi: 'Dự toán giao trong năm', en: 'Allocated in the year' },
  usable: { vi: 'Dự toán được sử dụng trong năm', en: 'Usable in the year' },
  used: { vi: 'Dự toán đã sử dụng', en: 'Used (paid by the Treasury)' },
  cancelled: { vi: 'Dự toán bị hủy', en: 'Cancelled' },
  remaining: { vi: 'Số dư dự toán', en: 'Remaining' },
};

/** Header labels of the statement's own header block (above the table). */
export const HEADER_FIELDS = {
  unitCode: ['mã đvqhns', 'mã đơn vị quan hệ ngân sách', 'mã đơn vị qhns'],
  fiscalYear: ['năm ngân sách', 'năm'],
  asOf: ['đến ngày', 'tính đến ngày', 'số liệu đến ngày'],
} as const;

/** "Mã ĐVQHNS" → "ma dvqhns": accents, case, punctuation spacing and đ set aside. */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/\s*([,:])\s*/g, '$1 ')
    .replace(/\(.*?\)/g, '')
    .trim()
    .replace(/[:.]$/, '')
    .trim();
}
