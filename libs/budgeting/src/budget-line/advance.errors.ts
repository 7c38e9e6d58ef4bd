import { DomainError } from '../shared/domain-error';
import { formatMoney, type Money } from '../shared/money';
import { formatVietnameseDate } from '../shared/dates';

/** The refusals of settling and recovering advances, each with a stable code, vi and en. */
export const advanceErrors = {
  notAnAdvance: (id: string) =>
    new DomainError(
      'ADVANCE.NOT_AN_ADVANCE',
      'conflict',
      {
        vi: `Khoản chi ${id} không phải khoản tạm ứng: chỉ tạm ứng mới được thanh toán tạm ứng hoặc thu hồi`,
        en: `Expenditure ${id} is not an advance: only advances are settled or recovered`,
      },
      { expenditureId: id },
    ),
  notPaid: (id: string, status: string) =>
    new DomainError(
      'ADVANCE.NOT_PAID',
      'conflict',
      {
        vi: `Khoản tạm ứng ${id} chưa được chi trả (trạng thái ${status}): chưa thể thanh toán hay thu hồi`,
        en: `Advance ${id} has not been paid (state ${status}): nothing to settle or recover yet`,
      },
      { expenditureId: id, status },
    ),
  exceedsOpen: (field: string, amount: Money, open: Money) =>
    new DomainError(
      'ADVANCE.EXCEEDS_OPEN',
      'conflict',
      {
        vi: `${field}: ${formatMoney(amount)} đồng vượt số tạm ứng chưa thanh toán còn lại ${formatMoney(open)} đồng`,
        en: `${field}: ${amount} đồng exceeds the ${open} đồng of the advance still open`,
      },
      { field, amount: amount.toString(), open: open.toString() },
    ),
  noVouchers: () =>
    new DomainError(
      'ADVANCE.VOUCHERS_REQUIRED',
      'validation',
      {
        vi: 'vouchers: thanh toán tạm ứng phải kèm ít nhất một chứng từ (số, ngày)',
        en: 'vouchers: a settlement names at least one voucher (number, date)',
      },
      { field: 'vouchers' },
    ),
  voucherRepeated: (number: string) =>
    new DomainError(
      'ADVANCE.VOUCHER_REPEATED',
      'conflict',
      {
        vi: `vouchers: chứng từ ${number} đã được dùng để thanh toán khoản tạm ứng này`,
        en: `vouchers: voucher ${number} already settled this advance`,
      },
      { field: 'vouchers', voucher: number },
    ),
  voucherAfterSettlement: (number: string, date: string, settledOn: string) =>
    new DomainError(
      'ADVANCE.VOUCHER_AFTER_SETTLEMENT',
      'rule',
      {
        vi: `vouchers: chứng từ ${number} ngày ${formatVietnameseDate(date)} sau ngày thanh toán tạm ứng ${formatVietnameseDate(settledOn)}`,
        en: `vouchers: voucher ${number} dated ${date} is after the settlement, ${settledOn}`,
      },
      { field: 'vouchers', voucher: number, date, settledOn },
    ),
  reversalAfterSettlement: (id: string) =>
    new DomainError(
      'ADVANCE.ALREADY_SETTLED',
      'conflict',
      {
        vi: `Khoản tạm ứng ${id} đã được thanh toán hoặc thu hồi một phần: không ghi đảo, hãy thu hồi phần còn lại`,
        en: `Advance ${id} is partly settled or recovered: it is not reversed; recover what is still open`,
      },
      { expenditureId: id },
    ),
};
