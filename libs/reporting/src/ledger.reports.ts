import { available, formatMoney } from '@app/budgeting';
import type { BalancesAnswer, HistoryAnswer } from '@app/read-models';
import {
  displayDate,
  displayInstant,
  fundSourceName,
  todayInVietnam,
  type Lang,
  type ReportContext,
} from './labels';
import type { Column, ReportTable, TableRow } from './table';

const AMOUNT_HEADERS: Record<string, { vi: string; en: string }> = {
  allocated: { vi: 'Dự toán giao', en: 'Allocated' },
  carriedIn: { vi: 'Chuyển nguồn sang', en: 'Carried in' },
  carriedOut: { vi: 'Chuyển nguồn đi', en: 'Carried out' },
  transferredIn: { vi: 'Điều chỉnh tăng', en: 'Transferred in' },
  transferredOut: { vi: 'Điều chỉnh giảm', en: 'Transferred out' },
  committed: { vi: 'Đã cam kết chi', en: 'Committed' },
  disbursed: { vi: 'Đã giải ngân', en: 'Disbursed' },
  cancelled: { vi: 'Hủy dự toán', en: 'Cancelled' },
  returned: { vi: 'Hoàn trả cấp trên', en: 'Returned' },
  available: { vi: 'Còn lại', en: 'Available' },
};

function moneyColumns(lang: Lang): Column[] {
  return Object.entries(AMOUNT_HEADERS).map(([key, h]) => ({
    key,
    header: h[lang],
    kind: 'money' as const,
  }));
}

function timeLine(asOf: string | null, knownAt: string | null, lang: Lang, today?: string): string {
  const vi = lang === 'vi';
  const date = displayDate(asOf ?? today ?? todayInVietnam(), lang);
  const known = knownAt
    ? ` — ${vi ? 'theo sổ sách lúc' : 'as the books showed at'} ${displayInstant(knownAt, lang)}`
    : '';
  return `${vi ? 'Số liệu tính đến ngày' : 'Figures as of'} ${date}${known}`;
}

/** Balances of every line, with totals: the CLI's and HTTP's CSV and XLSX. */
export function balancesTable(
  answer: BalancesAnswer,
  context: ReportContext & { readonly fiscalYear?: number },
): ReportTable {
  const { lang } = context;
  const vi = lang === 'vi';
  const columns: Column[] = [
    { key: 'id', header: vi ? 'Dòng ngân sách' : 'Budget line', kind: 'text', width: 36 },
    { key: 'programPart', header: vi ? 'Dự án / Tiểu dự án' : 'Program part', kind: 'text' },
    { key: 'fundSource', header: vi ? 'Nguồn vốn' : 'Fund source', kind: 'text', width: 22 },
    { key: 'sourceYear', header: vi ? 'Năm nguồn' : 'Source year', kind: 'integer' },
    { key: 'unit', header: vi ? 'Đơn vị' : 'Unit', kind: 'text' },
    ...moneyColumns(lang),
  ];
  const rows: TableRow[] = answer.lines.map((l) => ({
    cells: {
      id: l.id,
      programPart: l.programPart,
      fundSource: fundSourceName(l.fundSource, lang),
      sourceYear: l.sourceYear,
      unit: l.unit,
      ...l.amounts,
      available: available(l.amounts),
    },
  }));
  rows.push({
    cells: {
      id: vi ? 'TỔNG CỘNG' : 'TOTAL',
      ...answer.totals,
      available: available(answer.totals),
    },
    emphasis: true,
  });
  return {
    sheetName: vi ? 'Số dư' : 'Balances',
    title: vi ? 'SỐ DƯ CÁC DÒNG NGÂN SÁCH' : 'BUDGET LINE BALANCES',
    subtitle: [
      `${vi ? 'Đơn vị' : 'Unit'}: ${context.unitName}${context.fiscalYear ? ` — ${vi ? 'Năm ngân sách' : 'Fiscal year'} ${context.fiscalYear}` : ''}`,
      timeLine(answer.asOf, answer.knownAt, lang, context.today),
      vi ? 'Đơn vị tính: đồng' : 'Amounts in đồng',
    ],
    columns,
    rows,
  };
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A member of a JSON object read from a document, or undefined. */
function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object'
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function big(value: unknown): bigint | null {
  return typeof value === 'string' && /^-?\d+$/.test(value) ? BigInt(value) : null;
}

/** A line's history: each event with both dates, actor, capacity, basis, amount and balance. */
export function historyTable(answer: HistoryAnswer, context: ReportContext): ReportTable {
  const { lang } = context;
  const vi = lang === 'vi';
  const columns: Column[] = [
    { key: 'effectiveDate', header: vi ? 'Ngày hiệu lực' : 'Effective date', kind: 'date' },
    { key: 'recordedAt', header: vi ? 'Thời điểm ghi sổ' : 'Recorded at', kind: 'text', width: 22 },
    { key: 'type', header: vi ? 'Nghiệp vụ' : 'Event', kind: 'text', width: 24 },
    { key: 'actor', header: vi ? 'Người thực hiện' : 'Actor', kind: 'text', width: 24 },
    { key: 'capacity', header: vi ? 'Tư cách ký' : 'Capacity', kind: 'text' },
    { key: 'legalBasis', header: vi ? 'Căn cứ' : 'Legal basis', kind: 'text', width: 24 },
    { key: 'amount', header: vi ? 'Số tiền' : 'Amount', kind: 'money' },
    { key: 'committed', header: vi ? 'Đã cam kết (lũy kế)' : 'Committed (running)', kind: 'money' },
    {
      key: 'disbursed',
      header: vi ? 'Đã giải ngân (lũy kế)' : 'Disbursed (running)',
      kind: 'money',
    },
    { key: 'available', header: vi ? 'Còn lại' : 'Available', kind: 'money' },
  ];
  const rows: TableRow[] = answer.entries.map((e) => {
    const actor = e.actor;
    const balance = e.balance;
    return {
      cells: {
        effectiveDate: text(e.effectiveDate),
        recordedAt: text(e.recordedAt) ? displayInstant(String(e.recordedAt), lang) : null,
        type: text(e.type),
        actor: [text(field(actor, 'name')), text(field(actor, 'role'))].filter(Boolean).join(' — '),
        capacity: text(field(e.authority, 'capacity')),
        legalBasis: Array.isArray(e.legalBasis) ? e.legalBasis.join('; ') : null,
        amount: big(e.amount),
        committed: big(field(balance, 'committed')),
        disbursed: big(field(balance, 'disbursed')),
        available: big(field(balance, 'available')),
      },
    };
  });
  const remaining = big(field(answer.entries.at(-1)?.balance, 'available'));
  return {
    sheetName: vi ? 'Lịch sử' : 'History',
    title: vi
      ? `LỊCH SỬ DÒNG NGÂN SÁCH ${answer.budgetLineId}`
      : `HISTORY OF BUDGET LINE ${answer.budgetLineId}`,
    subtitle: [
      `${vi ? 'Đơn vị' : 'Unit'}: ${context.unitName}`,
      timeLine(answer.asOf, answer.knownAt, lang, context.today),
      remaining === null ? '' : `${vi ? 'Còn lại' : 'Available'}: ${formatMoney(remaining)} đồng`,
    ].filter(Boolean),
    columns,
    rows,
  };
}
