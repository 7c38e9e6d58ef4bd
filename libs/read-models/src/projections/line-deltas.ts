import { available, openAdvances, ZERO_BALANCES, type Balances } from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import { lineEventOf } from './event-fields';

export const BALANCE_COLUMNS = [
  'allocated',
  'carriedIn',
  'carriedOut',
  'transferredIn',
  'transferredOut',
  'committed',
  'disbursed',
  'cancelled',
  'returned',
  // Part of `committed`: dossiers at the State Treasury awaiting its answer (0.9.0).
  'awaitingTreasury',
  'advanced',
  'advanceSettled',
  'advanceRecovered',
] as const satisfies readonly (keyof Balances)[];
export type BalanceColumn = (typeof BALANCE_COLUMNS)[number];
// The read model's columns are the decider's balances, all of them: a column added to
// Balances and not here fails this line.
const EVERY_BALANCE_IS_A_COLUMN: Record<Exclude<keyof Balances, BalanceColumn>, never> = {};
void EVERY_BALANCE_IS_A_COLUMN;
export type Deltas = Partial<Record<BalanceColumn, bigint>>;
export type Amounts = Record<BalanceColumn, bigint>;

export const ZERO_AMOUNTS: Amounts = ZERO_BALANCES;

/**
 * How a budget-line event moves the line's columns; null when it moves no money. Switches
 * on the domain's union of line events (a field renamed there fails here), and names every
 * member: a new event must say here whether it moves money.
 */
export function lineDeltas(recorded: RecordedEvent): Deltas | null {
  return withAdvance(recorded, moneyDeltas(recorded));
}

/**
 * A payment (or its reversal) marked as an advance's moves `advanced` by what it moves
 * `disbursed`: whichever event paid it, the advance opens with it (advance.state.ts).
 */
function withAdvance(recorded: RecordedEvent, deltas: Deltas | null): Deltas | null {
  if (!deltas?.disbursed || (recorded.data as { advance?: unknown }).advance !== true) {
    return deltas;
  }
  return { ...deltas, advanced: deltas.disbursed };
}

function moneyDeltas(recorded: RecordedEvent): Deltas | null {
  const event = lineEventOf(recorded);
  switch (event.type) {
    case 'FundsAllocated':
      return { allocated: BigInt(event.data.amount) };
    case 'FundsCarriedIn':
      return { carriedIn: BigInt(event.data.amount) };
    case 'FundsCarriedOut':
      return { carriedOut: BigInt(event.data.amount) };
    case 'FundsTransferredIn':
      return { transferredIn: BigInt(event.data.amount) };
    case 'FundsTransferredOut':
      return { transferredOut: BigInt(event.data.amount) };
    case 'TransferOutReversed':
      return {
        [event.data.column === 'carriedOut' ? 'carriedOut' : 'transferredOut']: -BigInt(
          event.data.amount,
        ),
      };
    case 'FundsCancelled':
      return { cancelled: BigInt(event.data.amount) };
    case 'CarryOverLapsed':
      return { cancelled: BigInt(event.data.amount) };
    case 'CarryOverDeadlineExtended': {
      // Lapsed money a decision lets the line use again leaves the "lapsed" column.
      const restored = BigInt(event.data.restoredAmount);
      return restored === 0n ? null : { cancelled: -restored };
    }
    case 'ExpenditureApproved':
      return { committed: BigInt(event.data.amount) };
    case 'ExpenditureLapsed':
      return { committed: -BigInt(event.data.amount) };
    case 'LapseCorrected': {
      const amount = BigInt(event.data.amount);
      return {
        cancelled: -amount,
        ...(event.data.recommits === true ? { committed: amount } : {}),
      };
    }
    case 'FundsReturned': {
      // Lapsed money returned moves from one column out of the line to another.
      const amount = BigInt(event.data.amount);
      return event.data.source === 'lapsed'
        ? { cancelled: -amount, returned: amount }
        : { returned: amount };
    }
    case 'ExpenditureDisbursed': {
      // The Treasury's acceptance of a dossier also takes it off what awaits the Treasury.
      const amount = BigInt(event.data.amount);
      return event.data.treasury
        ? { disbursed: amount, awaitingTreasury: -amount }
        : { disbursed: amount };
    }
    case 'ExpenditureSentToTreasury':
      return { awaitingTreasury: BigInt(event.data.amount) };
    case 'ExpenditureRefusedByTreasury': {
      // The dossier leaves the Treasury; a released refusal gives the commitment back.
      const released = BigInt(event.data.releasedAmount);
      return {
        awaitingTreasury: -BigInt(event.data.amount),
        ...(released > 0n ? { committed: -released } : {}),
      };
    }
    case 'ExpenditureReversed':
      return {
        committed: -BigInt(event.data.committedAmount),
        disbursed: -BigInt(event.data.disbursedAmount),
      };
    case 'AdvanceSettled':
      return { advanceSettled: BigInt(event.data.amount) };
    case 'AdvanceRecovered': {
      // The money comes back: out of committed and disbursed, and out of the line after the year.
      const amount = BigInt(event.data.amount);
      return {
        advanceRecovered: amount,
        committed: -amount,
        disbursed: -amount,
        ...(event.data.returnsTo === 'budget' ? { cancelled: amount } : {}),
      };
    }
    case 'BudgetLineOpened':
    case 'ExpenditureProposed':
    case 'ExpenditureSigned':
    case 'ExpenditureRejected':
    case 'CommitmentRetained':
    case 'BudgetLineClassified':
    case 'BudgetLineSealed':
    case 'BudgetLineUnsealed':
      return null;
    default:
      // Stored events of other streams carry other types.
      return exhaustive(event);
  }
}

