import { BALANCE_COLUMNS } from '@app/read-models';
import { formatVietnameseDate } from '@app/budgeting';
import {
  basisLines,
  fileStem,
  illustrativeNotice,
  issuerLines,
  planNote,
  signatureBlock,
  type FormContext,
} from '../form';
import type { Lang } from '../labels';
import type { Cell, Column, ReportTable, TableRow } from '../table';
import { describeSource, describeSources } from './deadline-source';
import { rowLabel } from './project-names';
import type { ProgressColumn, ProgressReport, ProgressRow } from './progress.model';

type Text = { vi: string; en: string };

type Extra = 'no' | 'name' | 'deadline' | 'deadlineBasis' | 'rate';

const HEADERS: Record<ProgressColumn | Extra, Text> = {
  no: { vi: 'STT', en: 'No.' },
  name: { vi: 'Nội dung', en: 'Item' },
  plan: { vi: 'Kế hoạch', en: 'Plan' },
  currentCentral: { vi: 'NS trung ương', en: 'Central' },
  currentProvincial: { vi: 'NS tỉnh', en: 'Provincial' },
  currentDistrict: { vi: 'NS huyện', en: 'District' },
  carried: { vi: 'Số tiền', en: 'Amount' },
  deadline: { vi: 'Hạn sử dụng', en: 'Deadline' },
  deadlineBasis: { vi: 'Căn cứ hạn sử dụng', en: 'Basis of the deadline' },
  adjustments: { vi: 'Điều chỉnh tăng (+), giảm (-)', en: 'Adjustments (+/-)' },
  usable: { vi: 'Dự toán được sử dụng', en: 'Usable estimate' },
  committed: { vi: 'Đã cam kết chi', en: 'Committed' },
  paidPeriod: { vi: 'Trong kỳ', en: 'In the period' },
  paidCumulative: { vi: 'Lũy kế từ đầu năm', en: 'Since the year began' },
  advancesOpen: { vi: 'Trong đó: tạm ứng chưa thanh toán', en: 'Of which: open advances' },
  lapsed: { vi: 'Hủy dự toán, nộp trả', en: 'Lapsed, returned' },
  remaining: { vi: 'Còn lại chưa giải ngân', en: 'Not yet disbursed' },
  rate: { vi: 'Tỷ lệ giải ngân (%)', en: 'Disbursement rate (%)' },
};

const NUMBERS: Partial<Record<keyof typeof HEADERS, string>> = {
  no: 'A',
  name: 'B',
  plan: '1',
  currentCentral: '2',
  currentProvincial: '3',
  currentDistrict: '4',
  carried: '5',
  deadline: 'C',
  deadlineBasis: 'D',
  adjustments: '6',
  usable: '7=2+3+4+5+6',
  committed: '8',
  paidPeriod: '9',
  paidCumulative: '10',
  advancesOpen: '11',
  lapsed: '12',
  remaining: '13=7-10-12',
  rate: '14=10/7',
};

function columns(lang: Lang, fiscalYear: number): Column[] {
  const vi = lang === 'vi';
  const estimate = vi ? `Dự toán năm ${fiscalYear} được giao` : `${fiscalYear} estimate assigned`;
  const carried = vi ? 'Kinh phí năm trước chuyển sang' : 'Carried over from earlier years';
  const paid = vi ? 'Giải ngân' : 'Disbursed';
  const group: Partial<Record<keyof typeof HEADERS, string>> = {
    currentCentral: estimate,
    currentProvincial: estimate,
    currentDistrict: estimate,
    carried,
    deadline: carried,
    deadlineBasis: carried,
    paidPeriod: paid,
    paidCumulative: paid,
    advancesOpen: paid,
  };
  return (Object.keys(HEADERS) as (keyof typeof HEADERS)[]).map((key) => ({
    key,
    header: HEADERS[key][lang],
    kind:
      key === 'no' || key === 'name' || key === 'deadlineBasis'
        ? 'text'
        : key === 'deadline'
          ? 'date'
          : key === 'rate'
            ? 'rate'
            : 'money',
    ...(key === 'no' ? { width: 5 } : key === 'name' ? { width: 50 } : {}),
    ...(key === 'deadline' ? { width: 13 } : key === 'deadlineBasis' ? { width: 24 } : {}),
    ...(group[key] ? { group: group[key] } : {}),
    // The basis is also a note under the table (deadlineNotes), which the PDF prints.
    ...(key === 'deadlineBasis' ? { printed: false } : {}),
    ...(NUMBERS[key] ? { number: NUMBERS[key] } : {}),
  }));
}

function cells(row: ProgressRow, lang: Lang): Record<string, Cell> {
  const out: Record<string, Cell> = {
    no: row.no,
    name: rowLabel(row, lang),
    deadline:
      row.deadlines.length === 0
        ? null
        : row.deadlines.map((d) => (lang === 'vi' ? formatVietnameseDate(d) : d)).join('; '),
    deadlineBasis: describeSources(row.deadlineSources, lang),
    // A ratio for display, rounded half-up in whole numbers already: a number is right.
    rate: row.rateBasisPoints === null ? null : Number(row.rateBasisPoints) / 100,
  };
  for (const [column, value] of Object.entries(row.values)) out[column] = value;
  return out;
}

