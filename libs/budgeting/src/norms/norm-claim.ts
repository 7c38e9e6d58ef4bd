import type { Money } from '../shared/money';
import type { ExpenditureCategory } from '../budget-line/budget-line.events';
import { ceilingBasis, normErrors } from './norm.errors';
import {
  familyOf,
  normRowFor,
  SPENDING_NORM_TABLE,
  type NormUnit,
  type SpendingNormRow,
  type SpendingNormTable,
} from './norm-table';

/** One normed cost of a claim and the quantities its norm is counted in. */
export interface NormClaimItem {
  readonly kind: string;
  readonly amount: Money;
  readonly persons?: number;
  readonly days?: number;
  readonly nights?: number;
  readonly rooms?: number;
  readonly km?: number;
  /** Petrol price per litre on the trip's date (own-vehicle lump sum). */
  readonly fuelPriceAmount?: Money;
  readonly tickets?: number;
  readonly sessions?: number;
}

/** A claim's normed costs and the dates of the trip or event they are for. */
export interface NormClaim {
  readonly period: { readonly from: string; readonly to: string };
  readonly items: readonly NormClaimItem[];
}

/** A claim as the wire and data files write it: amounts as strings of whole đồng. */
export interface NormClaimText {
  readonly period: { readonly from: string; readonly to: string };
  readonly items: readonly (Omit<NormClaimItem, 'amount' | 'fuelPriceAmount'> & {
    readonly amount: string;
    readonly fuelPrice?: string;
  })[];
}

/** The claim with its amounts read by `money` (the API's parseMoney, an import's BigInt). */
export function normClaimFromText(text: NormClaimText, money: (s: string) => Money): NormClaim {
  const items = text.items.map(({ amount, fuelPrice, ...quantities }) => ({
    ...quantities,
    amount: money(amount),
    ...(fuelPrice === undefined ? {} : { fuelPriceAmount: money(fuelPrice) }),
  }));
  return { period: { from: text.period.from, to: text.period.to }, items };
}

/** Which norm row an item was checked against: what an auditor reads on the events. */
export interface AppliedNorm {
  readonly kind: string;
  readonly normId: string;
  readonly layer: 'central' | 'provincial';
  readonly province: string | null;
  readonly document: string | null;
  readonly article: string | null;
  readonly unit: NormUnit;
  /** Đồng per unit (null: actual cost or a formula). */
  readonly rateAmount: Money | null;
  readonly quantity: number;
  /** The most the item may claim (null: actual cost by ticket). */
  readonly ceilingAmount: Money | null;
  readonly amount: Money;
  readonly verified: boolean;
}

/** What is recorded on the proposal and the approval. */
export interface NormsApplied {
  readonly tableVersion: string;
  readonly province: string | null;
  readonly period: { readonly from: string; readonly to: string };
  readonly applied: readonly AppliedNorm[];
}

/** The families of norms a category's claim may name. */
const FAMILIES: Partial<Record<ExpenditureCategory, readonly string[]>> = {
  travel_allowance: ['per_diem', 'lodging', 'transport'],
  study_tour: ['per_diem', 'lodging', 'transport'],
  meeting: ['conference', 'per_diem', 'lodging', 'transport'],
  training: ['training', 'conference', 'per_diem', 'lodging', 'transport'],
};

/** Categories every cost of which is normed: a claim without quantities is refused. */
const WHOLLY_NORMED: ReadonlySet<ExpenditureCategory> = new Set(['travel_allowance']);

type QuantityField = 'persons' | 'days' | 'nights' | 'rooms' | 'km' | 'tickets' | 'sessions';
const NEEDS: Record<NormUnit, readonly (QuantityField | 'fuelPriceAmount')[]> = {
  person_day: ['persons', 'days'],
  person_night: ['persons', 'nights'],
  room_night: ['rooms', 'nights'],
  km_fuel: ['km', 'fuelPriceAmount'],
  ticket: ['tickets'],
  session: ['sessions'],
  person_session: ['persons', 'sessions'],
};

const DAY_MS = 86_400_000;
const spanDays = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

