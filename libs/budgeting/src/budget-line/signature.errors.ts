import { formatVietnameseDate } from '../shared/dates';
import { DomainError } from '../shared/domain-error';
import { CAPACITY_LABELS, type SigningCapacity } from '../reference/signatory';

/** The refusals of the two-signature approval, each with a stable code and both languages. */
export const signatureErrors = {
  alreadySigned: (id: string, capacity: SigningCapacity, by: string) =>
    new DomainError(
      'EXPENDITURE.ALREADY_SIGNED',
      'conflict',
      {
        vi: `capacity: khoản chi ${id} đã được ${by} ký với tư cách ${CAPACITY_LABELS[capacity].vi}`,
        en: `capacity: expenditure ${id} is already signed as ${CAPACITY_LABELS[capacity].en} by ${by}`,
      },
      { field: 'capacity', capacity, signedBy: by },
    ),
  samePerson: (id: string, signed: SigningCapacity) =>
    new DomainError(
      'EXPENDITURE.SAME_SIGNER',
      'forbidden',
      {
        vi: `Đã ký khoản chi ${id} với tư cách ${CAPACITY_LABELS[signed].vi}: chữ ký thứ hai phải của người khác`,
        en: `You already signed expenditure ${id} as ${CAPACITY_LABELS[signed].en}: the other signature must be another person's`,
      },
      { field: 'capacity', signedAs: signed },
    ),
  signaturesRequired: (unit: string, on: string) =>
    new DomainError(
      'EXPENDITURE.SIGNATURES_REQUIRED',
      'rule',
      {
        vi: `Đơn vị ${unit} đã đăng ký người ký tài khoản tại Kho bạc (ngày ${formatVietnameseDate(on)}): khoản chi được duyệt bằng hai chữ ký, chủ tài khoản và kế toán trưởng (POST /expenditures/{id}/sign), không bằng một phê duyệt`,
        en: `Unit ${unit} has account signatories registered with the Treasury (on ${on}): its expenditures are approved by two signatures, account holder and chief accountant (POST /expenditures/{id}/sign), not by one approval`,
      },
      { unit, on },
    ),
};
