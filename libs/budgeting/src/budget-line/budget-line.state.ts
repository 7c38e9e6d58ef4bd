import type { Money } from '../shared/money';
import type { BudgetLineKey } from './budget-line-key';
import type {
  BudgetLineEvent,
  CarriedDeadline,
  ExpenditureCategory,
  ExpenditureSignature,
} from './budget-line.events';
import type { DeadlineBasis } from './carry-over-deadline';
import type { LineClassification } from '../classification/budget-classification';
import { assertNever } from '../shared/decider';
import { PersistentMap } from '../shared/persistent-map';
import type { NormClaim } from '../norms/norm-claim';
import type { TreasuryAnswer, TreasurySubmission } from './treasury';
import type { PlanActivityRef } from '../plan/activity-spending.decider';
import { evolveAdvances, recoveryChange, type AdvanceOnLine } from './advance.state';

export type ExpenditureStatus =
  | 'proposed'
  | 'approved'
  | 'rejected'
  | 'disbursed'
  | 'reversed'
  /** Approved, unpaid at its carry-over's deadline and not kept by a decision: its money lapsed. */
  | 'lapsed'
  /** Its dossier is at the State Treasury awaiting the answer: still committed. */
  | 'sent'
  /** The Treasury refused it and the refusal released its commitment: it ends here. */
  | 'refused';

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
  /** The claim's trip dates and quantities, and the province whose norms it was checked by. */
  readonly normClaim: NormClaim | null;
  readonly province: string | null;
  /** Effective dates of the proposal and the approval ('' when the history carried none). */
  readonly proposedOn: string;
  readonly approvedOn: string;
  /** Kept payable past the carry-over's deadline by a decision, until this date. */
  readonly retainedUntil: string | null;
  /** Signatures given so far (two-signature units); the second commits. */
  readonly signatures: readonly ExpenditureSignature[];
  /** The dossier at the Treasury awaiting its answer (status `sent`), else null. */
  readonly atTreasury: TreasurySubmission | null;
  /** The Treasury's last answer (a dossier sent again after a refusal is dated on or after it). */
  readonly treasuryAnswer: TreasuryAnswer | null;
  /** The joint team's trip whose person-days it holds (released if rejected or reversed). */
  readonly jointTripId?: string;
  /** The plan activity whose room it holds (released with the trip's days and the voucher). */
  readonly plan?: PlanActivityRef;
}

export interface Balances {
  readonly allocated: Money;
  readonly carriedIn: Money;
  readonly carriedOut: Money;
  readonly transferredIn: Money;
  readonly transferredOut: Money;
  readonly committed: Money;
  readonly disbursed: Money;
  /** Cancelled estimates, carried-over money that lapsed included (less what was returned). */
  readonly cancelled: Money;
  /** Given back to the budget level the money came from (hoàn trả). */
  readonly returned: Money;
  /**
   * Committed money whose payment dossier is at the State Treasury awaiting its answer:
   * part of `committed`, not a use of the line by itself (available ignores it).
   */
  readonly awaitingTreasury: Money;
  /** Paid out as advances (tạm ứng; part of disbursed), settled by vouchers, recovered. */
  readonly advanced: Money;
  readonly advanceSettled: Money;
  readonly advanceRecovered: Money;
}

