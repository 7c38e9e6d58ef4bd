import { policy, type Policy } from '../shared/policy';

/**
 * Reference data is district-wide: spending units, the register of legal documents and
 * the users with their delegations are kept by the administrator (the finance office's
 * records), never by a user who belongs to one unit. Enforced by `authorize` in the
 * reference deciders.
 */
const reference = (name: string, vi: string, en: string, doors: readonly string[]): Policy =>
  policy({
    name,
    kind: 'write',
    action: { vi, en },
    roles: ['admin'],
    scope: 'district',
    doors,
  });

export const REFERENCE_POLICIES = {
  RegisterLegalDocument: reference(
    'RegisterLegalDocument',
    'đăng ký văn bản',
    'register documents',
    ['POST /api/v1/documents', 'budget import'],
  ),
  RegisterSpendingUnit: reference(
    'RegisterSpendingUnit',
    'đăng ký đơn vị',
    'register spending units',
    ['POST /api/v1/units', 'budget import'],
  ),
  RegisterUnitSignatory: reference(
    'RegisterUnitSignatory',
    'đăng ký người ký tài khoản của đơn vị',
    "register a unit's account signatories",
    ['POST /api/v1/units/{code}/signatories', 'budget import'],
  ),
  RecordBudgetRelationshipCode: reference(
    'RecordBudgetRelationshipCode',
    'ghi mã ĐVQHNS của đơn vị',
    "record a unit's budget-relationship code (mã ĐVQHNS)",
    ['POST /api/v1/units/{code}/budget-relationship-codes', 'budget import'],
  ),
  ChangeUnitValidity: reference(
    'ChangeUnitValidity',
    'thay đổi hiệu lực đơn vị',
    "change a unit's validity",
    ['(chưa có đường vào / no door yet)'],
  ),
  RegisterUser: reference('RegisterUser', 'đăng ký người dùng', 'register users', [
    'budget users add',
    'budget import',
  ]),
  DelegateAuthority: reference('DelegateAuthority', 'ủy quyền', 'delegate authority', [
    'budget users add --capacity …',
    'budget import',
  ]),
  RevokeAuthority: reference('RevokeAuthority', 'thu hồi ủy quyền', 'revoke a delegation', [
    '(chưa có đường vào / no door yet)',
  ]),
  DeactivateUser: reference('DeactivateUser', 'khóa người dùng', 'deactivate users', [
    '(chưa có đường vào / no door yet)',
  ]),
} as const satisfies Readonly<Record<string, Policy>>;
