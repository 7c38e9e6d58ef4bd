import { available, type Balances, type BudgetLineEvent } from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import { money, str } from './event-fields';

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
] as const satisfies readonly (keyof Balances)[];
export type BalanceColumn = (typeof BALANCE_COLUMNS)[number];
// The read model's columns are the decider's balances, all of them: a column added to
// Balances and not here fails this line.
const EVERY_BALANCE_IS_A_COLUMN: Record<Exclude<keyof Balances, BalanceColumn>, never> = {};
void EVERY_BALANCE_IS_A_COLUMN;
export type Deltas = Partial<Record<BalanceColumn, bigint>>;
export type Amounts = Record<BalanceColumn, bigint>;

export const ZERO_AMOUNTS: Amounts = {
  allocated: 0n,
  carriedIn: 0n,
  carriedOut: 0n,
  transferredIn: 0n,
  transferredOut: 0n,
  committed: 0n,
  disbursed: 0n,
  cancelled: 0n,
  returned: 0n,
};

type LineEventType = BudgetLineEvent['type'];
type DataOf<T extends LineEventType> = Extract<BudgetLineEvent, { type: T }>['data'];
/** The fields of an event's data that hold money, in the domain's own event type. */
type MoneyField<T extends LineEventType> = {
  [K in keyof DataOf<T>]-?: DataOf<T>[K] extends bigint ? K : never;
}[keyof DataOf<T>];

/**
 * A money field of a stored line event, named as the domain's event type names it: a
 * field renamed in budget-line.events.ts fails the type check here.
 */
function amountOf<T extends LineEventType>(
  event: RecordedEvent,
  _type: T,
  field: MoneyField<T>,
): bigint {
  return money(event, field as string);
}

/**
 * How a budget-line event moves the line's columns; null when it moves no money. Switches
 * on the domain's union of line events: a new event must say here whether it moves money.
 */
export function lineDeltas(event: RecordedEvent): Deltas | null {
  // Stored events of other streams carry other types: they fall through to null.
  const type = event.type as LineEventType;
  switch (type) {
    case 'FundsAllocated':
      return { allocated: amountOf(event, type, 'amount') };
    case 'FundsCarriedIn':
      return { carriedIn: amountOf(event, type, 'amount') };
    case 'FundsCarriedOut':
      return { carriedOut: amountOf(event, type, 'amount') };
    case 'FundsTransferredIn':
      return { transferredIn: amountOf(event, type, 'amount') };
    case 'FundsTransferredOut':
      return { transferredOut: amountOf(event, type, 'amount') };
    case 'TransferOutReversed':
      return {
        [str(event, 'column') === 'carriedOut' ? 'carriedOut' : 'transferredOut']: -amountOf(
          event,
          type,
          'amount',
        ),
      };
    case 'FundsCancelled':
      return { cancelled: amountOf(event, type, 'amount') };
    case 'CarryOverLapsed':
      return { cancelled: amountOf(event, type, 'amount') };
    case 'CarryOverDeadlineExtended': {
      // Lapsed money a decision lets the line use again leaves the "lapsed" column.
      const restored = amountOf(event, type, 'restoredAmount');
      return restored === 0n ? null : { cancelled: -restored };
    }
    case 'ExpenditureApproved':
      return { committed: amountOf(event, type, 'amount') };
    case 'ExpenditureLapsed':
      return { committed: -amountOf(event, type, 'amount') };
    case 'LapseCorrected': {
      const amount = amountOf(event, type, 'amount');
      return {
        cancelled: -amount,
        ...(event.data.recommits === true ? { committed: amount } : {}),
      };
    }
    case 'FundsReturned': {
      // Lapsed money returned moves from one column out of the line to another.
      const amount = amountOf(event, type, 'amount');
      return str(event, 'source') === 'lapsed'
        ? { cancelled: -amount, returned: amount }
        : { returned: amount };
    }
    case 'ExpenditureDisbursed':
      return { disbursed: amountOf(event, type, 'amount') };
    case 'ExpenditureReversed':
      return {
        committed: -amountOf(event, type, 'committedAmount'),
        disbursed: -amountOf(event, type, 'disbursedAmount'),
      };
    case 'BudgetLineOpened':
    case 'ExpenditureProposed':
    case 'ExpenditureRejected':
    case 'CommitmentRetained':
    case 'BudgetLineClassified':
      return null;
  }
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
export function amountsToWire(a: Amounts): Record<BalanceColumn | 'available', string> {
  const out = {} as Record<BalanceColumn | 'available', string>;
  for (const column of BALANCE_COLUMNS) out[column] = a[column].toString();
  out.available = available(a).toString();
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
  if (event.type !== 'LapseCorrected') return event;
  const lapsedOn = event.data.lapsedOn;
  if (typeof lapsedOn !== 'string' || lapsedOn <= event.metadata.effectiveDate) return event;
  return { ...event, metadata: { ...event.metadata, effectiveDate: lapsedOn } };
}
