import type { BudgetLineEvent, BudgetLineState, Money } from '@app/budgeting';

interface PaymentTally {
  approved: Money;
  /** Every dossier sent, summed; less what the Treasury answered, one dossier at most waits. */
  sent: Money;
  refused: Money;
  accepted: Money;
}

/**
 * The conservation check's view of payments at the State Treasury: per payment, what the
 * Treasury accepted was sent, what was sent was approved (one dossier waiting at a time),
 * and no answer came without a dossier; per line, the money awaiting the Treasury is
 * committed and not yet disbursed.
 */
export class TreasuryTally {
  private readonly payments = new Map<string, PaymentTally>();

  private of(id: string): PaymentTally {
    const found = this.payments.get(id) ?? { approved: 0n, sent: 0n, refused: 0n, accepted: 0n };
    this.payments.set(id, found);
    return found;
  }

  add(event: BudgetLineEvent): void {
    if (event.type === 'ExpenditureApproved') {
      this.of(event.data.expenditureId).approved = event.data.amount;
    } else if (event.type === 'ExpenditureSentToTreasury') {
      this.of(event.data.expenditureId).sent += event.data.amount;
    } else if (event.type === 'ExpenditureRefusedByTreasury') {
      this.of(event.data.expenditureId).refused += event.data.amount;
    } else if (event.type === 'ExpenditureDisbursed' && event.data.treasury) {
      this.of(event.data.expenditureId).accepted += event.data.amount;
    }
  }

  problems(lines: ReadonlyMap<string, BudgetLineState>): string[] {
    const out: string[] = [];
    for (const [id, p] of this.payments) {
      const answered = p.accepted + p.refused;
      if (answered > p.sent) out.push(`payment ${id}: the Treasury answered more than was sent`);
      if (p.accepted > p.approved) out.push(`payment ${id}: accepted ${p.accepted} > approved`);
      if (p.sent - answered > p.approved)
        out.push(`payment ${id}: ${p.sent - answered} at the Treasury > approved ${p.approved}`);
    }
    for (const [id, state] of lines) {
      const { awaitingTreasury, committed, disbursed } = state.balances;
      if (awaitingTreasury < 0n)
        out.push(`line ${id}: awaiting the Treasury ${awaitingTreasury} < 0`);
      if (awaitingTreasury > committed - disbursed)
        out.push(`line ${id}: awaiting the Treasury exceeds committed and unpaid`);
    }
    return out;
  }
}
