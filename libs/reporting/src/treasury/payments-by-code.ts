import type { LineClassification, Money } from '@app/budgeting';
import type { StatementKey } from './statement-parse';

/** A line event as the log gives it, with its effective date. */
export interface DatedLineEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly effectiveDate: string;
}

export interface PaymentGroup {
  /** The line's codes; null: the line is unclassified. */
  readonly key: StatementKey | null;
  /** The payments' tiểu mục; null: proposed without one. */
  readonly economicCode: string | null;
  readonly expenditures: number;
  readonly committed: Money;
  readonly disbursed: Money;
}

interface Spending {
  readonly lineId: string;
  readonly code: string | null;
  committed: Money;
  disbursed: Money;
}

const money = (value: unknown): Money => (typeof value === 'string' ? BigInt(value) : 0n);

/**
 * Spending per budget code and tiểu mục, from the log's expenditure events that took
 * effect by `asOf` (all of them when null): committed is what approvals commit and
 * reversals or lapses give back, disbursed what the Treasury paid less what was reversed.
 */
export function paymentsByCode(
  events: Iterable<DatedLineEvent>,
  classificationOf: (lineId: string) => LineClassification | undefined,
  asOf: string | null,
): PaymentGroup[] {
  const spending = new Map<string, Spending>();
  for (const event of events) {
    if (asOf !== null && event.effectiveDate > asOf) continue;
    const id = typeof event.data.expenditureId === 'string' ? event.data.expenditureId : '';
    if (event.type === 'ExpenditureProposed') {
      const code = typeof event.data.economicCode === 'string' ? event.data.economicCode : null;
      const lineId = typeof event.data.budgetLineId === 'string' ? event.data.budgetLineId : '';
      spending.set(id, { lineId, code, committed: 0n, disbursed: 0n });
      continue;
    }
    const entry = spending.get(id);
    if (!entry) continue;
    switch (event.type) {
      case 'ExpenditureApproved':
        entry.committed += money(event.data.amount);
        break;
      case 'ExpenditureDisbursed':
        entry.disbursed += money(event.data.amount);
        break;
      case 'ExpenditureReversed':
        entry.committed -= money(event.data.committedAmount);
        entry.disbursed -= money(event.data.disbursedAmount);
        break;
      case 'ExpenditureLapsed':
        entry.committed -= money(event.data.amount);
        break;
      case 'AdvanceRecovered':
        // The unspent part of an advance paid back: the Treasury books it as reduced spending.
        entry.committed -= money(event.data.amount);
        entry.disbursed -= money(event.data.amount);
        break;
    }
  }
  const groups = new Map<string, PaymentGroup>();
  for (const s of spending.values()) {
    const c = classificationOf(s.lineId);
    const key = c
      ? { source: c.source, chapter: c.chapter, sector: c.sector, program: c.program }
      : null;
    const id = `${key ? Object.values(key).join('|') : '-'}|${s.code ?? '-'}`;
    const group = groups.get(id) ?? {
      key,
      economicCode: s.code,
      expenditures: 0,
      committed: 0n,
      disbursed: 0n,
    };
    groups.set(id, {
      ...group,
      expenditures: group.expenditures + 1,
      committed: group.committed + s.committed,
      disbursed: group.disbursed + s.disbursed,
    });
  }
  return [...groups.values()];
}