export interface BudgetLineState {
  readonly key: BudgetLineKey | null;
  readonly balances: Balances;
  readonly carryOverDeadline: string | null;
  /** Whether the carry-over decision stated the deadline or the default was used. */
  readonly deadlineBasis: DeadlineBasis | null;
  /**
   * The carry-over decision that set the deadline (or stated none), also when the deadline
   * came with money a reallocation moved here from another line (null: none, or not known).
   */
  readonly deadlineDecision: string | null;
  /** The decisions that extended the deadline, oldest first. */
  readonly deadlineExtensions: readonly string[];
  readonly lapsed: boolean;
  /** The effective date of the first lapse: a correction reinstates money on it, no earlier. */
  readonly lapsedOn: string | null;
  /** Lapsed money not reinstated by a correction nor yet returned to a higher level. */
  readonly lapsedMoney: Money;
  /** Money a late entry's correction reinstated for an expenditure not yet approved. */
  readonly earmarked: PersistentMap<string, Money>;
  /**
   * Persistent (see PersistentMap): a line holds hundreds of expenditures and every event
   * touching one would otherwise copy them all.
   */
  readonly expenditures: PersistentMap<string, ExpenditureState>;
  /** Transfers already applied here, so a retried step changes nothing. */
  readonly transfers: PersistentMap<string, TransferOnLine>;
  /** The decisions that put money on the line: the legal basis of spending it. */
  readonly fundingDecisions: readonly string[];
  /**
   * What changed the line's money, per effective date, sorted: what money was in effect
   * and uncommitted on any date. One entry per date (bounded by the days of the year),
   * not per event.
   */
  readonly timeline: readonly DatedChange[];
  /** The line's budget classification; absent: unclassified (every line before 0.9.0). */
  readonly classification?: LineClassification;
  /** The line's advances (tạm ứng), by expenditure id: see advance.state.ts. */
  readonly advances: PersistentMap<string, AdvanceOnLine>;
  /** Sealed by the year's close (BudgetLineSealed): takes only what a closed year takes. */
  readonly sealed?: boolean;
}

/** The net change to the money in effect (funds) and to commitments on one effective date. */
export interface DatedChange {
  readonly on: string;
  readonly funds: Money;
  readonly committed: Money;
}

/**
 * The date given to an event folded without one (a spec's bare history, a fold outside
 * the store): before every date, so such money counts as in effect from the start.
 */
export const UNDATED = '';

export interface TransferOnLine {
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
  returned: 0n,
  awaitingTreasury: 0n,
  advanced: 0n,
  advanceSettled: 0n,
  advanceRecovered: 0n,
};

export const initialBudgetLineState: BudgetLineState = {
  key: null,
  balances: ZERO_BALANCES,
  carryOverDeadline: null,
  deadlineBasis: null,
  deadlineDecision: null,
  deadlineExtensions: [],
  lapsed: false,
  lapsedOn: null,
  lapsedMoney: 0n,
  earmarked: PersistentMap.empty(),
  expenditures: PersistentMap.empty(),
  transfers: PersistentMap.empty(),
  fundingDecisions: [],
  timeline: [],
  advances: PersistentMap.empty(),
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
    b.returned -
    b.committed
  );
}

/** Records a change on its date, keeping the timeline sorted with one entry per date. */
function dated(
  state: BudgetLineState,
  on: string,
  change: { funds?: Money; committed?: Money },
): BudgetLineState {
  const funds = change.funds ?? 0n;
  const committed = change.committed ?? 0n;
  if (funds === 0n && committed === 0n) return state;
  const timeline = [...state.timeline];
  let i = timeline.length;
  while (i > 0 && (timeline[i - 1] as DatedChange).on > on) i -= 1;
  const same = timeline[i - 1];
  if (same && same.on === on) {
    timeline[i - 1] = { on, funds: same.funds + funds, committed: same.committed + committed };
  } else {
    timeline.splice(i, 0, { on, funds, committed });
  }
  return { ...state, timeline };
}

/** The money in effect on `on` (net of what left the line), ignoring commitments. */
export function fundsInEffect(state: BudgetLineState, on: string): Money {
  let total = 0n;
  for (const c of state.timeline) {
    if (c.on > on) break;
    total += c.funds;
  }
  return total;
}

/**
 * The least that was uncommitted on `on` or on any later date, and that date: what a
 * commitment or a debit dated `on` may take without overdrawing then or what was spent
 * after it (a late entry may not overdraw later spending). Never more than now.
 */
