/** Test-only: the people the handler int-specs act as, and the context of their commands. */
import type { Actor, Authority } from '@app/budgeting';
import type { CommandContext } from '../command-executor';

export const admin: Actor = { userId: 'u-admin', name: 'Quản trị', role: 'admin', unit: null };
export const officer: Actor = {
  userId: 'u-officer',
  name: 'Cán bộ',
  role: 'officer',
  unit: 'LDTBXH',
};
export const approver: Actor = {
  userId: 'u-tich',
  name: 'Lữ Đình Tích',
  role: 'approver',
  unit: null,
};
export const accountant: Actor = {
  userId: 'u-acc',
  name: 'Kế toán',
  role: 'accountant',
  unit: null,
};
export const authority: Authority = {
  capacity: 'KT. Chủ tịch',
  title: 'Phó Chủ tịch',
  programParts: [],
  units: [],
  validFrom: '2024-01-01',
  validTo: '2024-12-31',
};

let n = 0;
/** A command by `actor` taking effect on `effectiveDate`, under a fresh key unless given one. */
export function context(
  actor: Actor,
  effectiveDate: string,
  commandId = `cmd-${++n}`,
): CommandContext {
  return { actor, commandId, correlationId: `corr-${commandId}`, causationId: null, effectiveDate };
}