/**
 * Where each sub-project's carried-over deadlines come from, as notes under the table (the
 * printed form has no room for column D): "Cột C, Tiểu Dự án 2 – Dự án 7: 30/6/2025 —
 * mặc định 31/12 (699/QĐ-UBND không nêu hạn); gia hạn theo 812/QĐ-UBND".
 */
function deadlineNotes(rows: readonly ProgressRow[], lang: Lang): string[] {
  return rows
    .filter((row) => row.level === 'part' && row.deadlineSources.length > 0)
    .map((row) => {
      const sources = row.deadlineSources
        .map((s) => {
          const date = lang === 'vi' ? formatVietnameseDate(s.deadline) : s.deadline;
          return `${date} — ${describeSource(s, lang)}`;
        })
        .join(' | ');
      return `${lang === 'vi' ? 'Căn cứ hạn sử dụng (cột C)' : 'Basis of the deadline (column C)'}, ${rowLabel(row, lang)}: ${sources}.`;
    });
}

/** Columns the balances read model does not keep yet (issue 16 added returns, 17 advances). */
function untrackedNote(lang: Lang): string | null {
  const kept = BALANCE_COLUMNS as readonly string[];
  const advances = !kept.includes('advanced');
  const returns = !kept.includes('returned');
  if (!advances && !returns) return null;
  return lang === 'vi'
    ? `Cột 11${returns ? ' và phần nộp trả của cột 12' : ''}: sổ chưa ghi nhận nghiệp vụ tạm ứng${returns ? ', nộp trả' : ''} nên bằng 0; cột 12 gồm dự toán bị hủy${returns ? '' : ', kinh phí nộp trả ngân sách cấp trên'} và kinh phí chuyển nguồn hết hạn sử dụng.`
    : `Column 11${returns ? ' and the returns in column 12' : ''}: the ledger does not record advances${returns ? ' or returns' : ''} yet, so they read 0; column 12 holds cancelled estimates${returns ? '' : ', money returned to a higher level'} and carried-over money that lapsed.`;
}

const EMPHASIZED = new Set(['total', 'project', 'part', 'chapter', 'sector', 'unclassified']);

/** What a report grouped by budget code leaves out, said under its table. */
function groupingNote(report: ProgressReport, lang: Lang): string | null {
  if (report.groupedBy !== 'classification') return null;
  return lang === 'vi'
    ? 'Số liệu theo mục lục ngân sách: chương, loại–khoản, mã CTMTQG và mã nguồn của từng dòng ngân sách; cột 1 (kế hoạch) giao cho dự án, không cho mã, nên chỉ ghi ở dòng tổng cộng; tổng cộng bằng báo cáo theo dự án. Chi theo tiểu mục: lệnh budget by-code.'
    : 'By budget code: each line’s chương, loại–khoản, program code and budget source; column 1 (plan) is assigned to projects, not codes, so it is on the total row only; the total equals the report by project. Spending by tiểu mục: budget by-code.';
}

/**
 * The disbursement progress report as a form to sign: national header, title, period,
 * the table (program → project → sub-project → activity; current-year estimate by budget
 * level, carried-over money with each line's own deadline), notes and signatures.
 */
export function progressTable(report: ProgressReport, context: FormContext): ReportTable {
  const { lang } = context;
  const vi = lang === 'vi';
  const rows: TableRow[] = report.rows.map((row) => ({
    cells: cells(row, lang),
    emphasis: EMPHASIZED.has(row.level),
    detail: row.level === 'activity' || row.level === 'unassigned',
    level: row.level,
    code: row.code,
  }));
  const notice = illustrativeNotice(report, lang);
  const notes = [
    groupingNote(report, lang),
    planNote(report, lang),
    ...deadlineNotes(report.rows, lang),
    untrackedNote(lang),
  ].filter((n): n is string => n !== null);
  return {
    sheetName: vi ? 'Giải ngân' : 'Disbursement',
    title: vi
      ? 'BÁO CÁO TÌNH HÌNH THỰC HIỆN VÀ GIẢI NGÂN KINH PHÍ SỰ NGHIỆP'
      : 'PROGRESS AND DISBURSEMENT OF RECURRENT FUNDS',
    subtitle: basisLines(report, lang),
    issuer: issuerLines(report, context),
    ...(notice ? { notice } : {}),
    unitLine: vi ? 'Đơn vị tính: đồng' : 'Amounts in đồng',
    columns: columns(lang, report.fiscalYear),
    rows,
    notes,
    signatures: signatureBlock(context),
    frozenColumns: 2,
  };
}

export function progressFileStem(report: ProgressReport): string {
  return fileStem('giai-ngan', report);
}
