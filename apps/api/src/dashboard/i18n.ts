import type { Lang } from './format';

type Text = Readonly<Record<Lang, string>>;

/** Every word the dashboard shows, Vietnamese first. */
export const TEXT = {
  appName: { vi: 'Ngân sách CTMTQG giảm nghèo bền vững', en: 'National target program budget' },
  skip: { vi: 'Bỏ qua, đến nội dung chính', en: 'Skip to main content' },
  navOverview: { vi: 'Tổng quan', en: 'Overview' },
  navApprovals: { vi: 'Phê duyệt', en: 'Approvals' },
  navInbox: { vi: 'Việc cần làm', en: 'Inbox' },
  navPropose: { vi: 'Đề xuất chi', en: 'Propose' },
  navOffice: { vi: 'Biểu mẫu', en: 'Forms' },
  navIntegrity: { vi: 'Toàn vẹn sổ', en: 'Integrity' },
  signedInAs: { vi: 'Đăng nhập:', en: 'Signed in as' },
  logout: { vi: 'Đăng xuất', en: 'Sign out' },
  otherLanguage: { vi: 'English', en: 'Tiếng Việt' },
  otherLanguageLabel: { vi: 'Switch to English', en: 'Chuyển sang tiếng Việt' },
  mainNav: { vi: 'Điều hướng chính', en: 'Main navigation' },
  readOnly: {
    vi: 'Các biểu mẫu ghi sổ qua đúng các lệnh và quy tắc phân quyền của API; không gì được ghi khi bị từ chối.',
    en: 'Forms write through the API’s own commands and authorization rules; nothing is recorded when refused.',
  },

  // Report downloads
  downloads: { vi: 'Tải báo cáo', en: 'Download reports' },
  downloadReport: { vi: 'Báo cáo', en: 'Report' },
  downloadPeriod: { vi: 'Kỳ báo cáo', en: 'Period' },
  reportDisbursement: {
    vi: 'Tình hình thực hiện và giải ngân',
    en: 'Progress and disbursement',
  },
  reportOutputs: { vi: 'Kết quả sản phẩm, kinh phí hoạt động', en: 'Outputs and activity funds' },
  downloadHint: {
    vi: 'Số liệu theo mốc thời gian đang xem ở trên.',
    en: 'Figures at the point in time shown above.',
  },
  illustrative: {
    vi: 'Số liệu minh họa: sổ có sự kiện được đánh dấu minh họa (dữ liệu mẫu), không phải số liệu chính thức.',
    en: 'Illustrative figures: the log holds events marked illustrative (example data), not official figures.',
  },

  // Time control
  timeControl: { vi: 'Mốc thời gian', en: 'Point in time' },
  asOf: { vi: 'Số liệu đến ngày', en: 'As of date' },
  asOfHint: { vi: 'theo ngày hiệu lực', en: 'by effective date' },
  asOfSlider: { vi: 'Kéo để chọn ngày', en: 'Slide to pick a date' },
  knownAt: { vi: 'Sổ ghi nhận đến', en: 'Known at' },
  knownAtHint: { vi: 'giờ Việt Nam', en: 'Vietnam time' },
  fiscalYear: { vi: 'Năm ngân sách', en: 'Fiscal year' },
  show: { vi: 'Xem', en: 'Show' },
  now: { vi: 'Hiện tại', en: 'Now' },
  viewingPast: { vi: 'Đang xem sổ sách', en: 'Showing the books' },
  viewingAsOf: { vi: 'đến ngày', en: 'as of' },
  viewingKnownAt: { vi: 'theo những gì đã ghi nhận lúc', en: 'as recorded at' },
  viewingNow: { vi: 'Đang xem số liệu hiện tại.', en: 'Showing the books as they are now.' },
  dateFormat: { vi: 'ngày/tháng/năm, ví dụ 31/5/2024', en: 'day/month/year, e.g. 31/5/2024' },
  instantFormat: {
    vi: 'giờ:phút ngày/tháng/năm, ví dụ 08:30 1/7/2024',
    en: 'hour:minute day/month/year, e.g. 08:30 1/7/2024',
  },
  badAsOf: {
    vi: 'Ngày "số liệu đến" không hợp lệ (ghi ngày/tháng/năm, ví dụ 31/5/2024), đã bỏ qua',
    en: 'Invalid as-of date (write day/month/year, e.g. 31/5/2024), ignored',
  },
  badKnownAt: {
    vi: 'Thời điểm "sổ ghi nhận đến" không hợp lệ (ghi giờ:phút ngày/tháng/năm, ví dụ 08:30 1/7/2024), đã bỏ qua',
    en: 'Invalid known-at instant (write hour:minute day/month/year, e.g. 08:30 1/7/2024), ignored',
  },
  badYear: { vi: 'Năm ngân sách không hợp lệ, đã bỏ qua', en: 'Invalid fiscal year, ignored' },

  // Overview
  overviewTitle: { vi: 'Tổng quan năm ngân sách', en: 'Fiscal year at a glance' },
  total: { vi: 'Tổng dự toán', en: 'Total budget' },
  totalHint: {
    vi: 'giao trong năm và chuyển nguồn, sau điều chuyển',
    en: 'allocated and carried over, after transfers',
  },
  committed: { vi: 'Đã cam kết', en: 'Committed' },
  disbursed: { vi: 'Đã giải ngân', en: 'Disbursed' },
  advancesOpen: { vi: 'Trong đó tạm ứng chưa thanh toán', en: 'Of which open advances' },
  available: { vi: 'Còn lại', en: 'Available' },
  allocated: { vi: 'Giao trong năm', en: 'Allocated' },
  carriedIn: { vi: 'Chuyển nguồn sang', en: 'Carried in' },
  cancelled: { vi: 'Hủy, hết hạn', en: 'Cancelled, lapsed' },
  returned: { vi: 'Hoàn trả cấp trên', en: 'Returned to a higher level' },
  correction: { vi: 'Điều chỉnh', en: 'Correction' },
  retainedUntil: { vi: 'Giữ lại đến', en: 'Kept until' },
  transferred: { vi: 'Điều chuyển (+/−)', en: 'Transferred (+/−)' },
  rate: { vi: 'Tỷ lệ giải ngân', en: 'Disbursement rate' },
  byPart: { vi: 'Theo dự án, tiểu dự án', en: 'By program part' },
  part: { vi: 'Dự án / Tiểu dự án', en: 'Program part' },
  bySource: { vi: 'Theo nguồn vốn', en: 'By fund source' },
  fundSource: { vi: 'Nguồn vốn', en: 'Fund source' },
  sourceYear: { vi: 'Năm nguồn', en: 'Source year' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  progress: { vi: 'Tiến độ giải ngân', en: 'Disbursement progress' },
  chartTitle: {
    vi: 'Giải ngân theo tiểu dự án (đồng)',
    en: 'Disbursement by program part (đồng)',
  },
  chartDisbursed: { vi: 'Đã giải ngân', en: 'Disbursed' },
  chartCommittedOnly: { vi: 'Đã cam kết, chưa giải ngân', en: 'Committed, not yet paid' },
  chartAvailable: { vi: 'Còn lại', en: 'Available' },
  carryOvers: { vi: 'Kinh phí chuyển nguồn', en: 'Carried-over money' },
  carryOverNone: {
    vi: 'Không có kinh phí chuyển nguồn trong năm này.',
    en: 'No carried-over money this year.',
  },
  deadline: { vi: 'Hạn chi', en: 'Deadline' },
  daysLeft: { vi: 'Còn', en: 'Left' },
  days: { vi: 'ngày', en: 'days' },
  overdue: { vi: 'Đã quá hạn', en: 'Past deadline' },
  lines: { vi: 'Các dòng ngân sách', en: 'Budget lines' },
  line: { vi: 'Dòng ngân sách', en: 'Budget line' },
  noLines: {
    vi: 'Không có dòng ngân sách nào bạn được xem tại mốc thời gian này.',
    en: 'No budget line you may see at this point in time.',
  },
  scopeUnit: {
    vi: 'Bạn chỉ xem các dòng ngân sách của đơn vị',
    en: 'You see only the budget lines of unit',
  },
  plan: { vi: 'Kế hoạch', en: 'Plan' },
  planStatus: { vi: 'Trạng thái', en: 'Status' },

  // Line page
  lineTitle: { vi: 'Dòng ngân sách', en: 'Budget line' },
  balanceOverTime: { vi: 'Số dư theo thời gian (đồng)', en: 'Balance over time (đồng)' },
  history: { vi: 'Lịch sử', en: 'History' },
  historyNone: {
    vi: 'Chưa có sự kiện nào tại mốc thời gian này.',
    en: 'No event at this point in time.',
  },
  effectiveDate: { vi: 'Ngày hiệu lực', en: 'Effective' },
  recordedAt: { vi: 'Ghi sổ lúc', en: 'Recorded' },
  actor: { vi: 'Người thực hiện', en: 'Actor' },
  capacity: { vi: 'Thẩm quyền', en: 'Capacity' },
  legalBasis: { vi: 'Căn cứ', en: 'Legal basis' },
  amount: { vi: 'Số tiền', en: 'Amount' },
  balanceAfter: { vi: 'Còn lại sau', en: 'Available after' },
  payee: { vi: 'Đơn vị nhận', en: 'Payee' },
  voucher: { vi: 'Chứng từ', en: 'Voucher' },
  reason: { vi: 'Lý do', en: 'Reason' },
  normsApplied: { vi: 'Định mức áp dụng', en: 'Norms applied' },
  signatures: { vi: 'Chữ ký', en: 'Signatures' },
  budgetCode: { vi: 'Mục lục ngân sách', en: 'Budget code' },
  planActivity: { vi: 'Hoạt động của kế hoạch', en: 'Plan activity' },
  backToOverview: { vi: '← Về tổng quan', en: '← Back to the overview' },
  notFound: {
    vi: 'Không tìm thấy dòng ngân sách này, hoặc bạn không được xem.',
    en: 'No such budget line, or you may not see it.',
  },

  // Approvals
  approvalsTitle: { vi: 'Lịch sử phê duyệt', en: 'Approval trail' },
  approver: { vi: 'Người phê duyệt', en: 'Approver' },
  document: { vi: 'Văn bản', en: 'Document' },
  all: { vi: 'Tất cả', en: 'All' },
  filter: { vi: 'Lọc', en: 'Filter' },
  clearFilter: { vi: 'Bỏ lọc', en: 'Clear filters' },
  approvalsFilter: { vi: 'Lọc lịch sử phê duyệt', en: 'Filter the approval trail' },
  approvalsNone: {
    vi: 'Không có quyết định phê duyệt nào khớp.',
    en: 'No approval decision matches.',
  },
  approvalsCount: { vi: 'quyết định', en: 'decisions' },
  what: { vi: 'Nội dung', en: 'What' },
  askedBy: { vi: 'Người đề nghị', en: 'Asked by' },
  decidedBy: { vi: 'Người quyết định', en: 'Decided by' },
  decision: { vi: 'Kết quả', en: 'Decision' },
  approved: { vi: 'Phê duyệt', en: 'Approved' },
  rejected: { vi: 'Từ chối', en: 'Rejected' },
  signed: { vi: 'Đã ký', en: 'Signed' },
  treasury_accepted: { vi: 'Kho bạc đã thanh toán', en: 'Paid by the Treasury' },
  treasury_refused: { vi: 'Kho bạc từ chối', en: 'Refused by the Treasury' },
  treasury: { vi: 'Kho bạc Nhà nước', en: 'State Treasury' },
  awaitingTreasury: { vi: 'Chờ Kho bạc thanh toán', en: 'Awaiting the Treasury' },
  kindExpenditure: { vi: 'Khoản chi', en: 'Expenditure' },
  kindTransfer: { vi: 'Điều chuyển / chuyển nguồn', en: 'Transfer / carry-over' },
  kindPlan: { vi: 'Kế hoạch', en: 'Plan' },
  carryOver: { vi: 'Chuyển nguồn kinh phí', en: 'Carry-over' },
  kindAndLine: { vi: 'Loại, dòng ngân sách', en: 'Kind, budget line' },
  reallocation: { vi: 'Điều chuyển dự toán', en: 'Reallocation' },

  // Integrity
  integrityTitle: { vi: 'Tính toàn vẹn của sổ sự kiện', en: 'Integrity of the event log' },
  integrityOk: { vi: 'Toàn vẹn', en: 'Intact' },
  integrityBroken: { vi: 'Phát hiện sai lệch', en: 'Broken' },
  integrityResult: { vi: 'Kết quả', en: 'Result' },
  integrityWhen: { vi: 'Kiểm tra lúc', en: 'Checked at' },
  integrityUpTo: { vi: 'Đến vị trí', en: 'Up to position' },
  integrityEvents: { vi: 'Số sự kiện đã kiểm tra', en: 'Events checked' },
  integrityFirstBroken: { vi: 'Sự kiện sai lệch đầu tiên', en: 'First broken event' },
  integrityCheckpoints: { vi: 'Điểm kiểm tra đã ký', en: 'Signed checkpoints' },
  integrityCoveredUpTo: { vi: 'Chứng minh đến vị trí', en: 'Proven up to position' },
  integrityNoCheckpoint: {
    vi: 'Chưa có điểm kiểm tra nào: chỉ chuỗi băm bảo vệ sổ',
    en: 'No checkpoint yet: the log is protected by the hash chain only',
  },
  integrityRecheck: { vi: 'Kiểm tra lại ngay', en: 'Check again now' },
  integrityNote: {
    vi: 'Kiểm tra chuỗi băm của toàn bộ sổ như hiện tại và các điểm kiểm tra đã ký (gốc Merkle); mốc thời gian không áp dụng cho trang này.',
    en: 'Checks the hash chain of the whole log as it is now and the signed checkpoints (Merkle roots); the point in time does not apply here.',
  },
  integrityForbidden: {
    vi: 'Chỉ kiểm toán viên và quản trị viên xem được tình trạng toàn vẹn của sổ.',
    en: 'Only auditors and administrators see the integrity of the log.',
  },

  crossSite: {
    vi: 'Yêu cầu này đến từ một trang web khác nên bị từ chối. Hãy mở trang của sổ và thao tác trên đó.',
    en: 'This request came from another website and is refused. Open the ledger’s own page and act there.',
  },

  formTokenRefused: {
    vi: 'Biểu mẫu này không mang mã chống giả mạo của phiên đăng nhập (có thể đã cũ hoặc đến từ nơi khác) nên bị từ chối; không có gì được ghi. Hãy mở lại biểu mẫu và gửi lại.',
    en: 'This form does not carry your session’s anti-forgery token (it may be stale or come from elsewhere), so it is refused; nothing was recorded. Open the form again and resubmit.',
  },

  // Sign-in
  loginTitle: { vi: 'Đăng nhập', en: 'Sign in' },
  token: { vi: 'Mã truy cập', en: 'Access token' },
  tokenHint: {
    vi: 'Mã do quản trị viên cấp bằng lệnh "budget users add" (bắt đầu bằng bt_).',
    en: 'The token an administrator issued with "budget users add" (starts with bt_).',
  },
  loginButton: { vi: 'Đăng nhập', en: 'Sign in' },
  loginFailed: {
    vi: 'Mã truy cập không hợp lệ, đã bị thu hồi hoặc hết hạn.',
    en: 'The token is invalid, revoked or expired.',
  },
  forbidden: { vi: 'Không được phép', en: 'Not allowed' },
} satisfies Record<string, Text>;

export type TextKey = keyof typeof TEXT;

export function t(lang: Lang, key: TextKey): string {
  return TEXT[key][lang];
}

const ROLES: Record<string, Text> = {
  officer: { vi: 'cán bộ nghiệp vụ', en: 'officer' },
  accountant: { vi: 'kế toán', en: 'accountant' },
  approver: { vi: 'người phê duyệt', en: 'approver' },
  auditor: { vi: 'kiểm toán viên', en: 'auditor' },
  admin: { vi: 'quản trị viên', en: 'administrator' },
};

export function roleName(role: string, lang: Lang): string {
  return ROLES[role]?.[lang] ?? role;
}

const FUND_SOURCES: Record<string, Text> = {
  central: { vi: 'Ngân sách trung ương', en: 'Central budget' },
  provincial: { vi: 'Ngân sách tỉnh', en: 'Provincial budget' },
  district: { vi: 'Ngân sách huyện', en: 'District budget' },
};

export function fundSourceName(code: string, lang: Lang): string {
  return FUND_SOURCES[code]?.[lang] ?? code;
}

/**
 * Names of the sub-projects of the national target program for sustainable poverty
 * reduction 2021–2025 (90/QĐ-TTg), used when no plan in the ledger names them.
 */
const PARTS: Record<string, Text> = {
  'DA6.TDA2': {
    vi: 'Truyền thông về giảm nghèo đa chiều',
    en: 'Communication on multidimensional poverty reduction',
  },
  'DA7.TDA1': {
    vi: 'Nâng cao năng lực thực hiện Chương trình',
    en: 'Building capacity to implement the program',
  },
  'DA7.TDA2': { vi: 'Giám sát, đánh giá', en: 'Monitoring and evaluation' },
};

export function partName(code: string, lang: Lang, fromPlan?: string): string {
  if (lang === 'vi' && fromPlan) return fromPlan;
  return PARTS[code]?.[lang] ?? fromPlan ?? '';
}
