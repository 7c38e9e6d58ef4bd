import { policy } from '../shared/policy';

const AFTER_ADJUSTMENT = {
  vi: 'sau thời gian chỉnh lý (sau 31/01 năm sau, Luật NSNN 83/2015/QH13); mọi dòng của năm đã xử lý hết số dư (chuyển nguồn theo quyết định hoặc hủy)',
  en: 'after the adjustment period (after 31/01 of the next year, State Budget Law 83/2015/QH13); every line of the year settled (its remainder carried over by a decision, or cancelled)',
};

const WHOLE_PROGRAM = {
  vi: `${AFTER_ADJUSTMENT.vi}; ủy quyền bao trùm toàn bộ Chương trình; không trước ngày đề nghị`,
  en: `${AFTER_ADJUSTMENT.en}; a delegation over the whole program; not before the proposal`,
};

/**
 * Closing a year (khóa sổ) is proposed by the finance office (the administrator role
 * stands for it, as for allocations) and approved by an approver, two persons; after it
 * the year's lines take only corrections. District-wide: no unit's user may do either.
 */
export const FISCAL_YEAR_POLICIES = {
  ProposeFiscalYearClose: policy({
    name: 'ProposeFiscalYearClose',
    kind: 'write',
    action: { vi: 'đề nghị khóa sổ năm ngân sách', en: 'propose closing a fiscal year' },
    roles: ['admin'],
    scope: 'district',
    dates: AFTER_ADJUSTMENT,
    doors: ['POST /api/v1/fiscal-years/{y}/close'],
  }),
  ApproveFiscalYearClose: policy({
    name: 'ApproveFiscalYearClose',
    kind: 'write',
    action: { vi: 'phê duyệt khóa sổ năm ngân sách', en: 'approve closing a fiscal year' },
    roles: ['approver'],
    scope: 'delegation',
    segregation: true,
    notBefore: { vi: 'ngày đề nghị khóa sổ', en: 'the proposal to close' },
    dates: WHOLE_PROGRAM,
    doors: ['POST /api/v1/fiscal-years/{y}/close/approve'],
  }),
} as const;
