import type { Money } from '../shared/money';
import type { BudgetLineKey } from './budget-line-key';
import type { BudgetLineEvent, ExpenditureCategory } from './budget-line.events';
import { assertNever } from '../shared/decider';
import { PersistentMap } from '../shared/persistent-map';

export type ExpenditureStatus = 'proposed' | 'approved' | 'rejected' | 'disbursed' | 'reversed';

export interface ExpenditureState {
  readonly id: string;
  readonly status: ExpenditureStatus;
  readonly amount: Money;
  readonly category: ExpenditureCategory;
  readonly proposedBy: string;
  readonly proposedByPerson: string | null;
  readonly voucher: string | null;
  readonly disbursed: Money;
  readonly personDays: number | null;
}

export interface Balances {
  readonly allocated: Money;
  readonly carriedIn: Money;
  readonly carriedOut: Money;
  readonly transferredIn: Money;
  readonly transferredOut: Money;
  readonly committed: Money;
  readonly disbursed: Money;
  /** Cancelled estimates, carried-over money that lapsed included. */
  readonly cancelled: Money;
}

export interface BudgetLineState {
  readonly key: BudgetLineKey | null;
  readonly balances: Balances;
  readonly carryOverDeadline: string | null;
  readonly lapsed: boolean;
  /**
   * Persistent (see PersistentMap): a line holds hundreds of expenditures and every event
   * touching one would otherwise copy them all.
   */
  readonly expenditures: PersistentMap<string, ExpenditureState>;
  /** Transfers already applied here, so a retried step changes nothing. */
  readonly transfers: PersistentMap<string, TransferOnLine>;
  /** The decisions that put money on the line: the legal basis of spending it. */
  readonly fundingDecisions: readonly string[];
}

export interface TransferOnLine {
  readonly direction: 'in' | 'out';
  readonly column: 'carriedIn' | 'carriedOut' | 'transferredIn' | 'transferredOut';
  readonly amount: Money;
  readonly reversed: boolean;
}

export const ZERO_BALANCES: Balances = {
  allocated: 0n,
  carriedIn: 0n,
  carriedOut: 0n,
  transferredIn: 0n,
  transferredOut: 0n,
  committed: 0n,
  disbursed: 0n,
  cancelled: 0n,
};

export const initialBudgetLineState: BudgetLineState = {
  key: null,
  balances: ZERO_BALANCES,
  carryOverDeadline: null,
  lapsed: false,
  expenditures: PersistentMap.empty(),
  transfers: PersistentMap.empty(),
  fundingDecisions: [],
};

/** What came onto the line: it is bounded by MAX_LINE_AMOUNT, and bounds every other column. */
export function inflow(b: Balances): Money {
  return b.allocated + b.carriedIn + b.transferredIn;
}

/** What can still be committed or moved: never below zero. */
export function available(b: Balances): Money {
  return (
    b.allocated +
    b.carriedIn +
    b.transferredIn -
    b.carriedOut -
    b.transferredOut -
    b.cancelled -
    b.committed
  );
}

function add(
  state: BudgetLineState,
  changes: Partial<Record<keyof Balances, Money>>,
): BudgetLineState {
  const balances = { ...state.balances };
  for (const field in changes) {
    const key = field as keyof Balances;
    balances[key] += changes[key] ?? 0n;
  }
  return { ...state, balances };
}

function withExpenditure(
  state: BudgetLineState,
  id: string,
  change: (e: ExpenditureState) => ExpenditureState,
): BudgetLineState {
  const current = state.expenditures.get(id);
  if (!current) return state;
  return { ...state, expenditures: state.expenditures.set(id, change(current)) };
}

/** Records a transfer leg and moves its money in the column it names. */
function withTransfer(
  state: BudgetLineState,
  id: string,
  column: TransferOnLine['column'],
  amount: Money,
): BudgetLineState {
  const direction = column === 'carriedIn' || column === 'transferredIn' ? 'in' : 'out';
  const transfers = state.transfers.set(id, { direction, column, amount, reversed: false });
  return { ...add(state, { [column]: amount }), transfers };
}

function funded(state: BudgetLineState, decision: string): BudgetLineState {
  return state.fundingDecisions.includes(decision)
    ? state
    : { ...state, fundingDecisions: [...state.fundingDecisions, decision] };
}

export function evolveBudgetLine(state: BudgetLineState, event: BudgetLineEvent): BudgetLineState {
  switch (event.type) {
    case 'BudgetLineOpened': {
      const { budgetLineId: _id, ...key } = event.data;
      return { ...state, key };
    }
    case 'FundsAllocated':
      return funded(add(state, { allocated: event.data.amount }), event.data.decision);
    case 'FundsCarriedIn':
      return {
        ...funded(
          withTransfer(state, event.data.transferId, 'carriedIn', event.data.amount),
          event.data.decision,
        ),
        carryOverDeadline: event.data.deadline,
      };
    case 'FundsCarriedOut':
      return withTransfer(state, event.data.transferId, 'carriedOut', event.data.amount);
    case 'FundsTransferredIn':
      return funded(
        withTransfer(state, event.data.transferId, 'transferredIn', event.data.amount),
        event.data.decision,
      );
    case 'FundsTransferredOut':
      return withTransfer(state, event.data.transferId, 'transferredOut', event.data.amount);
    case 'TransferOutReversed': {
      const transfer = state.transfers.get(event.data.transferId);
      if (!transfer) return state;
      const transfers = state.transfers.set(event.data.transferId, { ...transfer, reversed: true });
      // The money comes back through the same column it left by.
      return { ...add(state, { [transfer.column]: -event.data.amount }), transfers };
    }
    case 'FundsCancelled':
      return add(state, { cancelled: event.data.amount });
    case 'CarryOverLapsed':
      return { ...add(state, { cancelled: event.data.amount }), lapsed: true };
    case 'ExpenditureProposed': {
      const d = event.data;
      const expenditures = state.expenditures.set(d.expenditureId, {
        id: d.expenditureId,
        status: 'proposed',
        amount: d.amount,
        category: d.category,
        proposedBy: d.proposedBy,
        proposedByPerson: d.proposedByPerson ?? null,
        voucher: d.voucher,
        disbursed: 0n,
        personDays: d.personDays,
      });
      return { ...state, expenditures };
    }
    case 'ExpenditureApproved':
      return withExpenditure(
        add(state, { committed: event.data.amount }),
        event.data.expenditureId,
        (e) => ({
          ...e,
          status: 'approved',
        }),
      );
    case 'ExpenditureRejected':
      return withExpenditure(state, event.data.expenditureId, (e) => ({
        ...e,
        status: 'rejected',
      }));
    case 'ExpenditureDisbursed':
      return withExpenditure(
        add(state, { disbursed: event.data.amount }),
        event.data.expenditureId,
        (e) => ({
          ...e,
          status: 'disbursed',
          disbursed: e.disbursed + event.data.amount,
        }),
      );
    case 'ExpenditureReversed':
      return withExpenditure(
        add(state, {
          committed: -event.data.committedAmount,
          disbursed: -event.data.disbursedAmount,
        }),
        event.data.expenditureId,
        (e) => ({ ...e, status: 'reversed' }),
      );
    default:
      return assertNever(event);
  }
}
