import { DomainError } from '../shared/domain-error';
import { formatMoney, type Money } from '../shared/money';
import { formatVietnameseDate } from '../shared/dates';

/** The refusals of a budget line, each with a stable code and both languages. */
export const lineErrors = {
  notOpen: (id: string) =>
    new DomainError('BUDGET.LINE_NOT_FOUND', 'not_found', {
      vi: `Dòng ngân sách ${id} chưa được giao dự toán`,
      en: `Budget line ${id} has no allocation yet`,
    }),
  overdrawn: (needed: Money, available: Money) =>
    new DomainError(
      'BUDGET.LINE_OVERDRAWN',
      'conflict',
      {
        vi: `Vượt dự toán: cần ${formatMoney(needed)} đồng, còn ${formatMoney(available)} đồng`,
        en: `Would overdraw the line: needs ${needed} đồng, ${available} đồng available`,
      },
      { needed: needed.toString(), available: available.toString() },
    ),
  notYetInEffect: (needed: Money, inEffect: Money, on: string) =>
    new DomainError(
      'BUDGET.FUNDS_NOT_YET_EFFECTIVE',
      'rule',
      {
        vi: `effectiveDate: ngày ${formatVietnameseDate(on)} dòng ngân sách mới có ${formatMoney(inEffect)} đồng có hiệu lực, không đủ ${formatMoney(needed)} đồng (dự toán, chuyển nguồn, điều chuyển có hiệu lực sau ngày này chưa được dùng)`,
        en: `effectiveDate: on ${on} only ${inEffect} đồng of the line had taken effect, less than ${needed} đồng (allocations, carry-overs and transfers taking effect later cannot be used)`,
      },
      { field: 'effectiveDate', on, needed: needed.toString(), inEffect: inEffect.toString() },
    ),
  overdrawnOnDate: (needed: Money, available: Money, on: string, date: string) =>
    new DomainError(
      'BUDGET.LINE_OVERDRAWN_ON_DATE',
      'conflict',
      {
        vi: `effectiveDate: tính theo ngày ${formatVietnameseDate(on)}, ngày ${formatVietnameseDate(date)} dòng chỉ còn ${formatMoney(available)} đồng, không đủ ${formatMoney(needed)} đồng (tiền chưa có hiệu lực, hoặc đã được cam kết chi sau đó)`,
        en: `effectiveDate: dated ${on}, the line would hold only ${available} đồng on ${date}, less than ${needed} đồng (money not yet in effect, or committed later)`,
      },
      {
        field: 'effectiveDate',
        on,
        date,
        needed: needed.toString(),
        available: available.toString(),
      },
    ),
  nonPositive: (field = 'amount') =>
    new DomainError(
      'VALIDATION.AMOUNT_NOT_POSITIVE',
      'validation',
      { vi: `${field}: số tiền phải lớn hơn 0`, en: `${field}: amount must be greater than zero` },
      { field },
    ),
  lineLimit: (total: Money, max: Money) =>
    new DomainError(
      'BUDGET.LINE_LIMIT_EXCEEDED',
      'rule',
      {
        vi: `Dòng ngân sách sẽ giữ ${formatMoney(total)} đồng, vượt mức tối đa ${formatMoney(max)} đồng một dòng`,
        en: `The line would hold ${total} đồng, more than the ${max} đồng a line may hold`,
      },
      { field: 'amount', max: max.toString() },
    ),
  outsideFiscalYear: (field: string, on: string, from: string, to: string) =>
    new DomainError(
      'BUDGET.OUTSIDE_FISCAL_YEAR',
      'rule',
      {
        vi: `${field}: ngày ${formatVietnameseDate(on)} nằm ngoài thời gian của năm ngân sách (${formatVietnameseDate(from)} – ${formatVietnameseDate(to)})`,
        en: `${field}: ${on} is outside the fiscal year's period (${from} – ${to})`,
      },
      { field, from, to },
    ),
  yearClosed: (year: number) =>
    new DomainError('BUDGET.FISCAL_YEAR_CLOSED', 'rule', {
      vi: `Năm ngân sách ${year} đã khóa sổ: chỉ nhận bút toán điều chỉnh có nêu bút toán được điều chỉnh`,
      en: `Fiscal year ${year} is closed: only corrections citing what they correct are accepted`,
    }),
  notCarryOverLine: (id: string) =>
    new DomainError('BUDGET.NOT_A_CARRY_OVER_LINE', 'rule', {
      vi: `Dòng ${id} không phải nguồn chuyển từ năm trước (năm nguồn phải trước năm ngân sách)`,
      en: `Line ${id} is not carried-over money (its source year must precede its fiscal year)`,
    }),
  allocationToCarriedOver: (id: string) =>
    new DomainError(
      'BUDGET.ALLOCATION_TO_CARRIED_OVER_LINE',
      'rule',
      {
        vi: `sourceYear: dòng ${id} là kinh phí chuyển nguồn (năm nguồn trước năm ngân sách); dự toán giao trong năm ghi vào dòng có năm nguồn bằng năm ngân sách, kinh phí năm trước vào bằng quyết định chuyển nguồn`,
        en: `sourceYear: line ${id} holds carried-over money (its source year precedes its fiscal year); the year's estimate goes on a line whose source year is the fiscal year, money of an earlier year comes by a carry-over decision`,
      },
      { field: 'sourceYear' },
    ),
  carryOverExpired: (deadline: string) =>
    new DomainError('BUDGET.CARRY_OVER_EXPIRED', 'rule', {
      vi: `Kinh phí chuyển nguồn đã hết hạn sử dụng ngày ${formatVietnameseDate(deadline)}`,
      en: `Carried-over funds expired on ${deadline}`,
    }),
  expenditureNotFound: (id: string) =>
    new DomainError('EXPENDITURE.NOT_FOUND', 'not_found', {
      vi: `Không tìm thấy khoản chi ${id}`,
      en: `Expenditure ${id} not found`,
    }),
  expenditureExists: (id: string) =>
    new DomainError('EXPENDITURE.ALREADY_EXISTS', 'conflict', {
      vi: `Khoản chi ${id} đã tồn tại với nội dung khác`,
      en: `Expenditure ${id} already exists with other content`,
    }),
  invalidState: (id: string, status: string, action: { vi: string; en: string }) =>
    new DomainError(
      'EXPENDITURE.INVALID_STATE',
      'conflict',
      {
        vi: `Không thể ${action.vi} khoản chi ${id} đang ở trạng thái ${status}`,
        en: `Cannot ${action.en} expenditure ${id} in state ${status}`,
      },
      { status },
    ),
  doubleFunding: (voucher: string, other: string) =>
    new DomainError(
      'BUDGET.DOUBLE_FUNDING',
      'conflict',
      {
        vi: `Chứng từ ${voucher} đã được dùng cho khoản chi ${other}: không thanh toán hai lần`,
        en: `Voucher ${voucher} is already used by expenditure ${other}: the same cost is not paid twice`,
      },
      { voucher, expenditureId: other },
    ),
  leadAgencyOnly: (leadAgency: string, basis: string | null = null) =>
    new DomainError('BUDGET.LEAD_AGENCY_PAYS_JOINT_TEAMS', 'rule', {
      vi: `Công tác phí của đoàn kiểm tra, giám sát, học tập kinh nghiệm do cơ quan chủ trì (${leadAgency}${basis ? `, theo ${basis}` : ''}) thanh toán; đơn vị cử người tham gia không thanh toán`,
      en: `Travel of joint inspection teams and study tours is paid by the lead agency (${leadAgency}${basis ? `, under ${basis}` : ''}) only, not by the units sending members`,
    }),
};
