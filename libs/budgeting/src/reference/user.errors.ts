import type { Role } from '../shared/actor';
import { DomainError, type DomainErrorKind, type Messages } from '../shared/domain-error';

function userError(code: string, kind: DomainErrorKind, field: string, messages: Messages) {
  return new DomainError(code, kind, messages, { field });
}

/** The refusals of the user stream, each with a stable code and both languages. */
export const userErrors = {
  bootstrapOnlyAdmin: () =>
    userError('USER.BOOTSTRAP_ONLY_ADMIN', 'forbidden', 'bootstrap', {
      vi: 'Chỉ được khởi tạo tài khoản quản trị (admin) đầu tiên',
      en: 'Only the first admin account can be bootstrapped',
    }),
  alreadyRegistered: (userId: string) =>
    userError('USER.ALREADY_REGISTERED', 'conflict', 'userId', {
      vi: `Người dùng ${userId} đã được đăng ký với nội dung khác`,
      en: `User ${userId} is already registered with other content`,
    }),
  notRegistered: (userId: string) =>
    userError('USER.NOT_REGISTERED', 'not_found', 'userId', {
      vi: `Chưa đăng ký người dùng ${userId}`,
      en: `User ${userId} is not registered`,
    }),
  deactivated: (userId: string) =>
    userError('USER.DEACTIVATED', 'rule', 'userId', {
      vi: `Tài khoản ${userId} đã bị khóa`,
      en: `User ${userId} is deactivated`,
    }),
  notApprover: (userId: string, role: Role) =>
    new DomainError(
      'USER.NOT_APPROVER',
      'rule',
      {
        vi: `Chỉ người có vai trò phê duyệt (approver) mới được ủy quyền; ${userId} là ${role}`,
        en: `Only approvers hold delegated authority; ${userId} is ${role}`,
      },
      { field: 'userId', role },
    ),
  legalBasisRequired: () =>
    userError('USER.LEGAL_BASIS_REQUIRED', 'validation', 'legalBasis', {
      vi: 'legalBasis: phải nêu văn bản ủy quyền (ví dụ quyết định phân công)',
      en: 'legalBasis: the delegating document must be cited',
    }),
  delegationExists: (delegationId: string) =>
    userError('USER.DELEGATION_EXISTS', 'conflict', 'delegationId', {
      vi: `Ủy quyền ${delegationId} đã tồn tại với nội dung khác`,
      en: `Delegation ${delegationId} already exists with other content`,
    }),
  delegationOverlaps: (otherId: string) =>
    userError('USER.DELEGATION_OVERLAPS', 'conflict', 'validFrom', {
      vi: `Thời hạn trùng với ủy quyền ${otherId} còn hiệu lực: thu hồi ủy quyền đó trước`,
      en: `Dates overlap delegation ${otherId} in force: revoke it first`,
    }),
  delegationNotFound: (delegationId: string) =>
    userError('USER.DELEGATION_NOT_FOUND', 'not_found', 'delegationId', {
      vi: `Không tìm thấy ủy quyền ${delegationId}`,
      en: `Delegation ${delegationId} not found`,
    }),
  cannotDeactivateSelf: () =>
    userError('USER.CANNOT_DEACTIVATE_SELF', 'forbidden', 'userId', {
      vi: 'Không thể tự khóa tài khoản của chính mình',
      en: 'You cannot deactivate your own account',
    }),
};
