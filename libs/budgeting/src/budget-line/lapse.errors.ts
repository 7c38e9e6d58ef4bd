import { DomainError } from '../shared/domain-error';
import { formatMoney, type Money } from '../shared/money';
import { formatVietnameseDate } from '../shared/dates';

/** The refusals of the lapse rules (issue 16, items 3 and 4), each a stable code in both languages. */
export const lapseErrors = {
  correctionNeeded: (reference: string, deadline: string) =>
    new DomainError(
      'BUDGET.LATE_ENTRY_NEEDS_CORRECTION',
      'rule',
      {
        vi: `correction: nguồn chuyển của dòng đã bị hủy do hết hạn ngày ${formatVietnameseDate(deadline)}; bút toán nhập muộn dù có ngày trước hạn chỉ được nhận như một bút toán điều chỉnh nêu lần hủy (corrects: ${reference}), lý do và người phê duyệt điều chỉnh (approvedBy)`,
        en: `correction: the line's carried-over money lapsed after ${deadline}; an entry made late, though dated before the deadline, is accepted only as a correction citing the lapse (corrects: ${reference}), a reason and who approved it (approvedBy)`,
      },
      { field: 'correction', lapse: reference, deadline },
    ),
  wrongLapse: (cited: string, reference: string) =>
    new DomainError(
      'BUDGET.CORRECTION_WRONG_LAPSE',
      'rule',
      {
        vi: `correction.corrects: "${cited}" không phải lần hủy nguồn của dòng này (${reference})`,
        en: `correction.corrects: "${cited}" is not this line's lapse (${reference})`,
      },
      { field: 'correction.corrects', lapse: reference },
    ),
  selfApproved: () =>
    new DomainError(
      'BUDGET.CORRECTION_SELF_APPROVED',
      'rule',
      {
        vi: 'correction.approvedBy: người phê duyệt điều chỉnh phải là người khác với người nhập',
        en: 'correction.approvedBy: the correction is approved by someone other than who enters it',
      },
      { field: 'correction.approvedBy' },
    ),
  notCarriedOver: (lineId: string) =>
    new DomainError('BUDGET.NOT_A_CARRY_OVER_LINE', 'rule', {
      vi: `Dòng ${lineId} không phải nguồn chuyển từ năm trước: không có hạn để giữ lại khoản chi`,
      en: `Line ${lineId} is not carried-over money: it has no deadline to keep expenditures past`,
    }),
  retentionNotAfterDeadline: (until: string, deadline: string) =>
    new DomainError(
      'BUDGET.RETENTION_NOT_AFTER_DEADLINE',
      'validation',
      {
        vi: `until: ngày giữ lại ${formatVietnameseDate(until)} phải sau hạn ${formatVietnameseDate(deadline)} của nguồn chuyển`,
        en: `until: ${until} must be after the carry-over's deadline ${deadline}`,
      },
      { field: 'until', deadline },
    ),
  notRetainable: (id: string, status: string) =>
    new DomainError(
      'BUDGET.EXPENDITURE_NOT_RETAINABLE',
      'conflict',
      {
        vi: `expenditureIds: khoản chi ${id} (${status}) không phải khoản đã duyệt chưa thanh toán`,
        en: `expenditureIds: expenditure ${id} (${status}) is not approved and unpaid`,
      },
      { field: 'expenditureIds', expenditureId: id, status },
    ),
  decisionAfterDate: (field: string, issuedOn: string, on: string) =>
    new DomainError(
      'BUDGET.DECISION_AFTER_EFFECTIVE_DATE',
      'rule',
      {
        vi: `${field}: quyết định ban hành ngày ${formatVietnameseDate(issuedOn)}, sau ngày hiệu lực ${formatVietnameseDate(on)}`,
        en: `${field}: the decision was issued on ${issuedOn}, after the effective date ${on}`,
      },
      { field, issuedOn, on },
    ),
  notFromHigherLevel: (lineId: string) =>
    new DomainError(
      'BUDGET.RETURN_NOT_FROM_HIGHER_LEVEL',
      'rule',
      {
        vi: `Dòng ${lineId} là ngân sách huyện: chỉ tiền do cấp trên cấp mới phải hoàn trả`,
        en: `Line ${lineId} is district money: only money from a higher level is returned`,
      },
      { field: 'toLevel' },
    ),
  wrongLevel: (source: string, toLevel: string) =>
    new DomainError(
      'BUDGET.RETURN_LEVEL_INVALID',
      'validation',
      {
        vi: `toLevel: tiền ngân sách ${source === 'provincial' ? 'tỉnh' : source} không hoàn trả về cấp ${toLevel === 'central' ? 'trung ương' : toLevel}`,
        en: `toLevel: ${source} money is not returned to the ${toLevel} level`,
      },
      { field: 'toLevel', source },
    ),
  exceedsLapsed: (amount: Money, lapsed: Money) =>
    new DomainError(
      'BUDGET.RETURN_EXCEEDS_LAPSED',
      'conflict',
      {
        vi: `amount: hoàn trả ${formatMoney(amount)} đồng, nhưng dòng chỉ có ${formatMoney(lapsed)} đồng đã hủy do hết hạn chưa hoàn trả`,
        en: `amount: returning ${amount} đồng, but only ${lapsed} đồng lapsed and is not yet returned`,
      },
      { field: 'amount', lapsed: lapsed.toString() },
    ),
  beforeYearEnd: (on: string, yearEnd: string) =>
    new DomainError(
      'BUDGET.RETURN_BEFORE_YEAR_END',
      'rule',
      {
        vi: `effectiveDate: tiền chưa chi chỉ hoàn trả sau khi hết năm ngân sách (${formatVietnameseDate(yearEnd)}), không phải ngày ${formatVietnameseDate(on)}`,
        en: `effectiveDate: unspent money is returned after the fiscal year ends (${yearEnd}), not on ${on}`,
      },
      { field: 'effectiveDate', yearEnd },
    ),
};
