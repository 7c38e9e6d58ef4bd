import { policy, type Policy } from './policy';

const EVERYONE = ['officer', 'accountant', 'approver', 'auditor', 'admin'] as const;

const read = (
  name: string,
  vi: string,
  en: string,
  doors: readonly string[],
  scope: Policy['scope'] = 'own-unit',
) => policy({ name, kind: 'read', action: { vi, en }, roles: EVERYONE, scope, doors });

/**
 * Who sees what. A user who belongs to a unit sees that unit's lines, history, reports,
 * plans and approvals only; district-wide users see all. The API and the dashboard
 * filter or refuse by these (see apps/api/src/auth/visibility.ts).
 */
export const READ_POLICIES = {
  GetBalances: read('GetBalances', 'xem số dư các dòng', 'see line balances', [
    'GET /api/v1/budget-lines',
    'GET /',
  ]),
  GetLine: read('GetLine', 'xem dòng ngân sách', 'see a budget line', [
    'GET /api/v1/budget-lines/{id}',
  ]),
  GetHistory: read('GetHistory', 'xem lịch sử dòng ngân sách', "see a line's history", [
    'GET /api/v1/budget-lines/{id}/history',
    'GET /lines/{id}',
  ]),
  GetOpenAdvances: read('GetOpenAdvances', 'xem tạm ứng chưa thanh toán', 'see open advances', [
    'GET /api/v1/advances',
    'budget advances',
  ]),
  GetApprovals: read('GetApprovals', 'xem phê duyệt', 'see approvals', [
    'GET /api/v1/approvals',
    'GET /approvals',
  ]),
  GetDisbursementReport: read(
    'GetDisbursementReport',
    'xem báo cáo giải ngân',
    'see the disbursement report',
    ['GET /api/v1/reports/disbursement'],
  ),
  GetOutputsReport: read(
    'GetOutputsReport',
    'xem báo cáo kết quả thực hiện',
    'see the outputs report',
    ['GET /api/v1/reports/outputs'],
  ),
  GetPlan: read('GetPlan', 'xem kế hoạch', 'see a plan', ['GET /api/v1/plans/{y}/{unit}']),
  VerifyLog: policy({
    name: 'VerifyLog',
    kind: 'read',
    action: { vi: 'kiểm tra toàn vẹn sổ', en: 'verify the log' },
    roles: ['auditor', 'admin'],
    scope: 'any',
    doors: ['GET /api/v1/audit/verify', 'GET /integrity', 'POST /integrity/verify'],
  }),
} as const satisfies Readonly<Record<string, Policy>>;

/** What administrators run on the ledger itself (no unit, no money). */
export const OPERATION_POLICIES = {
  RebuildProjections: policy({
    name: 'RebuildProjections',
    kind: 'write',
    action: { vi: 'dựng lại mô hình đọc', en: 'rebuild read models' },
    roles: ['admin'],
    scope: 'district',
    doors: ['POST /api/v1/admin/projections/rebuild', 'budget rebuild'],
  }),
  WriteCheckpoint: policy({
    name: 'WriteCheckpoint',
    kind: 'write',
    action: { vi: 'ký điểm kiểm tra', en: 'sign a checkpoint' },
    roles: ['admin'],
    scope: 'district',
    doors: ['POST /api/v1/audit/checkpoints', 'budget verify --checkpoint'],
  }),
} as const satisfies Readonly<Record<string, Policy>>;
