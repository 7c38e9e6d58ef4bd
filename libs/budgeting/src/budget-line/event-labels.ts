import type { Messages } from '../shared/domain-error';
import type { BudgetLineEvent } from './budget-line.events';

/**
 * A budget line's events in the words of Vietnamese budget practice: the one table the
 * CLI's history, the dashboard and the reports read, so that an auditor reads the same
 * word for the same event everywhere. Typed on the event union: a new line event without
 * a label fails the type check.
 *
 * ExpenditureDisbursed is "Giải ngân", not "Thanh toán qua Kho bạc": it is the word of
 * the program's disbursement reports and of the balance column "Đã giải ngân" that the
 * event feeds, so the event and the column it moves read alike (the payment does go
 * through the State Treasury, but that is the channel, not the event).
 */
export const EVENT_LABELS: Readonly<Record<BudgetLineEvent['type'], Messages>> = {
  BudgetLineOpened: { vi: 'Mở dòng ngân sách', en: 'Budget line opened' },
  FundsAllocated: { vi: 'Giao dự toán', en: 'Funds allocated' },
  BudgetLineClassified: { vi: 'Phân loại mục lục ngân sách', en: 'Budget classification set' },
  BudgetLineSealed: { vi: 'Khóa dòng để khóa sổ năm', en: 'Line sealed for the year close' },
  BudgetLineUnsealed: {
    vi: 'Mở lại dòng (khóa sổ bị từ chối)',
    en: 'Line unsealed (close refused)',
  },
  FundsCarriedIn: { vi: 'Chuyển nguồn sang', en: 'Funds carried in' },
  FundsCarriedOut: { vi: 'Chuyển nguồn đi', en: 'Funds carried out' },
  FundsTransferredIn: { vi: 'Điều chuyển đến', en: 'Funds transferred in' },
  FundsTransferredOut: { vi: 'Điều chuyển đi', en: 'Funds transferred out' },
  TransferOutReversed: { vi: 'Hoàn điều chuyển', en: 'Transfer out reversed' },
  FundsCancelled: { vi: 'Hủy dự toán', en: 'Funds cancelled' },
  CarryOverLapsed: { vi: 'Hết hạn chuyển nguồn', en: 'Carry-over lapsed' },
  ExpenditureLapsed: { vi: 'Khoản chi đã duyệt hết hạn', en: 'Approved expenditure lapsed' },
  CommitmentRetained: { vi: 'Giữ lại khoản chi quá hạn', en: 'Commitment retained' },
  LapseCorrected: { vi: 'Điều chỉnh hủy nguồn (nhập muộn)', en: 'Lapse corrected (late entry)' },
  FundsReturned: { vi: 'Hoàn trả ngân sách cấp trên', en: 'Funds returned' },
  CarryOverDeadlineExtended: { vi: 'Gia hạn chuyển nguồn', en: 'Carry-over deadline extended' },
  ExpenditureProposed: { vi: 'Đề nghị chi', en: 'Expenditure proposed' },
  ExpenditureSigned: { vi: 'Ký duyệt chi', en: 'Expenditure signed' },
  ExpenditureApproved: { vi: 'Phê duyệt chi', en: 'Expenditure approved' },
  ExpenditureRejected: { vi: 'Từ chối chi', en: 'Expenditure rejected' },
  ExpenditureSentToTreasury: { vi: 'Gửi hồ sơ thanh toán đến Kho bạc', en: 'Sent to the Treasury' },
  ExpenditureRefusedByTreasury: { vi: 'Kho bạc từ chối thanh toán', en: 'Refused by the Treasury' },
  ExpenditureDisbursed: { vi: 'Giải ngân', en: 'Disbursed' },
  // "Đảo" is the accountant's word for a reversing entry ("điều chỉnh" is any adjustment).
  ExpenditureReversed: { vi: 'Bút toán đảo chi', en: 'Expenditure reversed' },
  AdvanceSettled: { vi: 'Thanh toán tạm ứng', en: 'Advance settled' },
  AdvanceRecovered: { vi: 'Thu hồi tạm ứng', en: 'Advance recovered' },
};

/** An event type for people; a type the table does not know shows as stored. */
export function eventLabel(type: string, language: keyof Messages): string {
  return (EVENT_LABELS as Readonly<Record<string, Messages | undefined>>)[type]?.[language] ?? type;
}
