// Not named like this file: Node resolves './spending-norm-table' to the .json before a .ts.
import * as json from './spending-norm-table.json';
import type { Money } from '../shared/money';
import { formatMoney } from '../shared/money';

/**
 * The unit a norm's ceiling is counted in, and so the quantities a claim must state:
 * person_day (persons × days), person_night (persons × nights), room_night (rooms ×
 * nights), km_fuel (km × petrol price × litres per km), ticket (actual cost, tickets
 * counted), session (half-day sessions), person_session (persons × sessions).
 */
export const NORM_UNITS = [
  'person_day',
  'person_night',
  'room_night',
  'km_fuel',
  'ticket',
  'session',
  'person_session',
] as const;
export type NormUnit = (typeof NORM_UNITS)[number];

/** The first segment of a kind (`lodging.lump_sum.town` → `lodging`). */
export const NORM_FAMILIES = [
  'per_diem',
  'lodging',
  'transport',
  'conference',
  'training',
] as const;
export type NormFamily = (typeof NORM_FAMILIES)[number];

export interface SpendingNormRow {
  readonly id: string;
  /** `per_diem`, `lodging.lump_sum.other_areas`…: a family and its variant. */
  readonly kind: string;
  readonly label: { readonly vi: string; readonly en: string };
  /** Central ceilings (Ministry of Finance) or a province's own rates within them. */
  readonly layer: 'central' | 'provincial';
  readonly province: string | null;
  readonly unit: NormUnit;
  /** Đồng per unit; null: at actual cost (a ticket), or a formula (km_fuel). */
  readonly ceiling: Money | null;
  /** km_fuel only: litres of petrol per km, in tenths (0.2 → 2). */
  readonly litresPerKmTenths: number | null;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly source: { readonly document: string | null; readonly article: string | null };
  /** False until someone checked the row against the published text (README lists them). */
  readonly verified: boolean;
  readonly placeholder: boolean;
  readonly note: string | null;
}

export interface SpendingNormTable {
  readonly tableVersion: string;
  readonly norms: readonly SpendingNormRow[];
}

