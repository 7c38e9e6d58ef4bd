import { DomainError } from '../shared/domain-error';
import { formatVietnameseDate } from '../shared/dates';
import { formatMoney, type Money } from '../shared/money';
import type { NormUnit, SpendingNormRow } from './norm-table';

const UNIT: Record<NormUnit, { vi: string; en: string }> = {
  person_day: { vi: 'người-ngày', en: 'person-days' },
  person_night: { vi: 'người-đêm', en: 'person-nights' },
  room_night: { vi: 'phòng-đêm', en: 'room-nights' },
  km_fuel: { vi: 'km', en: 'km' },
  ticket: { vi: 'vé', en: 'tickets' },
  session: { vi: 'buổi', en: 'sessions' },
  person_session: { vi: 'người-buổi', en: 'person-sessions' },
};

/** How the ceiling was reached: `200.000 đồng × 5 người-ngày`, or petrol for own vehicles. */
export function ceilingBasis(
  row: SpendingNormRow,
  quantity: number,
  fuelPrice: Money | undefined,
): { vi: string; en: string; rate: string } {
  if (row.unit === 'km_fuel') {
    const litres = `${Math.floor(row.litresPerKmTenths! / 10)},${row.litresPerKmTenths! % 10}`;
    const price = fuelPrice ?? 0n;
    return {
      vi: `${quantity} km × ${litres} lít/km × ${formatMoney(price)} đồng/lít`,
      en: `${quantity} km × ${litres.replace(',', '.')} l/km × ${price} đồng/l`,
      rate: `${litres.replace(',', '.')} l/km`,
    };
  }
  const rate = row.ceiling ?? 0n;
  return {
    vi: `${formatMoney(rate)} đồng × ${quantity} ${UNIT[row.unit].vi}`,
    en: `${rate} đồng × ${quantity} ${UNIT[row.unit].en}`,
    rate: rate.toString(),
  };
}

const cite = (row: SpendingNormRow): string =>
  [row.source.document ?? row.id, row.source.article].filter(Boolean).join(', ');

export const normErrors = {
  claimRequired: (category: string) =>
    new DomainError(
      'BUDGET.NORM_CLAIM_REQUIRED',
      'validation',
      {
        vi: `normClaim: khoản chi loại ${category} phải kê ngày đi, ngày về và từng khoản theo định mức (phụ cấp lưu trú, thuê phòng nghỉ, đi lại) với số người, số ngày, số đêm, số km…`,
        en: `normClaim: a ${category} claim must state the trip's dates and each normed cost (per-diem, lodging, travel) with its persons, days, nights, km…`,
      },
      { field: 'normClaim', category },
    ),
  periodInvalid: (from: string, to: string) =>
    new DomainError(
      'BUDGET.NORM_PERIOD_INVALID',
      'validation',
      {
        vi: `normClaim.period: ngày về ${to} trước ngày đi ${from}`,
        en: `normClaim.period: the end ${to} is before the start ${from}`,
      },
      { field: 'normClaim.period', from, to },
    ),
  kindUnknown: (field: string, kind: string) =>
    new DomainError(
      'BUDGET.NORM_KIND_UNKNOWN',
      'validation',
      {
        vi: `${field}: "${kind}" không có trong bảng định mức của phần mềm`,
        en: `${field}: "${kind}" is not in the product's norm table`,
      },
      { field, kind },
    ),
  kindNotForCategory: (field: string, kind: string, category: string) =>
    new DomainError(
      'BUDGET.NORM_KIND_NOT_FOR_CATEGORY',
      'validation',
      {
        vi: `${field}: định mức "${kind}" không dùng cho khoản chi loại ${category}`,
        en: `${field}: norm "${kind}" does not apply to a ${category} expenditure`,
      },
      { field, kind, category },
    ),
  noneInForce: (field: string, kind: string, on: string) =>
    new DomainError(
      'BUDGET.NO_NORM_IN_FORCE',
      'rule',
      {
        vi: `${field}: không có định mức "${kind}" có hiệu lực ngày ${formatVietnameseDate(on)} (ngày bắt đầu chuyến công tác, sự kiện)`,
        en: `${field}: no "${kind}" norm is in force on ${on} (the first day of the trip or event)`,
      },
      { field, kind, on },
    ),
  quantityMissing: (field: string, row: SpendingNormRow) =>
    new DomainError(
      'BUDGET.NORM_QUANTITY_MISSING',
      'validation',
      {
        vi: `${field}: thiếu hoặc không hợp lệ (số nguyên dương); định mức ${row.label.vi} (${cite(row)}) tính theo ${UNIT[row.unit].vi}`,
        en: `${field}: missing or not a whole number above zero; the norm ${row.label.en} (${cite(row)}) is counted in ${UNIT[row.unit].en}`,
      },
      { field, normId: row.id },
    ),
  beyondPeriod: (
    field: string,
    given: number,
    most: number,
    period: { from: string; to: string },
  ) =>
    new DomainError(
      'BUDGET.NORM_QUANTITY_EXCEEDS_PERIOD',
      'validation',
      {
        vi: `${field}: ${given} vượt quá ${most} của chuyến từ ${formatVietnameseDate(period.from)} đến ${formatVietnameseDate(period.to)}`,
        en: `${field}: ${given} is more than the ${most} of a trip from ${period.from} to ${period.to}`,
      },
      { field, given: String(given), most: String(most) },
    ),
  exceeds: (
    field: string,
    row: SpendingNormRow,
    quantity: number,
    cap: Money,
    claimed: Money,
    basis: { vi: string; en: string; rate: string },
  ) =>
    new DomainError(
      'BUDGET.EXCEEDS_SPENDING_NORM',
      'rule',
      {
        vi: `${field}: vượt định mức ${row.label.vi} theo ${cite(row)}: ${basis.vi} = tối đa ${formatMoney(cap)} đồng, đề nghị ${formatMoney(claimed)} đồng`,
        en: `${field}: exceeds the norm ${row.label.en} of ${cite(row)}: ${basis.en} = at most ${cap} đồng, claimed ${claimed} đồng`,
      },
      {
        field,
        norm: row.source.document ?? row.id,
        normId: row.id,
        ...(row.source.article ? { article: row.source.article } : {}),
        rate: basis.rate,
        unit: row.unit,
        quantity: String(quantity),
        cap: cap.toString(),
      },
    ),
  itemsMismatch: (total: Money, amount: Money, whole: boolean) =>
    new DomainError(
      'BUDGET.NORM_ITEMS_MISMATCH',
      'validation',
      {
        vi: `normClaim.items: các khoản cộng lại ${formatMoney(total)} đồng ${whole ? 'phải bằng' : 'vượt'} số tiền đề nghị ${formatMoney(amount)} đồng`,
        en: `normClaim.items: the items add up to ${total} đồng, which ${whole ? 'must equal' : 'exceeds'} the amount ${amount} đồng`,
      },
      { field: 'normClaim.items', total: total.toString(), amount: amount.toString() },
    ),
};