function quantities(item: NormClaimItem, row: SpendingNormRow, at: string): number {
  for (const field of NEEDS[row.unit]) {
    const value = item[field];
    const ok =
      field === 'fuelPriceAmount'
        ? typeof value === 'bigint' && value > 0n
        : Number.isInteger(value) && (value as number) > 0;
    if (!ok) throw normErrors.quantityMissing(`${at}.${field}`, row);
  }
  return NEEDS[row.unit]
    .filter((f): f is QuantityField => f !== 'fuelPriceAmount')
    .reduce((q, f) => q * (item[f] as number), 1);
}

function ceilingOf(item: NormClaimItem, row: SpendingNormRow, quantity: number): Money | null {
  if (row.unit === 'km_fuel')
    return (BigInt(item.km!) * item.fuelPriceAmount! * BigInt(row.litresPerKmTenths!)) / 10n;
  return row.ceiling === null ? null : row.ceiling * BigInt(quantity);
}

/**
 * Checks a claim against the norms in force on the first day of its trip or event (not
 * the day it is proposed or approved), the province's row before the central one: every
 * item names a kind its category may claim and the quantities its unit counts, within
 * the trip's dates, and claims no more than quantity × rate. Returns what applied, or
 * null for a category with no norm and no claim.
 */
export function applyNorms(
  category: ExpenditureCategory,
  amount: Money,
  claim: NormClaim | null,
  province: string | null,
  table: SpendingNormTable = SPENDING_NORM_TABLE,
): NormsApplied | null {
  if (!claim) {
    if (WHOLLY_NORMED.has(category)) throw normErrors.claimRequired(category);
    return null;
  }
  const { from, to } = claim.period;
  if (!(to >= from)) throw normErrors.periodInvalid(from, to);
  if (claim.items.length === 0) throw normErrors.claimRequired(category);
  const span = spanDays(from, to);
  const applied = claim.items.map((item, i): AppliedNorm => {
    const at = `normClaim.items[${i}]`;
    if (!table.norms.some((r) => r.kind === item.kind))
      throw normErrors.kindUnknown(`${at}.kind`, item.kind);
    if (!(FAMILIES[category] ?? []).includes(familyOf(item.kind)))
      throw normErrors.kindNotForCategory(`${at}.kind`, item.kind, category);
    const row = normRowFor(item.kind, from, province, table);
    if (!row) throw normErrors.noneInForce(`${at}.kind`, item.kind, from);
    const quantity = quantities(item, row, at);
    if ((item.days ?? 0) > span)
      throw normErrors.beyondPeriod(`${at}.days`, item.days!, span, claim.period);
    if ((item.nights ?? 0) > span - 1)
      throw normErrors.beyondPeriod(`${at}.nights`, item.nights!, span - 1, claim.period);
    const ceilingAmount = ceilingOf(item, row, quantity);
    if (ceilingAmount !== null && item.amount > ceilingAmount)
      throw normErrors.exceeds(
        at,
        row,
        quantity,
        ceilingAmount,
        item.amount,
        ceilingBasis(row, quantity, item.fuelPriceAmount),
      );
    return {
      kind: item.kind,
      normId: row.id,
      layer: row.layer,
      province: row.province,
      document: row.source.document,
      article: row.source.article,
      unit: row.unit,
      rateAmount: row.ceiling,
      quantity,
      ceilingAmount,
      amount: item.amount,
      verified: row.verified,
    };
  });
  const total = claim.items.reduce((s, item) => s + item.amount, 0n);
  if (WHOLLY_NORMED.has(category) ? total !== amount : total > amount)
    throw normErrors.itemsMismatch(total, amount, WHOLLY_NORMED.has(category));
  return { tableVersion: table.tableVersion, province, period: claim.period, applied };
}

/** The documents the applied rows cite, as the approval's `normApplied` names them. */
export function normDocuments(norms: NormsApplied | null): string | null {
  if (!norms) return null;
  const docs = [...new Set(norms.applied.map((a) => a.document ?? `${a.normId}`))];
  return docs.join('; ');
}
