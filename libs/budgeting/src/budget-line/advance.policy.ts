import { policy } from '../shared/policy';

const AFTER_PAYMENT = {
  vi: 'không trước ngày chi trả khoản tạm ứng, không sau ngày ghi sổ; không vượt số tạm ứng chưa thanh toán',
  en: "not before the advance's payment, not after the day recorded; never more than what is still open",
};

/**
 * Settling and recovering an advance are the unit's accountant's, as its payment is: the
 * accountant books the vouchers and the money paid back (authorize, one place for all).
 */
export const ADVANCE_POLICIES = {
  SettleAdvance: policy({
    name: 'SettleAdvance',
    kind: 'write',
    action: { vi: 'thanh toán tạm ứng', en: 'settle an advance' },
    roles: ['accountant'],
    scope: 'own-unit',
    notBefore: { vi: 'ngày chi tạm ứng', en: 'the advance was paid' },
    dates: {
      vi: `${AFTER_PAYMENT.vi}; mỗi chứng từ (số, ngày không sau ngày thanh toán) dùng một lần trong toàn Chương trình`,
      en: `${AFTER_PAYMENT.en}; each voucher (number, dated no later than the settlement) used once program-wide`,
    },
    doors: ['POST /api/v1/expenditures/{id}/settlements'],
  }),
  RecoverAdvance: policy({
    name: 'RecoverAdvance',
    kind: 'write',
    action: { vi: 'thu hồi tạm ứng', en: 'recover an advance' },
    roles: ['accountant'],
    scope: 'own-unit',
    notBefore: { vi: 'ngày chi tạm ứng', en: 'the advance was paid' },
    dates: {
      vi: `${AFTER_PAYMENT.vi}; trong năm ngân sách và thời gian chỉnh lý (đến 31/01 năm sau) tiền về lại dòng, sau đó nộp trả ngân sách`,
      en: `${AFTER_PAYMENT.en}; within the fiscal year and its adjustment period (to 31/01 next) the money returns to the line, after it to the budget`,
    },
    doors: ['POST /api/v1/expenditures/{id}/recoveries'],
  }),
};
