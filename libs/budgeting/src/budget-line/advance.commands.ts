import type { Money } from '../shared/money';
import type { CommandBase } from './budget-line.commands';
import type { SettlementVoucher } from './advance.events';

/** Settling and recovering a paid advance: decided by advance.decide.ts. */
export type AdvanceCommand =
  | (CommandBase & {
      /** Thanh toán tạm ứng: vouchers for part or all of what is still open (`on` = settledOn). */
      readonly type: 'SettleAdvance';
      readonly data: {
        readonly expenditureId: string;
        readonly amount: Money;
        readonly vouchers: readonly SettlementVoucher[];
      };
    })
  | (CommandBase & {
      /** Thu hồi tạm ứng: the unspent remainder paid back (`on` = recoveredOn). */
      readonly type: 'RecoverAdvance';
      readonly data: {
        readonly expenditureId: string;
        readonly amount: Money;
        readonly receipt: string;
      };
    });
