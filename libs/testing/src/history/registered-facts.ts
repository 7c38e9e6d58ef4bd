import type { BudgetLineKey, DecisionFacts, UnitFacts } from '@app/budgeting';

/**
 * What the registers would say for a fixture's allocation: its unit registered since
 * 2021 and its decision a People's Committee decision issued on the allocation's day.
 * For histories written straight to the line streams, which skip the registers.
 */
export function registeredFacts(
  key: BudgetLineKey,
  decision: string,
  issuedOn: string,
): { decisionDocument: DecisionFacts; unitRegistration: UnitFacts } {
  return {
    ...registeredDecision(decision, issuedOn),
    unitRegistration: { code: key.unit, validFrom: '2021-01-01', validTo: null },
  };
}

/** What the register would say of a decision a write cites (a cancellation's), issued on `issuedOn`. */
export function registeredDecision(
  decision: string,
  issuedOn: string,
): { decisionDocument: DecisionFacts } {
  return {
    decisionDocument: {
      number: decision,
      type: 'QĐ',
      issuer: 'UBND huyện Ba Tơ',
      issuedOn,
      amount: null,
      allocated: 0n,
    },
  };
}