/** A table that cannot be used: the service refuses to start rather than check against it. */
export class NormTableError extends Error {
  constructor(
    readonly row: string,
    readonly field: string,
    readonly vi: string,
    readonly en: string,
  ) {
    super(`spending norm table, row ${row}, ${field}: ${en} / ${vi}`);
    this.name = 'NormTableError';
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KIND = /^[a-z_]+(\.[a-z_]+)*$/;
type Raw = Record<string, unknown>;

function rowOf(raw: Raw, index: number): SpendingNormRow {
  const id = typeof raw.id === 'string' && raw.id !== '' ? raw.id : `#${index + 1}`;
  const fail = (field: string, vi: string, en: string): never => {
    throw new NormTableError(id, field, vi, en);
  };
  if (id.startsWith('#')) fail('id', 'thiếu mã dòng', 'the row has no id');
  const kind = raw.kind;
  if (
    typeof kind !== 'string' ||
    !KIND.test(kind) ||
    !NORM_FAMILIES.some((f) => kind.split('.')[0] === f)
  )
    fail('kind', `loại định mức không hợp lệ: ${String(kind)}`, `not a norm kind: ${String(kind)}`);
  const label = raw.label as Raw | undefined;
  if (typeof label?.vi !== 'string' || typeof label.en !== 'string')
    fail('label', 'thiếu tên tiếng Việt và tiếng Anh', 'needs a Vietnamese and an English label');
  if (raw.layer !== 'central' && raw.layer !== 'provincial')
    fail('layer', 'phải là central hoặc provincial', 'must be central or provincial');
  const provincial = raw.layer === 'provincial';
  if (provincial !== (typeof raw.province === 'string' && raw.province !== ''))
    fail(
      'province',
      'dòng của tỉnh phải ghi tỉnh, dòng trung ương thì không',
      'a provincial row names its province, a central row none',
    );
  if (!NORM_UNITS.includes(raw.unit as NormUnit))
    fail(
      'unit',
      `đơn vị tính không hợp lệ: ${String(raw.unit)}`,
      `not a unit: ${String(raw.unit)}`,
    );
  const unit = raw.unit as NormUnit;
  const ceiling = raw.ceiling;
  const atCost = unit === 'ticket' || unit === 'km_fuel';
  if (atCost ? ceiling !== null : typeof ceiling !== 'string' || !/^[1-9]\d{0,11}$/.test(ceiling))
    fail(
      'ceiling',
      atCost
        ? 'đơn vị này không có mức trần (null)'
        : 'mức trần phải là số đồng nguyên dương, ghi dạng chuỗi',
      atCost
        ? 'this unit has no ceiling (null)'
        : 'the ceiling must be whole đồng above zero, as a string',
    );
  const litres = raw.litresPerKm;
  if (
    (unit === 'km_fuel') !==
    (typeof litres === 'string' && /^\d+(\.\d)?$/.test(litres) && litres !== '0')
  )
    fail('litresPerKm', 'chỉ dòng km_fuel, dạng "0.2"', 'km_fuel rows only, written "0.2"');
  if (typeof raw.validFrom !== 'string' || !DATE.test(raw.validFrom))
    fail('validFrom', 'ngày bắt đầu hiệu lực phải dạng YYYY-MM-DD', 'validFrom must be YYYY-MM-DD');
  const validFrom = raw.validFrom as string;
  if (
    raw.validTo !== null &&
    (typeof raw.validTo !== 'string' || !DATE.test(raw.validTo) || raw.validTo < validFrom)
  )
    fail(
      'validTo',
      'ngày hết hiệu lực phải dạng YYYY-MM-DD, không trước ngày bắt đầu',
      'validTo must be YYYY-MM-DD, not before validFrom',
    );
  const source = raw.source as Raw | undefined;
  const placeholder = raw.placeholder === true;
  if (typeof source?.document !== 'string' && !(placeholder && source?.document === null))
    fail(
      'source.document',
      'phải ghi văn bản (chỉ dòng giữ chỗ mới để trống)',
      'must name its document (only a placeholder may leave it null)',
    );
  if (typeof raw.verified !== 'boolean')
    fail('verified', 'phải là true hoặc false', 'must be true or false');
  if (placeholder && raw.verified)
    fail('verified', 'dòng giữ chỗ không thể đã đối chiếu', 'a placeholder cannot be verified');
  return {
    id,
    kind: kind as string,
    label: { vi: label!.vi as string, en: label!.en as string },
    layer: raw.layer as 'central' | 'provincial',
    province: provincial ? (raw.province as string) : null,
    unit,
    ceiling: atCost ? null : BigInt(ceiling as string),
    litresPerKmTenths: unit === 'km_fuel' ? Math.round(Number(litres) * 10) : null,
    validFrom,
    validTo: (raw.validTo as string | null) ?? null,
    source: {
      document: (source!.document as string | null) ?? null,
      article: typeof source!.article === 'string' ? source!.article : null,
    },
    verified: raw.verified as boolean,
    placeholder,
    note: typeof raw.note === 'string' ? raw.note : null,
  };
}

const overlaps = (a: SpendingNormRow, b: SpendingNormRow): boolean =>
  a.validFrom <= (b.validTo ?? '9999-12-31') && b.validFrom <= (a.validTo ?? '9999-12-31');

/**
 * Reads and checks the table: each row well formed; ids unique; no two rows of one kind
 * and layer (and province) in force on the same day; and a province's row within the
 * central ceiling of its kind on every day they overlap (its unit the same), else the
 * whole table is refused — a province may lower a rate, never raise it.
 */
export function loadNormTable(raw: unknown): SpendingNormTable {
  const table = raw as Raw;
  if (typeof table?.tableVersion !== 'string' || !Array.isArray(table.norms))
    throw new NormTableError(
      '-',
      'norms',
      'bảng phải có tableVersion và danh sách norms',
      'the table needs tableVersion and a norms list',
    );
  const norms = (table.norms as Raw[]).map(rowOf);
  const ids = new Set<string>();
  for (const row of norms) {
    if (ids.has(row.id))
      throw new NormTableError(row.id, 'id', 'mã dòng bị trùng', 'the id is used twice');
    ids.add(row.id);
    const twin = norms.find(
      (o) => o !== row && o.kind === row.kind && o.province === row.province && overlaps(o, row),
    );
    if (twin)
      throw new NormTableError(
        row.id,
        'validFrom',
        `trùng hiệu lực với dòng ${twin.id}`,
        `in force on the same days as row ${twin.id}`,
      );
  }
  for (const row of norms.filter((r) => r.layer === 'provincial')) {
    const central = norms.filter(
      (c) => c.layer === 'central' && c.kind === row.kind && overlaps(c, row),
    );
    if (central.length === 0)
      throw new NormTableError(
        row.id,
        'kind',
        'không có dòng trung ương cùng loại, cùng thời gian',
        'no central row of its kind in force at the same time',
      );
    for (const c of central) {
      if (c.unit !== row.unit)
        throw new NormTableError(
          row.id,
          'unit',
          `khác đơn vị tính của dòng trung ương ${c.id}`,
          `not the unit of central row ${c.id}`,
        );
      if (c.ceiling !== null && (row.ceiling === null || row.ceiling > c.ceiling))
        throw new NormTableError(
          row.id,
          'ceiling',
          `mức của tỉnh ${row.ceiling === null ? 'không giới hạn' : formatMoney(row.ceiling)} đồng vượt trần trung ương ${formatMoney(c.ceiling)} đồng (dòng ${c.id})`,
          `the province's rate ${row.ceiling?.toString() ?? 'unbounded'} đồng is above the central ceiling ${c.ceiling.toString()} đồng (row ${c.id})`,
        );
    }
  }
  return { tableVersion: table.tableVersion, norms };
}

// The swc loaders differ on a JSON default import (Jest gives one, @swc-node/register not).
const loaded = json as unknown as { default?: unknown } & Raw;
/** The table shipped with the product (spending-norm-table.json), checked as it loads. */
export const SPENDING_NORM_TABLE: SpendingNormTable = loadNormTable(loaded.default ?? loaded);

/**
 * The row that applies to a kind on a date: the province's own, else the central one.
 * A placeholder is not law: it is listed, never applied. Null when no row of the kind is
 * in force that day.
 */
export function normRowFor(
  kind: string,
  on: string,
  province: string | null,
  table: SpendingNormTable = SPENDING_NORM_TABLE,
): SpendingNormRow | null {
  const inForce = table.norms.filter(
    (r) => r.kind === kind && r.validFrom <= on && (r.validTo === null || on <= r.validTo),
  );
  return (
    inForce.find((r) => province !== null && r.province === province && !r.placeholder) ??
    inForce.find((r) => r.layer === 'central') ??
    null
  );
}

export const familyOf = (kind: string): string => kind.split('.')[0] ?? kind;
