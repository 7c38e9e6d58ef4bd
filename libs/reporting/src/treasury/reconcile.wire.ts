import { formatMoney, type Money } from '@app/budgeting';
import type { Amounts, Difference, Reconciliation } from './reconcile';
import { AMOUNT_LABELS } from './statement-columns';
import type { StatementKey } from './statement-parse';

type Wire<T> = { [K in keyof T]: T[K] extends Money | undefined ? string : T[K] };

const wireAmounts = (a: Partial<Amounts> | null) =>
  a
    ? (Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v.toString()])) as Wire<
        Partial<Amounts>
      >)
    : null;

function wireDifference(d: Difference) {
  switch (d.kind) {
    case 'unit_code_differs':
      return d;
    case 'amount_differs':
      return { ...d, ledger: d.ledger.toString(), statement: d.statement.toString() };
    case 'missing_in_ledger':
      return { ...d, statement: wireAmounts(d.statement) };
    case 'missing_in_statement':
      return { ...d, ledger: wireAmounts(d.ledger) };
  }
}

/** The reconciliation as JSON: amounts as strings of whole đồng. */
export function reconciliationToWire(r: Reconciliation) {
  return {
    unit: r.unit,
    columns: r.columns,
    differenceCount: r.differences.length,
    differences: r.differences.map(wireDifference),
    unclassifiedLines: r.unclassifiedLines,
    unitCode: r.unitCode,
    rows: r.rows.map((row) => ({
      ...row,
      ledger: wireAmounts(row.ledger),
      statement: wireAmounts(row.statement),
    })),
  };
}

const describeKey = (k: StatementKey) =>
  `nguồn ${k.source}, chương ${k.chapter}, khoản ${k.sector}, CTMT ${k.program}`;

/** One line per difference, for people: Vietnamese, or English. */
export function describeDifference(d: Difference, language: 'vi' | 'en'): string {
  const vi = language === 'vi';
  if (d.kind === 'unit_code_differs') {
    return vi
      ? `Mã ĐVQHNS: trên bảng ${d.statement}, của đơn vị trong sổ ${d.ledger}`
      : `ĐVQHNS: ${d.statement} on the statement, ${d.ledger} for the unit in the ledger`;
  }
  const key = describeKey(d.key);
  switch (d.kind) {
    case 'amount_differs': {
      const label = AMOUNT_LABELS[d.column][language];
      const gap = d.statement - d.ledger;
      return vi
        ? `Dòng ${d.row} (${key}): ${label} — sổ ${formatMoney(d.ledger)}, Kho bạc ${formatMoney(d.statement)} (chênh ${formatMoney(gap)} đồng)`
        : `Row ${d.row} (${key}): ${label} — ledger ${d.ledger}, Treasury ${d.statement} (difference ${gap} đồng)`;
    }
    case 'missing_in_ledger':
      return vi
        ? `Dòng ${d.row} (${key}): có trên bảng đối chiếu của Kho bạc, không có dòng ngân sách nào của sổ`
        : `Row ${d.row} (${key}): on the Treasury's statement, no budget line in the ledger`;
    case 'missing_in_statement':
      return vi
        ? `${key}: có trong sổ (${d.lines.join(', ')}), không có trên bảng đối chiếu của Kho bạc`
        : `${key}: in the ledger (${d.lines.join(', ')}), not on the Treasury's statement`;
  }
}
