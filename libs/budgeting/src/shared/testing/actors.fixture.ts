import type { Actor, Authority } from '../actor';

// Lữ Đình Tích signed the seed plan; the other people are illustrative.
export const admin: Actor = {
  userId: 'quan-tri',
  name: 'Quản trị hệ thống',
  role: 'admin',
  unit: null,
};
export const officer: Actor = {
  userId: 'can-bo-ldtbxh',
  name: 'Cán bộ Phòng Lao động - Thương binh và Xã hội',
  role: 'officer',
  unit: 'LDTBXH',
};
export const secondOfficer: Actor = { ...officer, userId: 'can-bo-ldtbxh-2' };
export const approver: Actor = {
  userId: 'lu-dinh-tich',
  name: 'Lữ Đình Tích',
  role: 'approver',
  unit: null,
};
export const accountant: Actor = {
  userId: 'ke-toan',
  name: 'Kế toán',
  role: 'accountant',
  unit: 'LDTBXH',
};
/** The ledger's own transfer process: completes and fails approved transfers. */
export const transferProcess: Actor = {
  userId: 'system:transfers',
  name: 'Quy trình điều chuyển',
  role: 'admin',
  unit: null,
};
export const auditor: Actor = {
  userId: 'kiem-toan',
  name: 'Kiểm toán viên',
  role: 'auditor',
  unit: null,
};

/** "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", as the seed plan is signed; scope and dates illustrative. */
export const viceChairmanAuthority: Authority = {
  capacity: 'KT. Chủ tịch',
  title: 'Phó Chủ tịch',
  programParts: ['DA6', 'DA7'],
  units: [],
  validFrom: '2024-01-01',
  validTo: '2025-06-30',
};
/** The same delegation for 2024 only: the budget line's and the transfers' specs. */
export const viceChairman2024: Authority = { ...viceChairmanAuthority, validTo: '2024-12-31' };
