import type { Money } from '../shared/money';

/** The kinds of payment a proposal may be: an ordinary payment (default) or an advance. */
export const EXPENDITURE_KINDS = ['payment', 'advance'] as const;
export type ExpenditureKind = (typeof EXPENDITURE_KINDS)[number];

/** A voucher an advance is settled by: its number and date (hóa đơn, chứng từ chi). */
export interface SettlementVoucher {
  readonly number: string;
  readonly date: string;
}

/**
 * Where recovered money goes: back to the line's available (`line`, within the spending
 * period) or out of the line to the budget (`budget`, after it, or on a lapsed carry-over).
 */
export type RecoveryDestination = 'line' | 'budget';

/**
 * An advance's life after it is paid (tạm ứng): settled by vouchers, partly or wholly
 * (thanh toán tạm ứng), and its unspent remainder recovered (thu hồi tạm ứng). Part of the
 * budget line's event union (budget-line.events.ts).
 */
export type AdvanceEvent =
  | {
      readonly type: 'AdvanceSettled';
      readonly data: {
        readonly budgetLineId: string;
        readonly expenditureId: string;
        readonly amount: Money;
        readonly vouchers: readonly SettlementVoucher[];
        readonly settledOn: string;
        readonly settledBy: string;
        /** What of the advance is still open after this settlement. */
        readonly openAfter: Money;
      };
    }
  | {
      readonly type: 'AdvanceRecovered';
      readonly data: {
        readonly budgetLineId: string;
        readonly expenditureId: string;
        readonly amount: Money;
        /** The receipt the money came back by (giấy nộp trả / phiếu thu). */
        readonly receipt: string;
        readonly recoveredOn: string;
        readonly recoveredBy: string;
        readonly returnsTo: RecoveryDestination;
        readonly openAfter: Money;
      };
    };