export function availableFrom(
  state: BudgetLineState,
  on: string,
): { readonly amount: Money; readonly on: string } {
  let running = 0n;
  let least: { amount: Money; on: string } | null = null;
  for (const c of state.timeline) {
    // What was uncommitted on `on` itself: everything dated before it.
    if (!least && c.on > on) least = { amount: running, on };
    running += c.funds - c.committed;
    if (c.on >= on && (!least || running < least.amount)) least = { amount: running, on: c.on };
  }
  const before = least ?? { amount: running, on };
  const now = available(state.balances);
  return now < before.amount ? { amount: now, on: before.on } : before;
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
  const transfers = state.transfers.set(id, { column, amount, reversed: false });
  return { ...add(state, { [column]: amount }), transfers };
}

/**
 * Money a reallocation moved here keeps the deadline it carries: a line without one takes it
 * with its basis, decision and extensions (the decider refused it under another deadline).
 */
function withCarriedDeadline(
  state: BudgetLineState,
  carried: CarriedDeadline | undefined,
): BudgetLineState {
  if (!carried || state.carryOverDeadline !== null) return state;
  return {
    ...state,
    carryOverDeadline: carried.deadline,
    deadlineBasis: carried.deadlineBasis,
    deadlineDecision: carried.decision,
    deadlineExtensions: carried.extensions,
  };
}

function funded(state: BudgetLineState, decision: string): BudgetLineState {
  return state.fundingDecisions.includes(decision)
    ? state
    : { ...state, fundingDecisions: [...state.fundingDecisions, decision] };
}

/**
 * `on`: the event's effective date (its envelope's), so the line knows what money was in
 * effect on each date; a fold without dates treats the money as in effect from the start.
 */
export function evolveBudgetLine(
  state: BudgetLineState,
  event: BudgetLineEvent,
  on: string = UNDATED,
): BudgetLineState {
  const next = evolveBalances(state, event, on);
  const change = datedChange(state, event, on);
  return evolveAdvances(state, change ? dated(next, change.on, change) : next, event, on);
}

/** How the event changes the money in effect or committed, and on which date. */
function datedChange(
  state: BudgetLineState,
  event: BudgetLineEvent,
  on: string,
): (DatedChange & { readonly on: string }) | null {
  const at = (funds: Money, committed: Money = 0n) => ({ on, funds, committed });
  switch (event.type) {
    case 'FundsAllocated':
    case 'FundsCarriedIn':
    case 'FundsTransferredIn':
      return at(event.data.amount);
    case 'FundsCarriedOut':
    case 'FundsTransferredOut':
    case 'FundsCancelled':
    case 'CarryOverLapsed':
      return at(-event.data.amount);
    case 'CarryOverDeadlineExtended':
      return at(event.data.restoredAmount);
    case 'TransferOutReversed':
      return state.transfers.get(event.data.transferId) ? at(event.data.amount) : null;
    case 'ExpenditureApproved':
      return at(0n, event.data.amount);
    case 'ExpenditureLapsed':
      return notBefore(state, event.data.expenditureId, on, -event.data.amount);
    case 'LapseCorrected': {
      // Undoes part of the lapse on the lapse's own date, whatever date the entry bears.
      const lapsedOn = event.data.lapsedOn || state.lapsedOn || on;
      const amount = event.data.amount;
      return {
        on: on > lapsedOn ? on : lapsedOn,
        funds: amount,
        committed: event.data.recommits ? amount : 0n,
      };
    }
    case 'FundsReturned':
      // Returning lapsed money moves it between two columns that are both out of the line.
      return event.data.source === 'unspent' ? at(-event.data.amount) : null;
    case 'CommitmentRetained':
    case 'BudgetLineClassified':
    case 'BudgetLineSealed':
    case 'BudgetLineUnsealed':
    case 'AdvanceSettled':
      return null;
    case 'AdvanceRecovered':
      return recoveryChange(event, on);
    case 'ExpenditureReversed':
      return notBefore(state, event.data.expenditureId, on, -event.data.committedAmount);
    case 'ExpenditureRefusedByTreasury':
      // A released refusal gives the commitment back on its date, never before the approval.
      return event.data.releasedAmount === 0n
        ? null
        : notBefore(state, event.data.expenditureId, on, -event.data.releasedAmount);
    case 'ExpenditureSentToTreasury':
    case 'BudgetLineOpened':
    case 'ExpenditureProposed':
    case 'ExpenditureSigned':
    case 'ExpenditureRejected':
    case 'ExpenditureDisbursed':
      // A proposal commits nothing; a payment pays what its approval committed.
      return null;
    default:
      return assertNever(event);
  }
}

