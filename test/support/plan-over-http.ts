import { baTo2024Draft } from '@app/budgeting/testing';

/**
 * The seed's 2024 plan for LDTBXH as a POST /plans body, drafted on 10/4/2024, with planned
 * amounts given to some activities (illustrative: the seed plans none per activity).
 */
export function seedPlanRequest(plannedAmounts: Readonly<Record<string, string>> = {}): object {
  const d = baTo2024Draft.data;
  return {
    fiscalYear: d.fiscalYear,
    leadUnit: d.leadUnit,
    title: d.title,
    legalBasis: d.legalBasis,
    fundingDecisions: d.fundingDecisions,
    parts: d.parts.map((p) => ({ ...p, budgetAmount: p.budgetAmount.toString() })),
    activities: d.activities.map(({ plannedAmount, ...a }) => {
      const planned = plannedAmounts[a.id] ?? plannedAmount?.toString();
      return { ...a, ...(planned === undefined ? {} : { plannedAmount: planned }) };
    }),
    effectiveDate: '2024-04-10',
  };
}
