import type { Doc, DocumentValue } from '@app/read-models';

/** A plan as reports read it from the plans view: the version in force, else the draft. */
export interface PlanView {
  readonly leadUnit: string;
  readonly title: string | null;
  /** approved, draft, submitted, rejected, amendment_draft. */
  readonly status: string;
  /** True when no version is in force yet: the figures are the draft's. */
  readonly draft: boolean;
  readonly number: string | null;
  readonly issuedOn: string | null;
  readonly parts: readonly { code: string; name: string; amount: bigint }[];
  readonly activities: readonly ActivityView[];
}

export interface ActivityView {
  readonly id: string;
  readonly programPart: string;
  readonly name: string;
  readonly plannedAmount: bigint | null;
  readonly outputs: readonly { id: string; description: string; unit: string; target: number }[];
}

type Json = Record<string, DocumentValue>;

function object(value: DocumentValue | undefined): Json | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
}

function list(value: DocumentValue | undefined): Json[] {
  return Array.isArray(value) ? value.map(object).filter((v): v is Json => v !== null) : [];
}

function text(value: DocumentValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

function amount(value: DocumentValue | undefined): bigint | null {
  return typeof value === 'string' && /^-?\d+$/.test(value) ? BigInt(value) : null;
}

export function planView(doc: Doc): PlanView | null {
  const inForce = object(doc.inForce);
  const version = inForce ?? object(doc.draft);
  if (!version) return null;
  return {
    leadUnit: text(doc.leadUnit) ?? '',
    title: text(version.title),
    status: text(doc.status) ?? 'draft',
    draft: inForce === null,
    number: inForce ? text(doc.number) : null,
    issuedOn: inForce ? text(doc.issuedOn) : null,
    parts: list(version.parts).map((p) => ({
      code: text(p.code) ?? '',
      name: text(p.name) ?? text(p.code) ?? '',
      amount: amount(p.budgetAmount) ?? 0n,
    })),
    activities: list(version.activities).map((a) => ({
      id: text(a.id) ?? '',
      programPart: text(a.programPart) ?? '',
      name: text(a.name) ?? text(a.id) ?? '',
      plannedAmount: amount(a.plannedAmount),
      outputs: list(a.outputs).map((o) => ({
        id: text(o.id) ?? '',
        description: text(o.description) ?? text(o.id) ?? '',
        unit: text(o.unit) ?? '',
        target: typeof o.target === 'number' ? o.target : 0,
      })),
    })),
  };
}
