import { assertNever } from '../shared/decider';
import { lineErrors } from '../budget-line/budget-line.errors';

/**
 * No double funding program-wide (Circular 55/2023/TT-BTC Art. 3): a voucher or invoice
 * number is a stream of its own, claimed by one expenditure at a time. Appending to it
 * with an expected revision makes the claim atomic across lines and processes.
 */
export type VoucherEvent =
  | {
      readonly type: 'VoucherClaimed';
      readonly data: {
        readonly voucher: string;
        readonly expenditureId: string;
        readonly budgetLineId: string;
      };
    }
  | {
      readonly type: 'VoucherReleased';
      readonly data: {
        readonly voucher: string;
        readonly expenditureId: string;
        readonly reason: string;
      };
    };

export type VoucherCommand =
  | {
      readonly type: 'ClaimVoucher';
      readonly data: {
        readonly voucher: string;
        readonly expenditureId: string;
        readonly budgetLineId: string;
      };
    }
  | {
      readonly type: 'ReleaseVoucher';
      readonly data: {
        readonly voucher: string;
        readonly expenditureId: string;
        readonly reason: string;
      };
    };

export interface VoucherState {
  readonly claimedBy: string | null;
}

/** Same number however it was typed: case, spaces and dashes do not make a new voucher. */
export function normalizeVoucher(voucher: string): string {
  return voucher
    .normalize('NFC')
    .toUpperCase()
    .replace(/[\s._-]+/g, '');
}

export function voucherStreamId(voucher: string): string {
  return `voucher-${normalizeVoucher(voucher)}`;
}

export const voucherDecider = {
  name: 'voucher@1',
  initialState: { claimedBy: null } as VoucherState,
  evolve(state: VoucherState, event: VoucherEvent): VoucherState {
    switch (event.type) {
      case 'VoucherClaimed':
        return { claimedBy: event.data.expenditureId };
      case 'VoucherReleased':
        return state.claimedBy === event.data.expenditureId ? { claimedBy: null } : state;
      default:
        return assertNever(event);
    }
  },
  decide(command: VoucherCommand, state: VoucherState): VoucherEvent[] {
    switch (command.type) {
      case 'ClaimVoucher':
        if (state.claimedBy === command.data.expenditureId) return [];
        if (state.claimedBy !== null)
          throw lineErrors.doubleFunding(command.data.voucher, state.claimedBy);
        return [{ type: 'VoucherClaimed', data: command.data }];
      case 'ReleaseVoucher':
        return state.claimedBy === command.data.expenditureId
          ? [{ type: 'VoucherReleased', data: command.data }]
          : [];
      default:
        return assertNever(command);
    }
  },
} as const;
