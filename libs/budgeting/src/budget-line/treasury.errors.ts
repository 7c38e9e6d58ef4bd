import { formatVietnameseDate } from '../shared/dates';
import { DomainError } from '../shared/domain-error';

/** The refusals of a payment's life at the State Treasury, each with a stable code. */
export const treasuryErrors = {
  notApproved: (id: string, status: string) =>
    new DomainError(
      'TREASURY.NOT_APPROVED',
      'conflict',
      {
        vi: `Chỉ gửi Kho bạc khoản chi đã được phê duyệt (đủ chữ ký); khoản chi ${id} đang ở trạng thái ${status}`,
        en: `Only an approved (fully signed) expenditure is sent to the Treasury; ${id} is ${status}`,
      },
      { status },
    ),
  alreadySent: (id: string, dossier: string, sentOn: string) =>
    new DomainError(
      'TREASURY.ALREADY_SENT',
      'conflict',
      {
        vi: `Hồ sơ ${dossier} của khoản chi ${id} đã gửi Kho bạc ngày ${formatVietnameseDate(sentOn)} và đang chờ trả lời: ghi nhận trả lời của Kho bạc trước khi gửi lại`,
        en: `Dossier ${dossier} of expenditure ${id} was sent to the Treasury on ${sentOn} and awaits its answer: record the answer before sending again`,
      },
      { dossier, sentOn },
    ),
  awaitingAnswer: (id: string, dossier: string, action: { vi: string; en: string }) =>
    new DomainError(
      'TREASURY.AWAITING_ANSWER',
      'conflict',
      {
        vi: `Không thể ${action.vi} khoản chi ${id}: hồ sơ ${dossier} đang ở Kho bạc chờ trả lời (ghi nhận Kho bạc chấp nhận hoặc từ chối)`,
        en: `Cannot ${action.en} expenditure ${id}: dossier ${dossier} is at the Treasury awaiting its answer (record its acceptance or refusal)`,
      },
      { dossier },
    ),
  notSent: (id: string, status: string) =>
    new DomainError(
      'TREASURY.NOT_SENT',
      'conflict',
      {
        vi: `Khoản chi ${id} (trạng thái ${status}) không có hồ sơ nào đang ở Kho bạc: chỉ hồ sơ đã gửi mới được Kho bạc chấp nhận hoặc từ chối`,
        en: `Expenditure ${id} (${status}) has no dossier at the Treasury: only a dossier sent is accepted or refused`,
      },
      { status },
    ),
  alreadyAnswered: (id: string, answer: string, dossier: string, on: string) =>
    new DomainError(
      'TREASURY.ALREADY_ANSWERED',
      'conflict',
      {
        vi: `Kho bạc đã trả lời hồ sơ ${dossier} của khoản chi ${id} (${answer === 'accepted' ? 'chấp nhận, đã thanh toán' : 'từ chối'}) ngày ${formatVietnameseDate(on)}: không ghi nhận trả lời lần hai`,
        en: `The Treasury already answered dossier ${dossier} of expenditure ${id} (${answer}) on ${on}: an answer is not recorded twice`,
      },
      { answer, dossier, on },
    ),
  otherDossier: (id: string, given: string, atTreasury: string) =>
    new DomainError(
      'TREASURY.DOSSIER_MISMATCH',
      'conflict',
      {
        vi: `dossier: hồ sơ đang ở Kho bạc của khoản chi ${id} là ${atTreasury}, không phải ${given}`,
        en: `dossier: the dossier of expenditure ${id} at the Treasury is ${atTreasury}, not ${given}`,
      },
      { field: 'dossier', dossier: atTreasury },
    ),
  keptPastDeadline: (id: string, deadline: string) =>
    new DomainError(
      'TREASURY.KEPT_PAST_DEADLINE',
      'rule',
      {
        vi: `commitment: kinh phí chuyển nguồn của khoản chi ${id} hết hạn ngày ${formatVietnameseDate(deadline)} và không có quyết định giữ lại: Kho bạc từ chối thì giải phóng cam kết (released), không giữ để gửi lại`,
        en: `commitment: the carried-over money of expenditure ${id} expired on ${deadline} and no decision kept it: a refusal releases the commitment, it cannot be kept to resend`,
      },
      { field: 'commitment', deadline },
    ),
};
