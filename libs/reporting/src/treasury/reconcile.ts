import type { LineClassification, Money } from '@app/budgeting';
import { AMOUNT_COLUMN_NAMES, type AmountColumn } from './statement-columns';
import type { StatementKey, TreasuryStatement } from './statement-parse';
import { checkUnitCode, type UnitCodeCheck } from './unit-code-check';

/** A budget line as the reconciliation reads it (a balance line of the read model). */
export interface LedgerLine {
  readonly id: string;
  readonly unit: string;
  readonly amounts: {
    readonly allocated: Money;
    readonly carriedIn: Money;
    readonly carriedOut: Money;
    readonly transferredIn: Money;
    readonly transferredOut: Money;
    readonly disbursed: Money;
    readonly cancelled: Money;
    readonly returned: Money;
  };
}

export type Amounts = Record<AmountColumn, Money>;

/**
 * The ledger's figures in the statement's columns. The Treasury knows what it paid, not
 * what the unit committed: "used" is what the ledger counts as disbursed (paid by the
 * Treasury), and the remainder is what is usable less what was used, cancelled (lapses
 * included), carried out to next year or returned to a higher level.
 */
export function ledgerAmounts(a: LedgerLine['amounts']): Amounts {
  const allocated = a.allocated + a.transferredIn - a.transferredOut;
  const usable = a.carriedIn + allocated;
  return {
    carriedIn: a.carriedIn,
    allocated,
    usable,
    used: a.disbursed,
    cancelled: a.cancelled,
    remaining: usable - a.disbursed - a.cancelled - a.carriedOut - a.returned,
  };
}

export type Difference =
  | {
      /** The statement's ĐVQHNS is not the unit's recorded mã ĐVQHNS: listed first. */
      readonly kind: 'unit_code_differs';
      readonly ledger: string;
      readonly statement: string;
    }
  | {
      readonly kind: 'amount_differs';
      readonly key: StatementKey;
      readonly row: number;
      readonly column: AmountColumn;
      readonly ledger: Money;
      readonly statement: Money;
    }
  | {
      readonly kind: 'missing_in_ledger';
      readonly key: StatementKey;
      readonly row: number;
      readonly statement: Partial<Amounts>;
    }
  | {
      readonly kind: 'missing_in_statement';
      readonly key: StatementKey;
      readonly lines: readonly string[];
      readonly ledger: Partial<Amounts>;
    };

export interface ReconciledRow {
  readonly key: StatementKey;
  readonly row: number | null;
  readonly lines: readonly string[];
  readonly ledger: Partial<Amounts> | null;
  readonly statement: Partial<Amounts> | null;
}

export interface Reconciliation {
  readonly unit: string;
  readonly columns: readonly AmountColumn[];
  readonly rows: readonly ReconciledRow[];
  readonly differences: readonly Difference[];
  /** Lines of the unit with no classification: they cannot be matched to any row. */
  readonly unclassifiedLines: readonly string[];
  /** The statement's ĐVQHNS against the unit's recorded code. */
  readonly unitCode: UnitCodeCheck;
}

export interface CodeGroup {
  readonly key: StatementKey;
  readonly lines: string[];
  readonly amounts: Amounts;
}

/**
 * The lines added up per budget code (nguồn, chương, khoản, CTMTQG), in the statement's
 * columns; lines with money and no classification are named apart.
 */
export function ledgerByCode(
  lines: readonly LedgerLine[],
  classificationOf: (lineId: string) => LineClassification | undefined,
): { groups: CodeGroup[]; unclassifiedLines: string[] } {
  const groups = new Map<string, CodeGroup>();
  const unclassifiedLines: string[] = [];
  for (const line of lines) {
    const c = classificationOf(line.id);
    const amounts = ledgerAmounts(line.amounts);
    if (!c) {
      if (hasMoney(amounts)) unclassifiedLines.push(line.id);
      continue;
    }
    const key = { source: c.source, chapter: c.chapter, sector: c.sector, program: c.program };
    const group = groups.get(keyId(key)) ?? { key, lines: [], amounts: zero() };
    group.lines.push(line.id);
    for (const column of AMOUNT_COLUMN_NAMES) group.amounts[column] += amounts[column];
    groups.set(keyId(key), group);
  }
  return { groups: [...groups.values()], unclassifiedLines };
}

const keyId = (k: StatementKey) => `${k.source}|${k.chapter}|${k.sector}|${k.program}`;

function only(amounts: Amounts, columns: readonly AmountColumn[]): Partial<Amounts> {
  return Object.fromEntries(columns.map((c) => [c, amounts[c]]));
}

const hasMoney = (amounts: Partial<Amounts>) => Object.values(amounts).some((v) => v !== 0n);

/**
 * Matches the statement's rows with the unit's lines by budget code (nguồn, chương,
 * khoản, CTMTQG: the ledger adds up its lines of one code, as the Treasury knows no fund
 * source or program part) and lists every difference in the columns the statement
 * carries: a row the ledger lacks, codes with money the statement lacks, and each amount
 * that differs, with both figures.
 */
export function reconcileStatement(
  statement: TreasuryStatement,
  unit: string,
  lines: readonly LedgerLine[],
  classificationOf: (lineId: string) => LineClassification | undefined,
  /** The unit's mã ĐVQHNS in force on the statement's date; null: none recorded. */
  recordedUnitCode: string | null = null,
): Reconciliation {
  const columns = statement.columns;
  const unitCode = checkUnitCode(statement.unitCode, recordedUnitCode);
  const grouped = ledgerByCode(
    lines.filter((l) => l.unit === unit),
    classificationOf,
  );
  const ledger = new Map(grouped.groups.map((g) => [keyId(g.key), g]));
  const unclassifiedLines = grouped.unclassifiedLines;

  const rows: ReconciledRow[] = [];
  const differences: Difference[] =
    unitCode.status === 'differs'
      ? [{ kind: 'unit_code_differs', ledger: unitCode.recorded, statement: unitCode.statement }]
      : [];
  for (const row of statement.rows) {
    const key = {
      source: row.source,
      chapter: row.chapter,
      sector: row.sector,
      program: row.program,
    };
    const found = ledger.get(keyId(key));
    ledger.delete(keyId(key));
    rows.push({
      key,
      row: row.row,
      lines: found?.lines ?? [],
      ledger: found ? only(found.amounts, columns) : null,
      statement: row.amounts,
    });
    if (!found) {
      if (hasMoney(row.amounts)) {
        differences.push({ kind: 'missing_in_ledger', key, row: row.row, statement: row.amounts });
      }
      continue;
    }
    for (const column of columns) {
      const theirs = row.amounts[column] ?? 0n;
      const ours = found.amounts[column];
      if (theirs !== ours) {
        differences.push({
          kind: 'amount_differs',
          key,
          row: row.row,
          column,
          ledger: ours,
          statement: theirs,
        });
      }
    }
  }
  for (const { key, lines: ids, amounts } of ledger.values()) {
    const ours = only(amounts, columns);
    rows.push({ key, row: null, lines: ids, ledger: ours, statement: null });
    if (hasMoney(ours))
      differences.push({ kind: 'missing_in_statement', key, lines: ids, ledger: ours });
  }
  return { unit, columns, rows, differences, unclassifiedLines, unitCode };
}

function zero(): Amounts {
  return { carriedIn: 0n, allocated: 0n, usable: 0n, used: 0n, cancelled: 0n, remaining: 0n };
}