/** Null for a type outside the union; a member of it not named above fails the type check. */
function exhaustive(event: never): null {
  void event;
  return null;
}

export function addDeltas(amounts: Amounts, deltas: Deltas): Amounts {
  const out = { ...amounts };
  for (const column of BALANCE_COLUMNS) out[column] += deltas[column] ?? 0n;
  return out;
}

/**
 * The wire form of a line's balances (HTTP answers, history, stored documents): every
 * column and `available` (the budget line decider's formula, `available` of
 * @app/budgeting) as decimal strings.
 */
export function amountsToWire(
  a: Amounts,
): Record<BalanceColumn | 'available' | 'advancesOpen', string> {
  const out = {} as Record<BalanceColumn | 'available' | 'advancesOpen', string>;
  for (const column of BALANCE_COLUMNS) out[column] = a[column].toString();
  out.available = available(a).toString();
  out.advancesOpen = openAdvances(a).toString();
  return out;
}

export function amountsFromDoc(doc: Readonly<Record<string, unknown>> | null): Amounts {
  const out = { ...ZERO_AMOUNTS };
  if (!doc) return out;
  for (const column of BALANCE_COLUMNS) {
    const value = doc[column];
    if (typeof value === 'string') out[column] = BigInt(value);
  }
  return out;
}

/** Positions sort as text in documents: pad to the width of a 128-bit number. */
export function positionKey(position: bigint): string {
  return position.toString().padStart(40, '0');
}

/**
 * A stored position key as every answer writes a position: the plain decimal string
 * (the zero padding only makes keys sort as text inside the read store).
 */
export function positionText<T>(key: T): T | string {
  return typeof key === 'string' && /^\d+$/.test(key) ? BigInt(key).toString() : key;
}

/**
 * A late entry's correction moves money on the date of the lapse it corrects, whatever
 * date the entry bears: as of any earlier date the money had not lapsed yet, so showing it
 * reinstated then would count it twice (the domain's timeline does the same).
 */
export function onMoneyDate(event: RecordedEvent): RecordedEvent {
  const line = lineEventOf(event);
  if (line.type !== 'LapseCorrected') return event;
  // Typed as required; read defensively, as before the projection was typed.
  const lapsedOn: unknown = line.data.lapsedOn;
  if (typeof lapsedOn !== 'string' || lapsedOn <= event.metadata.effectiveDate) return event;
  return { ...event, metadata: { ...event.metadata, effectiveDate: lapsedOn } };
}
