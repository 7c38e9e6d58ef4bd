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
import { rowLabel } from '../progress/project-names';
import type { Cell, Column, ReportTable, TableRow } from '../table';
import type { OutputRow, OutputsReport } from './outputs.query';

function columns(lang: Lang): Column[] {
  const vi = lang === 'vi';
  const outputs = vi ? 'Sản phẩm, kết quả' : 'Outputs';
  const money = vi ? 'Kinh phí (đồng)' : 'Funds (đồng)';
  return [
    { key: 'no', header: vi ? 'STT' : 'No.', kind: 'text', width: 5, number: 'A' },
    { key: 'name', header: vi ? 'Nội dung' : 'Item', kind: 'text', width: 58, number: 'B' },
    {
      key: 'unit',
      header: vi ? 'Đơn vị tính' : 'Unit',
      kind: 'text',
      width: 9,
      group: outputs,
      number: 'C',
    },
    {
      key: 'target',
      header: vi ? 'Kế hoạch' : 'Target',
      kind: 'integer',
      width: 9,
      group: outputs,
      number: '1',
    },
    {
      key: 'inPeriod',
      header: vi ? 'Thực hiện trong kỳ' : 'In the period',
      kind: 'integer',
      width: 10,
      group: outputs,
      number: '2',
    },
    {
      key: 'toDate',
      header: vi ? 'Lũy kế đến cuối kỳ' : 'To date',
      kind: 'integer',
      width: 10,
      group: outputs,
      number: '3',
    },
    {
      key: 'rate',
      header: vi ? 'Tỷ lệ hoàn thành (%)' : 'Done (%)',
      kind: 'rate',
      width: 10,
      group: outputs,
      number: '4=3/1',
    },
    { key: 'plan', header: vi ? 'Kế hoạch' : 'Plan', kind: 'money', group: money, number: '5' },
    {
      key: 'paidPeriod',
      header: vi ? 'Giải ngân trong kỳ' : 'Paid in the period',
      kind: 'money',
      group: money,
      number: '6',
    },
    {
      key: 'paidCumulative',
      header: vi ? 'Giải ngân lũy kế từ đầu năm' : 'Paid since the year began',
      kind: 'money',
      group: money,
      number: '7',
    },
  ];
}

function cells(row: OutputRow, lang: Lang): Record<string, Cell> {
  const o = row.output;
  return {
    no: row.no,
    name: rowLabel(row, lang),
    unit: o?.unit ?? null,
    target: o?.target ?? null,
    inPeriod: o?.inPeriod ?? null,
    toDate: o?.toDate ?? null,
    rate: o?.rateBasisPoints === null || !o ? null : Number(o.rateBasisPoints) / 100,
    plan: row.money.plan ?? null,
    paidPeriod: row.money.paidPeriod ?? null,
    paidCumulative: row.money.paidCumulative ?? null,
  };
}

/** The outputs report as a form to sign, with the same header and signatures as the money. */
export function outputsTable(report: OutputsReport, context: FormContext): ReportTable {
  const { lang } = context;
  const vi = lang === 'vi';
  const notice = illustrativeNotice(report, lang);
  const note = planNote(report, lang);
  return {
    sheetName: vi ? 'Sản phẩm' : 'Outputs',
    title: vi
      ? 'BÁO CÁO KẾT QUẢ THỰC HIỆN SẢN PHẨM VÀ KINH PHÍ CÁC HOẠT ĐỘNG'
      : 'OUTPUTS AND FUNDS OF THE PLAN ACTIVITIES',
    subtitle: basisLines(report, lang),
    issuer: issuerLines(report, context),
    ...(notice ? { notice } : {}),
    columns: columns(lang),
    rows: report.rows.map((row): TableRow => ({
      cells: cells(row, lang),
      emphasis: row.level === 'total' || row.level === 'project' || row.level === 'part',
      detail: row.level === 'output',
      level: row.level,
      code: row.code,
    })),
    notes: note ? [note] : [],
    signatures: signatureBlock(context),
    frozenColumns: 2,
  };
}

export function outputsFileStem(report: OutputsReport): string {
  return fileStem('san-pham', report);
}
