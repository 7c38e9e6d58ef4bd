import {
  amountsFromDoc,
  EXPENDITURE_ACTIVITIES,
  HISTORY,
  windowFilter,
  type ReadModels,
} from '@app/read-models';

export interface Spending {
  committed: bigint;
  paidPeriod: bigint;
  paidCumulative: bigint;
}

// A recovered advance gives back committed and disbursed money of its expenditure.
const SPENDING_EVENTS = [
  'ExpenditureApproved',
  'ExpenditureDisbursed',
  'ExpenditureReversed',
  // A refusal by the Treasury that releases the commitment gives committed money back.
  'ExpenditureRefusedByTreasury',
  'AdvanceRecovered',
];

export function zeroSpending(): Spending {
  return { committed: 0n, paidPeriod: 0n, paidCumulative: 0n };
}

/**
 * Spending per plan activity (the activity an expenditure was proposed under), keyed
 * `lineId` → activity id ('' for none), from the line histories' entries in the window.
 * Lines have no activity dimension, so this reads the year's expenditure entries of the
 * lines in the report: O(payments in scope), not a replay of the log.
 */
export async function spendingByActivity(
  models: ReadModels,
  params: {
    readonly fiscalYear: number;
    readonly lineIds: readonly string[];
    readonly from: string;
    readonly end: string;
    readonly knownAt: string | null;
  },
): Promise<Map<string, Map<string, Spending>>> {
  const out = new Map<string, Map<string, Spending>>();
  if (params.lineIds.length === 0) return out;
  const [links, entries] = await Promise.all([
    models.find('plans', EXPENDITURE_ACTIVITIES, { fiscalYear: params.fiscalYear }),
    models.find('history', HISTORY, {
      lineId: { $in: params.lineIds },
      type: { $in: SPENDING_EVENTS },
      ...windowFilter({
        asOf: params.end,
        ...(params.knownAt ? { knownAt: params.knownAt } : {}),
      }),
    }),
  ]);
  const activityOf = new Map(
    links.map((l) => [l.id, typeof l.activity === 'string' ? l.activity : '']),
  );
  for (const entry of entries) {
    const lineId = typeof entry.lineId === 'string' ? entry.lineId : '';
    const expenditure = typeof entry.expenditureId === 'string' ? entry.expenditureId : '';
    const activity = activityOf.get(expenditure) ?? '';
    const deltas = amountsFromDoc(
      entry.deltas && typeof entry.deltas === 'object' && !Array.isArray(entry.deltas)
        ? entry.deltas
        : null,
    );
    const byActivity = out.get(lineId) ?? new Map<string, Spending>();
    const s = byActivity.get(activity) ?? zeroSpending();
    s.committed += deltas.committed;
    s.paidCumulative += deltas.disbursed;
    if (typeof entry.effectiveDate === 'string' && entry.effectiveDate >= params.from)
      s.paidPeriod += deltas.disbursed;
    byActivity.set(activity, s);
    out.set(lineId, byActivity);
  }
  return out;
}