/** A commitment given back no earlier than it was made, whatever date the event bears. */
function notBefore(state: BudgetLineState, id: string, on: string, committed: Money): DatedChange {
  const approvedOn = state.expenditures.get(id)?.approvedOn ?? on;
  return { on: on > approvedOn ? on : approvedOn, funds: 0n, committed };
}

function evolveBalances(
  state: BudgetLineState,
  event: BudgetLineEvent,
  on: string,
): BudgetLineState {
  switch (event.type) {
    case 'BudgetLineOpened': {
      const { budgetLineId: _id, ...key } = event.data;
      return { ...state, key };
    }
    case 'FundsAllocated':
      return funded(add(state, { allocated: event.data.amount }), event.data.decision);
    case 'BudgetLineClassified':
      return { ...state, classification: event.data.classification };
    case 'BudgetLineSealed':
      return { ...state, sealed: true };
    case 'BudgetLineUnsealed':
      return { ...state, sealed: false };
    case 'FundsCarriedIn':
      return {
        ...funded(
          withTransfer(state, event.data.transferId, 'carriedIn', event.data.amount),
          event.data.decision,
        ),
        carryOverDeadline: event.data.deadline,
        deadlineBasis: event.data.deadlineBasis ?? 'default',
        // The first carry-over set it; a later one under the same deadline does not change it.
        deadlineDecision: state.deadlineDecision ?? event.data.decision,
      };
    case 'CarryOverDeadlineExtended':
      return {
        ...add(state, { cancelled: -event.data.restoredAmount }),
        carryOverDeadline: event.data.deadline,
        deadlineExtensions: [...state.deadlineExtensions, event.data.decision.number],
        lapsed: false,
        // What it revives was lapsed and not yet reinstated or returned: none of it remains.
        lapsedMoney: state.lapsedMoney - event.data.restoredAmount,
        lapsedOn: null,
      };
    case 'FundsCarriedOut':
      return withTransfer(state, event.data.transferId, 'carriedOut', event.data.amount);
    case 'FundsTransferredIn':
      return withCarriedDeadline(
        funded(
          withTransfer(state, event.data.transferId, 'transferredIn', event.data.amount),
          event.data.decision,
        ),
        event.data.carriedDeadline,
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
      return {
        ...add(state, { cancelled: event.data.amount }),
        lapsed: true,
        lapsedOn: state.lapsedOn ?? on,
        lapsedMoney: state.lapsedMoney + event.data.amount,
      };
    case 'ExpenditureLapsed':
      return withExpenditure(
        add(state, { committed: -event.data.amount }),
        event.data.expenditureId,
        (e) => ({ ...e, status: 'lapsed' }),
      );
    case 'CommitmentRetained': {
      let next = state;
      for (const id of event.data.expenditureIds) {
        next = withExpenditure(next, id, (e) => ({ ...e, retainedUntil: event.data.until }));
      }
      return next;
    }
    case 'LapseCorrected':
      return evolveLapseCorrected(state, event.data);
    case 'FundsReturned': {
      const amount = event.data.amount;
      if (event.data.source === 'unspent') return add(state, { returned: amount });
      return {
        ...add(state, { cancelled: -amount, returned: amount }),
        lapsedMoney: state.lapsedMoney - amount,
      };
    }
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
        normClaim: d.normClaim ?? null,
        province: d.norms?.province ?? null,
        proposedOn: on,
        approvedOn: UNDATED,
        retainedUntil: null,
        signatures: [],
        atTreasury: null,
        treasuryAnswer: null,
        ...(d.jointTrip ? { jointTripId: d.jointTrip.tripId } : {}),
        ...(d.plan ? { plan: d.plan } : {}),
      });
      return { ...state, expenditures };
    }
    case 'ExpenditureSigned': {
      const { capacity, signedBy, person, name, title, standing, specimen, signedOn } = event.data;
      const signature = { capacity, signedBy, person, name, title, standing, specimen, signedOn };
      return withExpenditure(state, event.data.expenditureId, (e) => ({
        ...e,
        signatures: [...e.signatures, signature],
      }));
    }
    case 'ExpenditureApproved':
      return withExpenditure(
        {
          ...add(state, { committed: event.data.amount }),
          // The approval takes the money earmarked for it (a persistent map has no delete).
          earmarked: state.earmarked.has(event.data.expenditureId)
            ? state.earmarked.set(event.data.expenditureId, 0n)
            : state.earmarked,
        },
        event.data.expenditureId,
        (e) => ({ ...e, status: 'approved', approvedOn: on }),
      );
    case 'ExpenditureRejected':
      return withExpenditure(state, event.data.expenditureId, (e) => ({
        ...e,
        status: 'rejected',
      }));
    case 'ExpenditureDisbursed': {
      // The Treasury's acceptance of a dossier takes it off the money awaiting the Treasury.
      const waiting = event.data.treasury ? event.data.amount : 0n;
      return withExpenditure(
        add(state, { disbursed: event.data.amount, awaitingTreasury: -waiting }),
        event.data.expenditureId,
        (e) => ({
          ...e,
          status: 'disbursed',
          disbursed: e.disbursed + event.data.amount,
          atTreasury: null,
          treasuryAnswer: {
            outcome: 'accepted',
            dossier: event.data.treasury?.dossier ?? null,
            on: event.data.paidOn,
          },
        }),
      );
    }
    case 'ExpenditureSentToTreasury': {
      const { dossier, sentOn, amount } = event.data;
      return withExpenditure(
        add(state, { awaitingTreasury: amount }),
        event.data.expenditureId,
        (e) => ({ ...e, status: 'sent', atTreasury: { dossier, sentOn } }),
      );
    }
    case 'ExpenditureRefusedByTreasury':
      return evolveTreasuryRefusal(state, event.data);
    case 'ExpenditureReversed':
      return withExpenditure(
        add(state, {
          committed: -event.data.committedAmount,
          disbursed: -event.data.disbursedAmount,
        }),
        event.data.expenditureId,
        (e) => ({ ...e, status: 'reversed' }),
      );
    case 'AdvanceSettled':
    case 'AdvanceRecovered':
      // Their money moves with the line's advances (advance.state.ts).
      return state;
    default:
      return assertNever(event);
  }
}

