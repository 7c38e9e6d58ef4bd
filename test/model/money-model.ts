/**
 * A reference model of the ledger's money rules, written apart from the product (it
 * imports nothing from it) so that a rule deleted or changed there shows up as a
 * difference here. All the rules the model applies are in MONEY_RULES: when the law or
 * the product changes a rule (a date rule of the budget line, say), change it here, in
 * one place, with the reason.
 */

/** The lines the test moves money on: two opened early, one opened only by money landing. */
export const LINES = [
  '2024.DA7.TDA1.central.2024.LDTBXH',
  '2024.DA7.TDA2.central.2024.LDTBXH',
  '2024.DA6.TDA1.central.2024.LDTBXH',
] as const;

export type ExpenditureStatus = 'proposed' | 'approved' | 'rejected' | 'disbursed' | 'reversed';

export interface ModelExpenditure {
  /** Its place in the order of proposals: the test maps it to the API's id. */
  readonly index: number;
  readonly line: string;
  readonly amount: bigint;
  status: ExpenditureStatus;
  disbursed: bigint;
}

export interface ModelLine {
  allocated: bigint;
  transferredIn: bigint;
  transferredOut: bigint;
  committed: bigint;
  disbursed: bigint;
}

export interface Model {
  /** Only lines money has landed on: the API answers 404 for the others. */
  readonly lines: Map<string, ModelLine>;
  readonly expenditures: ModelExpenditure[];
}

/** The answer the API must give: its status and, for a refusal, the code when it matters. */
export interface Answer {
  readonly status: number;
  readonly code?: string;
}

export function initialModel(): Model {
  return { lines: new Map(), expenditures: [] };
}

/** What may still be committed or moved away (the law: never spend what was not given). */
function available(l: ModelLine): bigint {
  return l.allocated + l.transferredIn - l.transferredOut - l.committed;
}

/** The balances as GET /api/v1/budget-lines/:id shows them (decimal strings). */
export function modelLine(l: ModelLine): Record<string, string> {
  return {
    allocated: l.allocated.toString(),
    transferredIn: l.transferredIn.toString(),
    transferredOut: l.transferredOut.toString(),
    committed: l.committed.toString(),
    disbursed: l.disbursed.toString(),
    available: available(l).toString(),
  };
}

function openLine(m: Model, id: string): ModelLine {
  let l = m.lines.get(id);
  if (!l) {
    l = { allocated: 0n, transferredIn: 0n, transferredOut: 0n, committed: 0n, disbursed: 0n };
    m.lines.set(id, l);
  }
  return l;
}

/** Spending of fiscal year 2024 takes effect from 1/1/2024 to the end of its adjustment period, 31/1/2025. */
function inSpendingYear(on: string): boolean {
  return on >= '2024-01-01' && on <= '2025-01-31';
}

const OK = { status: 200 } as const;
const RECORDED = { status: 201 } as const;
const invalidState: Answer = { status: 409, code: 'EXPENDITURE.INVALID_STATE' };

/**
 * The rules, each mutating the model when the API would record and returning the answer.
 * Checks are in the order the product applies them (the first refusal wins).
 */
export const MONEY_RULES = {
  /**
   * Days the generator proposes on: inside 2024's spending period up to its last day, and
   * just outside it. All after the days money lands (allocations 25/3, reallocations 1/9),
   * so that the dated rules (money in effect on the day, "money in time") do not enter.
   */
  proposalDaysInside: ['2024-09-10', '2024-12-31', '2025-01-31'],
  proposalDaysOutside: ['2023-12-31', '2025-02-01'],
  /** Days it pays on: the period's last day (never before an approval) and the day after. */
  paymentDaysInside: ['2025-01-31'],
  paymentDaysOutside: ['2025-02-01'],

  allocate(m: Model, line: string, amount: bigint): Answer {
    openLine(m, line).allocated += amount;
    return RECORDED;
  },

  propose(m: Model, line: string, amount: bigint, on: string): Answer {
    if (!m.lines.has(line)) return { status: 404, code: 'BUDGET.LINE_NOT_FOUND' };
    if (amount <= 0n) return { status: 400 };
    if (!inSpendingYear(on)) return { status: 422, code: 'BUDGET.OUTSIDE_FISCAL_YEAR' };
    // Money in time: a proposal may not ask for more than the money in effect on its day
    // (every day money lands precedes the proposal days, so: all of it, committed or not).
    const l = m.lines.get(line)!;
    if (amount > l.allocated + l.transferredIn - l.transferredOut) {
      return { status: 422, code: 'BUDGET.FUNDS_NOT_YET_EFFECTIVE' };
    }
    m.expenditures.push({
      index: m.expenditures.length,
      line,
      amount,
      status: 'proposed',
      disbursed: 0n,
    });
    return RECORDED;
  },

  /** Never overdraw: an approval commits the amount only if the line still has it. */
  approve(m: Model, e: ModelExpenditure): Answer {
    if (e.status !== 'proposed') return invalidState;
    const l = m.lines.get(e.line)!;
    if (e.amount > available(l)) return { status: 409, code: 'BUDGET.LINE_OVERDRAWN' };
    l.committed += e.amount;
    e.status = 'approved';
    return OK;
  },

  reject(_m: Model, e: ModelExpenditure): Answer {
    if (e.status !== 'proposed') return invalidState;
    e.status = 'rejected';
    return OK;
  },

  /** Pays what was approved, once, on a day of the line's spending period. */
  disburse(m: Model, e: ModelExpenditure, paidOn: string): Answer {
    if (e.status !== 'approved') return invalidState;
    if (!inSpendingYear(paidOn)) return { status: 422, code: 'BUDGET.OUTSIDE_FISCAL_YEAR' };
    m.lines.get(e.line)!.disbursed += e.amount;
    e.disbursed = e.amount;
    e.status = 'disbursed';
    return OK;
  },

  /** Undoes an approval (and its payment): the money is free again. */
  reverse(m: Model, e: ModelExpenditure): Answer {
    if (e.status !== 'approved' && e.status !== 'disbursed') return invalidState;
    const l = m.lines.get(e.line)!;
    l.committed -= e.amount;
    l.disbursed -= e.disbursed;
    e.disbursed = 0n;
    e.status = 'reversed';
    return OK;
  },

  /**
   * An approved reallocation moves money only if the source line exists and has it free;
   * otherwise it fails whole and neither line changes (both lines or neither).
   */
  reallocate(m: Model, from: string, to: string, amount: bigint): Answer {
    const source = m.lines.get(from);
    if (!source || amount > available(source)) return { status: 409, code: 'TRANSFER.FAILED' };
    source.transferredOut += amount;
    openLine(m, to).transferredIn += amount;
    return OK;
  },
};
