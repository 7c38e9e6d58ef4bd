import { policy, type Policies } from '../shared/policy';
import type { PlanCommandType } from './plan.commands';

/**
 * Officers prepare their unit's plans (admins too, any unit's, to import plans approved
 * before the ledger existed); approvers decide within their delegation. Enforced by
 * `authorize`, once in planDecider.decide.
 */
const prepare = (name: PlanCommandType, vi: string, en: string, doors: readonly string[]) =>
  policy({
    name,
    kind: 'write',
    action: { vi, en },
    roles: ['officer', 'admin'],
    scope: 'own-unit',
    doors,
  });

const decide = (name: PlanCommandType, vi: string, en: string, doors: readonly string[]) =>
  policy({
    name,
    kind: 'write',
    action: { vi, en },
    roles: ['approver'],
    scope: 'delegation',
    segregation: true,
    notBefore: { vi: 'ngày trình kế hoạch', en: 'the submission' },
    dates: {
      vi: 'ủy quyền bao gồm mọi tiểu dự án của kế hoạch và đơn vị chủ trì',
      en: 'the delegation covers every part of the plan and its lead unit',
    },
    doors,
  });

export const PLAN_POLICIES: Policies<PlanCommandType> = {
  DraftPlan: prepare('DraftPlan', 'lập kế hoạch của đơn vị', "draft the unit's plan", [
    'POST /api/v1/plans',
    'budget import',
  ]),
  SubmitPlan: prepare('SubmitPlan', 'trình kế hoạch của đơn vị', "submit the unit's plan", [
    'POST /api/v1/plans/{y}/{unit}/submit',
    'budget import',
  ]),
  ApprovePlan: decide('ApprovePlan', 'phê duyệt kế hoạch', 'approve a plan', [
    'POST /api/v1/plans/{y}/{unit}/approve',
    'budget import',
  ]),
  RejectPlan: decide('RejectPlan', 'từ chối kế hoạch', 'reject a plan', [
    'POST /api/v1/plans/{y}/{unit}/reject',
  ]),
  AmendPlan: prepare('AmendPlan', 'điều chỉnh kế hoạch của đơn vị', "amend the unit's plan", [
    'POST /api/v1/plans/{y}/{unit}/amend',
  ]),
  ReportOutputProgress: prepare(
    'ReportOutputProgress',
    'báo cáo kết quả kế hoạch của đơn vị',
    "report progress on the unit's plan",
    ['POST /api/v1/plans/{y}/{unit}/progress'],
  ),
};
