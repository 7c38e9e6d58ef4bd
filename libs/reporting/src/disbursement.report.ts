import type { DisbursementReport, DisbursementRow } from '@app/read-models';
import { displayDate, displayInstant, fundSourceName, todayInVietnam, type Lang } from './labels';
import type { Column, ReportTable, TableRow } from './table';

export interface ReportContext {
  /** The reporting unit named in the title, e.g. "UBND huyện Ba Tơ". */
  readonly unitName: string;
  readonly lang: Lang;
  /** Today, when the report has no as-of date. */
  readonly today?: string;
}

const HEADERS: Record<string, { vi: string; en: string }> = {
  programPart: { vi: 'Dự án / Tiểu dự án', en: 'Program part' },
  fundSource: { vi: 'Nguồn vốn', en: 'Fund source' },
  sourceYear: { vi: 'Năm nguồn', en: 'Source year' },
  deadline: { vi: 'Hạn sử dụng', en: 'Deadline' },
  allocated: { vi: 'Dự toán giao', en: 'Allocated' },
  carriedIn: { vi: 'Chuyển nguồn sang', en: 'Carried in' },
  transferredIn: { vi: 'Điều chỉnh tăng', en: 'Transferred in' },
  transferredOut: { vi: 'Điều chỉnh giảm', en: 'Transferred out' },
  carriedOut: { vi: 'Chuyển nguồn đi', en: 'Carried out' },
  estimate: { vi: 'Dự toán được sử dụng', en: 'Estimate to spend' },
  committed: { vi: 'Đã cam kết chi', en: 'Committed' },
  disbursed: { vi: 'Đã giải ngân', en: 'Disbursed' },
  cancelled: { vi: 'Hủy dự toán', en: 'Cancelled' },
  available: { vi: 'Còn lại chưa cam kết', en: 'Available' },
  rate: { vi: 'Tỷ lệ giải ngân (%)', en: 'Disbursement rate (%)' },
};

const KINDS: Record<string, Column['kind']> = {
  programPart: 'text',
  fundSource: 'text',
  sourceYear: 'integer',
  deadline: 'date',
  rate: 'rate',
};

function columns(lang: Lang): Column[] {
  return Object.entries(HEADERS).map(([key, h]) => ({
    key,
    header: h[lang],
    kind: KINDS[key] ?? 'money',
    ...(key === 'programPart' ? { width: 22 } : key === 'fundSource' ? { width: 22 } : {}),
  }));
}

function cells(r: DisbursementRow, lang: Lang): TableRow['cells'] {
  const a = r.amounts;
  return {
    programPart: r.programPart,
    fundSource: r.fundSource ? fundSourceName(r.fundSource, lang) : '',
    sourceYear: r.sourceYear || null,
    deadline: r.deadline,
    allocated: a.allocated,
    carriedIn: a.carriedIn,
    transferredIn: a.transferredIn,
    transferredOut: a.transferredOut,
    carriedOut: a.carriedOut,
    estimate: r.estimate,
    committed: a.committed,
    disbursed: a.disbursed,
    cancelled: a.cancelled,
    available:
      a.allocated +
      a.carriedIn +
      a.transferredIn -
      a.carriedOut -
      a.transferredOut -
      a.cancelled -
      a.committed,
    // A ratio for display, not money: a number is right here.
    rate: r.rateBasisPoints === null ? null : Number(r.rateBasisPoints) / 100,
  };
}

/**
 * The disbursement report as a table: current-year money, then carried-over money with
 * its deadline, each with a subtotal, then the grand total.
 */
export function disbursementTable(report: DisbursementReport, context: ReportContext): ReportTable {
  const { lang } = context;
  const vi = lang === 'vi';
  const heading = (text: string): TableRow => ({ cells: { programPart: text }, emphasis: true });
  const rows: TableRow[] = [
    heading(vi ? 'A. Kinh phí năm hiện hành' : 'A. Current-year funds'),
    ...report.current.map((r) => ({ cells: cells(r, lang) })),
    {
      cells: { ...cells(report.totals.current, lang), programPart: vi ? 'Cộng A' : 'Subtotal A' },
      emphasis: true,
    },
    heading(
      vi
        ? `B. Kinh phí chuyển nguồn (sử dụng đến ${displayDate(`${report.fiscalYear}-12-31`, lang)})`
        : `B. Carried-over funds (usable until ${report.fiscalYear}-12-31)`,
    ),
    ...report.carriedOver.map((r) => ({ cells: cells(r, lang) })),
    {
      cells: {
        ...cells(report.totals.carriedOver, lang),
        programPart: vi ? 'Cộng B' : 'Subtotal B',
      },
      emphasis: true,
    },
    {
      cells: {
        ...cells(report.totals.all, lang),
        programPart: vi ? 'TỔNG CỘNG (A + B)' : 'TOTAL (A + B)',
      },
      emphasis: true,
    },
  ];
  const asOf = report.asOf ?? context.today ?? todayInVietnam();
  return {
    sheetName: vi ? 'Giải ngân' : 'Disbursement',
    title: vi
      ? `BÁO CÁO TÌNH HÌNH GIẢI NGÂN KINH PHÍ SỰ NGHIỆP NĂM ${report.fiscalYear}`
      : `DISBURSEMENT OF RECURRENT FUNDS, FISCAL YEAR ${report.fiscalYear}`,
    subtitle: [
      vi
        ? 'Chương trình mục tiêu quốc gia giảm nghèo bền vững'
        : 'National target program for sustainable poverty reduction',
      `${vi ? 'Đơn vị' : 'Unit'}: ${context.unitName} — ${vi ? 'Năm ngân sách' : 'Fiscal year'} ${report.fiscalYear}`,
      `${vi ? 'Số liệu tính đến ngày' : 'Figures as of'} ${displayDate(asOf, lang)}${
        report.knownAt
          ? ` — ${vi ? 'theo sổ sách lúc' : 'as the books showed at'} ${displayInstant(report.knownAt, lang)}`
          : ''
      }`,
      vi ? 'Đơn vị tính: đồng' : 'Amounts in đồng',
    ],
    columns: columns(lang),
    rows,
  };
}
