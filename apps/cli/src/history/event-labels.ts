import type { Messages } from '@app/budgeting';
import type { Language } from '../shared/cli-context';

/** The ledger's events in the words of Vietnamese budget practice. */
const EVENT_LABELS: Readonly<Record<string, Messages>> = {
  BudgetLineOpened: { vi: 'Mở dòng ngân sách', en: 'Budget line opened' },
  FundsAllocated: { vi: 'Giao dự toán', en: 'Funds allocated' },
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
  ExpenditureApproved: { vi: 'Phê duyệt chi', en: 'Expenditure approved' },
  ExpenditureRejected: { vi: 'Từ chối chi', en: 'Expenditure rejected' },
  ExpenditureDisbursed: { vi: 'Giải ngân', en: 'Disbursed' },
  ExpenditureReversed: { vi: 'Bút toán đảo chi', en: 'Expenditure reversed' },
};

/** An event type for people; a type this map does not know yet shows as stored. */
export function eventLabel(type: string, language: Language): string {
  return EVENT_LABELS[type]?.[language] ?? type;
}
