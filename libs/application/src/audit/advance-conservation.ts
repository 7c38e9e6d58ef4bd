import {
  openAdvance,
  type BudgetLineEvent,
  type BudgetLineState,
  type Money,
} from '@app/budgeting';

interface AdvanceTally {
  advanced: Money;
  settled: Money;
  recovered: Money;
}

/**
 * Advances are conserved per line: what was advanced (payments marked as advances, less
 * their reversals) is settled by vouchers, recovered, or still open — to the đồng. Counted
 * from the events themselves, and compared with the open advances the line's state keeps.
 */
export class AdvanceConservation {
  private readonly tallies = new Map<string, AdvanceTally>();

  /** Money recovered after the spending period that left the line for the budget. */
  leftTheLine(event: BudgetLineEvent): Money {
    return event.type === 'AdvanceRecovered' && event.data.returnsTo === 'budget'
      ? event.data.amount
      : 0n;
  }

  observe(event: BudgetLineEvent): void {
    const t = this.tally(event.data.budgetLineId);
    if (event.type === 'ExpenditureDisbursed' && event.data.advance) {
      t.advanced += event.data.amount;
    } else if (event.type === 'ExpenditureReversed' && event.data.advance) {
      t.advanced -= event.data.disbursedAmount;
    } else if (event.type === 'AdvanceSettled') {
      t.settled += event.data.amount;
    } else if (event.type === 'AdvanceRecovered') {
      t.recovered += event.data.amount;
    }
  }

  /** Problems of one line, as `budget verify` names them. */
  problems(lineId: string, state: BudgetLineState): string[] {
    const t = this.tallies.get(lineId);
    if (!t) return [];
    let open = 0n;
    const out: string[] = [];
    for (const [id, a] of state.advances.entries()) {
      const left = openAdvance(a);
      if (left < 0n)
        out.push(`line ${lineId}: advance ${id} settled and recovered ${-left} more than paid`);
      open += left;
    }
    if (t.settled + t.recovered + open !== t.advanced) {
      out.push(
        `line ${lineId}: advances settled ${t.settled} + recovered ${t.recovered} + open ${open} ≠ advanced ${t.advanced}`,
      );
    }
    return out;
  }

  private tally(lineId: string): AdvanceTally {
    const found = this.tallies.get(lineId) ?? { advanced: 0n, settled: 0n, recovered: 0n };
    this.tallies.set(lineId, found);
    return found;
  }
}
