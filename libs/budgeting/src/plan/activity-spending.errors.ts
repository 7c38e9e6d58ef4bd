import { formatVietnameseDate } from '../shared/dates';
import { DomainError } from '../shared/domain-error';
import { formatMoney, type Money } from '../shared/money';

const STATUS_VI: Readonly<Record<string, string>> = {
  none: 'chưa lập',
  draft: 'dự thảo',
  submitted: 'đã trình, chưa duyệt',
  rejected: 'bị từ chối',
  approved: 'đã phê duyệt',
};

/** The refusals of spending tied to a plan activity (issue 17 item 5), in both languages. */
export const fundingErrors = {
  planNotFound: (fiscalYear: number, leadUnit: string) =>
    new DomainError(
      'PLAN.NOT_FOUND_FOR_SPENDING',
      'rule',
      {
        vi: `planUnit: không có kế hoạch năm ${fiscalYear} do ${leadUnit} chủ trì để chi theo`,
        en: `planUnit: there is no ${fiscalYear} plan led by ${leadUnit} to spend under`,
      },
      { field: 'planUnit', fiscalYear: String(fiscalYear), leadUnit },
    ),
  /** Draft, submitted, rejected — or approved only after the proposal's date. */
  notApproved: (fiscalYear: number, leadUnit: string, status: string, on: string) =>
    new DomainError(
      'PLAN.NOT_APPROVED',
      'rule',
      {
        vi: `Kế hoạch năm ${fiscalYear} của ${leadUnit} chưa được phê duyệt vào ngày ${formatVietnameseDate(on)} (trạng thái: ${STATUS_VI[status] ?? status}): kế hoạch chưa duyệt không cấp kinh phí cho khoản chi nào`,
        en: `The ${fiscalYear} plan of ${leadUnit} is not approved on ${on} (status: ${status}): a plan not approved funds nothing`,
      },
      { field: 'activity', fiscalYear: String(fiscalYear), leadUnit, status, on },
    ),
  unknownActivity: (activityId: string, version: number) =>
    new DomainError(
      'PLAN.UNKNOWN_ACTIVITY',
      'rule',
      {
        vi: `activity: hoạt động "${activityId}" không có trong kế hoạch (phiên bản ${version} đang có hiệu lực)`,
        en: `activity: "${activityId}" is not an activity of the plan (version ${version} in force)`,
      },
      { field: 'activity', activity: activityId, version: String(version) },
    ),
  partMismatch: (activityId: string, activityPart: string, linePart: string) =>
    new DomainError(
      'PLAN.ACTIVITY_PART_MISMATCH',
      'rule',
      {
        vi: `activity: hoạt động "${activityId}" thuộc ${activityPart}, không chi được từ dòng ngân sách của ${linePart}`,
        en: `activity: "${activityId}" belongs to ${activityPart}; it cannot be paid from a ${linePart} budget line`,
      },
      { field: 'activity', activity: activityId, activityPart, linePart },
    ),
  capExceeded: (activityId: string, planned: Money, committed: Money, requested: Money) =>
    new DomainError(
      'PLAN.ACTIVITY_CAP_EXCEEDED',
      'conflict',
      {
        vi: `amount: hoạt động "${activityId}" có kinh phí kế hoạch ${formatMoney(planned)} đồng, đã cam kết ${formatMoney(committed)} đồng; khoản chi ${formatMoney(requested)} đồng vượt phần còn lại ${formatMoney(planned - committed)} đồng`,
        en: `amount: activity "${activityId}" is planned at ${planned} đồng with ${committed} committed; ${requested} exceeds the ${planned - committed} left`,
      },
      {
        field: 'amount',
        activity: activityId,
        planned: planned.toString(),
        committed: committed.toString(),
        requested: requested.toString(),
        remaining: (planned - committed).toString(),
      },
    ),
  activityRequired: (fiscalYear: number, leadUnit: string, decision: string) =>
    new DomainError(
      'PLAN.ACTIVITY_REQUIRED',
      'rule',
      {
        vi: `activity: đơn vị có kế hoạch năm ${fiscalYear} đã phê duyệt (${decision}); khoản chi phải nêu hoạt động của kế hoạch mà nó thực hiện`,
        en: `activity: the unit's ${fiscalYear} plan is approved (${decision}); a proposal must name the plan activity it pays for`,
      },
      { field: 'activity', fiscalYear: String(fiscalYear), leadUnit, decision },
    ),
};
