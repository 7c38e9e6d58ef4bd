import type { Doc, DocumentValue, SumRow } from '../document-store.port';

type Json = Record<string, DocumentValue>;

function objectOf(value: DocumentValue | undefined): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function arrayOf(value: DocumentValue | undefined): Json[] {
  return Array.isArray(value) ? value.map((v) => objectOf(v)) : [];
}

function money(value: string | number | boolean | null | undefined): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '0';
}

/**
 * The plan view per activity of the version in force (else the draft): planned, reserved
 * (pending and approved, what its planned amount caps), committed (approved), paid, what
 * is left under the cap, and each output's recorded progress. Spending on an activity the
 * version does not list (an old free-text activity) is listed after, as `unplanned`.
 */
export function activityFigures(plan: Doc, spending: readonly SumRow[]): Json[] {
  const version = objectOf(plan.inForce ?? plan.draft);
  const progress = objectOf(plan.progress);
  const byId = new Map(spending.map((row) => [String(row.activity), row]));
  const listed = arrayOf(version.activities).map((activity): Json => {
    const id = typeof activity.id === 'string' ? activity.id : '';
    const row = byId.get(id);
    byId.delete(id);
    const planned = activity.plannedAmount;
    const reserved = money(row?.reserved);
    return {
      id,
      programPart: activity.programPart ?? null,
      name: activity.name ?? null,
      planned: typeof planned === 'string' ? planned : null,
      reserved,
      committed: money(row?.committed),
      disbursed: money(row?.disbursed),
      remaining:
        typeof planned === 'string' ? (BigInt(planned) - BigInt(reserved)).toString() : null,
      outputs: arrayOf(activity.outputs).map((output) => ({
        id: output.id ?? null,
        description: output.description ?? null,
        unit: output.unit ?? null,
        target: output.target ?? null,
        progress: progress[`${id}/${typeof output.id === 'string' ? output.id : ''}`] ?? null,
      })),
    };
  });
  const unplanned = [...byId.values()].map((row): Json => ({
    id: String(row.activity),
    unplanned: true,
    reserved: money(row.reserved),
    committed: money(row.committed),
    disbursed: money(row.disbursed),
  }));
  return [...listed, ...unplanned];
}