/** Reinstates part of the lapse: as the expenditure's commitment again, or earmarked for it. */
function evolveLapseCorrected(
  state: BudgetLineState,
  d: Extract<BudgetLineEvent, { type: 'LapseCorrected' }>['data'],
): BudgetLineState {
  const back = {
    ...add(state, { cancelled: -d.amount }),
    lapsedMoney: state.lapsedMoney - d.amount,
  };
  if (!d.recommits) {
    const earmarked = back.earmarked.set(
      d.expenditureId,
      (back.earmarked.get(d.expenditureId) ?? 0n) + d.amount,
    );
    return { ...back, earmarked };
  }
  return withExpenditure(add(back, { committed: d.amount }), d.expenditureId, (e) => ({
    ...e,
    status: 'approved',
  }));
}

/** The dossier leaves the Treasury; released, its commitment is given back and the payment ends. */
function evolveTreasuryRefusal(
  state: BudgetLineState,
  d: Extract<BudgetLineEvent, { type: 'ExpenditureRefusedByTreasury' }>['data'],
): BudgetLineState {
  const e = state.expenditures.get(d.expenditureId);
  if (!e) return state;
  const released = d.commitment === 'released';
  const next = add(state, { awaitingTreasury: -d.amount, committed: -d.releasedAmount });
  return withExpenditure(next, d.expenditureId, (x) => ({
    ...x,
    status: released ? 'refused' : 'approved',
    atTreasury: null,
    treasuryAnswer: {
      outcome: released ? 'refused_released' : 'refused_kept',
      dossier: d.dossier,
      on: d.refusedOn,
    },
  }));
}
