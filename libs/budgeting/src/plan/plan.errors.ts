import { DomainError, type DomainErrorKind, type Messages } from '../shared/domain-error';
import { formatMoney, type Money } from '../shared/money';

function planError(
  code: string,
  kind: DomainErrorKind,
  messages: Messages,
  details: Record<string, string> = {},
): DomainError {
  return new DomainError(code, kind, messages, details);
}

/** The refusals of a plan, each with a stable code and both languages. */
export const planErrors = {
  invalidState: (status: string, action: Messages) =>
    planError(
      'PLAN.INVALID_STATE',
      'conflict',
      {
        vi: `Không thể ${action.vi} khi kế hoạch đang ở trạng thái ${status}`,
        en: `Cannot ${action.en} while the plan is ${status}`,
      },
      { status, action: action.en },
    ),
  notFound: (fiscalYear: number, leadUnit: string) =>
    planError('PLAN.NOT_FOUND', 'not_found', {
      vi: `Chưa có kế hoạch năm ${fiscalYear} của ${leadUnit}`,
      en: `No plan for ${fiscalYear} led by ${leadUnit}`,
    }),
  invalidFiscalYear: (fiscalYear: number) =>
    planError(
      'PLAN.INVALID_FISCAL_YEAR',
      'validation',
      {
        vi: `fiscalYear: năm ngân sách không hợp lệ (${fiscalYear})`,
        en: `fiscalYear: invalid fiscal year (${fiscalYear})`,
      },
      { field: 'fiscalYear' },
    ),
  noParts: () =>
    planError(
      'PLAN.NO_PARTS',
      'validation',
      { vi: 'parts: kế hoạch phải có ít nhất một tiểu dự án', en: 'parts: a plan needs a part' },
      { field: 'parts' },
    ),
  invalidPartCode: (field: string, code: string) =>
    planError(
      'PLAN.INVALID_PART_CODE',
      'validation',
      {
        vi: `${field}: mã "${code}" không đúng dạng DA7 hoặc DA7.TDA1`,
        en: `${field}: code "${code}" is not like DA7 or DA7.TDA1`,
      },
      { field },
    ),
  duplicate: (field: string, id: string) =>
    planError(
      'PLAN.DUPLICATE_ID',
      'validation',
      { vi: `${field}: mã "${id}" bị trùng`, en: `${field}: "${id}" appears twice` },
      { field, id },
    ),
  unknownPart: (field: string, code: string) =>
    planError(
      'PLAN.UNKNOWN_PART',
      'validation',
      {
        vi: `${field}: tiểu dự án ${code} không thuộc kế hoạch`,
        en: `${field}: part ${code} is not one of the plan's parts`,
      },
      { field, programPart: code },
    ),
  invalidAmount: (field: string) =>
    planError(
      'VALIDATION.AMOUNT',
      'validation',
      {
        vi: `${field}: số tiền phải là số nguyên đồng không âm`,
        en: `${field}: amount must be a non-negative whole number of đồng`,
      },
      { field },
    ),
  invalidTarget: (field: string) =>
    planError(
      'PLAN.INVALID_TARGET',
      'validation',
      {
        vi: `${field}: chỉ tiêu phải là số nguyên dương`,
        en: `${field}: target must be a positive whole number`,
      },
      { field },
    ),
  activitiesExceedBudget: (part: string, budget: Money, planned: Money) =>
    planError(
      'PLAN.ACTIVITIES_EXCEED_BUDGET',
      'rule',
      {
        vi: `Tổng kinh phí các hoạt động của ${part} (${formatMoney(planned)} đồng) vượt kinh phí tiểu dự án (${formatMoney(budget)} đồng)`,
        en: `Activities of ${part} plan ${planned} đồng, over the part's budget of ${budget} đồng`,
      },
      {
        field: 'activities',
        programPart: part,
        budgetAmount: budget.toString(),
        plannedAmount: planned.toString(),
      },
    ),
  fundingDecisionRequired: () =>
    planError(
      'PLAN.FUNDING_DECISION_REQUIRED',
      'validation',
      {
        vi: 'fundingDecisions: phải nêu quyết định giao kinh phí (nguồn kinh phí)',
        en: 'fundingDecisions: cite the decisions that fund the plan',
      },
      { field: 'fundingDecisions' },
    ),
  amendingDecisionRequired: () =>
    planError(
      'PLAN.AMENDING_DECISION_REQUIRED',
      'validation',
      {
        vi: 'amendingDecision: điều chỉnh kế hoạch phải nêu số quyết định điều chỉnh',
        en: 'amendingDecision: an amendment must cite the amending decision',
      },
      { field: 'amendingDecision' },
    ),
  segregationOfDuties: (userId: string) =>
    planError(
      'AUTH.SEGREGATION_OF_DUTIES',
      'forbidden',
      {
        vi: `Người lập hoặc trình kế hoạch (${userId}) không được tự phê duyệt, từ chối`,
        en: `${userId} drafted or submitted this version and may not decide on it`,
      },
      { userId },
    ),
  noAuthority: (userId: string) =>
    planError(
      'AUTH.NO_AUTHORITY',
      'forbidden',
      {
        vi: `${userId} không có ủy quyền còn hiệu lực để phê duyệt`,
        en: `${userId} holds no delegated authority in force`,
      },
      { field: 'authority', userId },
    ),
  outsideAuthority: (part: string, unit: string, on: string) =>
    planError(
      'AUTH.OUTSIDE_AUTHORITY',
      'forbidden',
      {
        vi: `Ủy quyền không bao gồm ${part} của ${unit} vào ngày ${on}`,
        en: `The authority does not cover ${part} of ${unit} on ${on}`,
      },
      { field: 'authority', programPart: part, unit, on },
    ),
  unknownActivity: (id: string) =>
    planError(
      'PLAN.UNKNOWN_ACTIVITY',
      'not_found',
      { vi: `Không có hoạt động ${id}`, en: `No activity ${id} in the plan in force` },
      { field: 'activityId', activityId: id },
    ),
  unknownOutput: (activityId: string, id: string) =>
    planError(
      'PLAN.UNKNOWN_OUTPUT',
      'not_found',
      {
        vi: `Hoạt động ${activityId} không có sản phẩm ${id}`,
        en: `Activity ${activityId} has no output ${id}`,
      },
      { field: 'outputId', outputId: id },
    ),
  progressKindMismatch: (unit: string, kind: string) =>
    planError(
      'PLAN.PROGRESS_KIND_MISMATCH',
      'validation',
      {
        vi: `progress: sản phẩm tính theo "${unit}" không báo cáo kiểu ${kind}`,
        en: `progress: an output counted in "${unit}" is not reported as ${kind}`,
      },
      { field: 'progress', unit, kind },
    ),
  invalidProgress: () =>
    planError(
      'PLAN.INVALID_PROGRESS',
      'validation',
      {
        vi: 'progress.delivered: phải là số nguyên không âm',
        en: 'progress.delivered: must be a non-negative whole number',
      },
      { field: 'progress.delivered' },
    ),
  progressExceedsTarget: (field: string, reached: number, target: number) =>
    planError(
      'PLAN.PROGRESS_EXCEEDS_TARGET',
      'rule',
      {
        vi: `${field}: kết quả ${reached} vượt chỉ tiêu ${target}`,
        en: `${field}: ${reached} is above the target of ${target}`,
      },
      { field, reached: String(reached), target: String(target) },
    ),
  targetBelowProgress: (field: string, target: number, reached: number) =>
    planError(
      'PLAN.TARGET_BELOW_PROGRESS',
      'rule',
      {
        vi: `${field}: chỉ tiêu mới ${target} thấp hơn kết quả đã báo cáo ${reached}`,
        en: `${field}: the new target ${target} is below the ${reached} already reported`,
      },
      { field, target: String(target), reached: String(reached) },
    ),
};
