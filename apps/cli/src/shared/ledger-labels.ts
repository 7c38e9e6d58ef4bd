import { BALANCE_COLUMNS, type BalanceColumn } from '@app/read-models';
import type { Messages } from '@app/budgeting';
import { ROLE_LABELS } from '../users/new-user';
import type { Language } from './cli-context';

export type AmountColumn = BalanceColumn | 'available' | 'advancesOpen';

/** The amount columns of a budget line, in the order reports show them. */
export const AMOUNT_COLUMNS: readonly AmountColumn[] = [
  ...BALANCE_COLUMNS,
  'available',
  'advancesOpen',
];

/** The words of the Vietnamese budget reports (dự toán được giao, chuyển nguồn…). */
export const AMOUNT_LABELS: Readonly<Record<AmountColumn, Messages>> = {
  allocated: { vi: 'Được giao', en: 'Allocated' },
  carriedIn: { vi: 'Chuyển sang', en: 'Carried in' },
  carriedOut: { vi: 'Chuyển đi', en: 'Carried out' },
  transferredIn: { vi: 'Điều chuyển đến', en: 'Transferred in' },
  transferredOut: { vi: 'Điều chuyển đi', en: 'Transferred out' },
  committed: { vi: 'Đã cam kết', en: 'Committed' },
  disbursed: { vi: 'Đã giải ngân', en: 'Disbursed' },
  cancelled: { vi: 'Hủy, hết hạn', en: 'Cancelled' },
  returned: { vi: 'Hoàn trả cấp trên', en: 'Returned' },
  awaitingTreasury: { vi: 'Chờ Kho bạc', en: 'At the Treasury' },
  advanced: { vi: 'Đã tạm ứng', en: 'Advanced' },
  advanceSettled: { vi: 'Đã thanh toán tạm ứng', en: 'Advances settled' },
  advanceRecovered: { vi: 'Đã thu hồi tạm ứng', en: 'Advances recovered' },
  available: { vi: 'Còn lại', en: 'Available' },
  advancesOpen: { vi: 'Tạm ứng chưa thanh toán', en: 'Open advances' },
};

const FUND_SOURCES: Readonly<Record<string, Messages>> = {
  central: { vi: 'Trung ương', en: 'central' },
  provincial: { vi: 'Tỉnh', en: 'provincial' },
  district: { vi: 'Huyện', en: 'district' },
};

export function fundSourceLabel(source: string, language: Language): string {
  return FUND_SOURCES[source]?.[language] ?? source;
}

export function roleLabel(role: string, language: Language): string {
  return (ROLE_LABELS as Readonly<Record<string, Messages>>)[role]?.[language] ?? role;
}

/** "Lữ Đình Tích (người phê duyệt)". */
export function actorLabel(
  actor: { readonly name?: unknown; readonly role?: unknown; readonly id?: unknown } | null,
  language: Language,
): string {
  if (!actor) return '';
  const name =
    typeof actor.name === 'string' ? actor.name : typeof actor.id === 'string' ? actor.id : '';
  const role = typeof actor.role === 'string' && actor.role !== '' ? actor.role : null;
  return role ? `${name} (${roleLabel(role, language)})` : name;
}

/** "KT. Chủ tịch (Phó Chủ tịch)": the capacity signed in, and the title when recorded. */
export function capacityLabel(capacity: unknown, title: unknown): string {
  if (typeof capacity !== 'string' || capacity === '') return '';
  return typeof title === 'string' && title !== '' ? `${capacity} (${title})` : capacity;
}
