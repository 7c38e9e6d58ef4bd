import type { EventStore } from '@app/event-store';
import {
  available,
  budgetLineDecider,
  type BudgetLineEvent,
  type BudgetLineState,
  type Money,
} from '@app/budgeting';
import { decodeEvent, textField } from '../event-codec';
import { TreasuryTally } from './treasury-tally';
import { AdvanceConservation } from './advance-conservation';

export interface ConservationReport {
  readonly ok: boolean;
  readonly lines: number;
  /** Money that entered the ledger: allocations and carry-ins from outside it. */
  readonly entered: Money;
  /** Money that left it: cancellations, lapses (less corrections) and returns of unspent money. */
  readonly left: Money;
  /** What the lines hold (available + committed), which must equal entered − left − in flight. */
  readonly held: Money;
  /** Debited from a source, not yet credited (a transfer between its two steps). */
  readonly inFlight: Money;
  readonly problems: readonly string[];
}

interface Leg {
  out: Money;
  in: Money;
  reversed: boolean;
}

const PAGE = 1000;

/**
 * Money is never created or lost: replays the whole log and checks that every line is
 * non-negative, every transfer's debit equals its credit (or was given back), and that
 * what the lines hold equals what entered minus what left; and that payments at the
 * Treasury add up (treasury-tally.ts).
 */
export async function checkConservation(store: EventStore): Promise<ConservationReport> {
  const lines = new Map<string, BudgetLineState>();
  const legs = new Map<string, Leg>();
  const settled = new Map<string, 'completed' | 'failed'>();
  let entered = 0n;
  let left = 0n;
  const treasury = new TreasuryTally();
  const advances = new AdvanceConservation();
  const leg = (id: string): Leg => {
    const found = legs.get(id) ?? { out: 0n, in: 0n, reversed: false };
    legs.set(id, found);
    return found;
  };
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: PAGE });
    for (const recorded of page) {
      if (recorded.type === 'TransferCompleted' || recorded.type === 'TransferFailed') {
        settled.set(
          textField(recorded, 'transferId'),
          recorded.type === 'TransferCompleted' ? 'completed' : 'failed',
        );
      }
      if (!recorded.streamId.startsWith('budget-line-')) continue;
      const event = decodeEvent<BudgetLineEvent>(recorded);
      const lineId = event.data.budgetLineId;
      lines.set(
        lineId,
        budgetLineDecider.evolve(lines.get(lineId) ?? budgetLineDecider.initialState, event),
      );
      treasury.add(event);
      advances.observe(event);
      left += advances.leftTheLine(event);
      switch (event.type) {
        case 'FundsAllocated':
          entered += event.data.amount;
          break;
        case 'FundsCarriedIn':
          if (event.data.fromLine === null) entered += event.data.amount;
          else leg(event.data.transferId).in += event.data.amount;
          break;
        case 'FundsTransferredIn':
          leg(event.data.transferId).in += event.data.amount;
          break;
        case 'FundsCarriedOut':
        case 'FundsTransferredOut':
          leg(event.data.transferId).out += event.data.amount;
          break;
        case 'TransferOutReversed':
          leg(event.data.transferId).reversed = true;
          break;
        case 'FundsCancelled':
        case 'CarryOverLapsed':
          left += event.data.amount;
          break;
        case 'CarryOverDeadlineExtended':
          // Lapsed money a decision lets the line use again comes back from where it went.
          left -= event.data.restoredAmount;
          break;
        case 'LapseCorrected':
          // A late entry takes back part of a lapse: that money had not left after all.
          left -= event.data.amount;
          break;
        case 'FundsReturned':
          // Lapsed money returned had already left with its lapse.
          if (event.data.source === 'unspent') left += event.data.amount;
          break;
        case 'ExpenditureLapsed':
        case 'CommitmentRetained':
        case 'BudgetLineClassified':
        case 'BudgetLineOpened':
        case 'ExpenditureProposed':
        case 'ExpenditureSigned':
        case 'ExpenditureApproved':
        case 'ExpenditureRejected':
        case 'ExpenditureDisbursed':
        case 'ExpenditureSentToTreasury':
        case 'ExpenditureRefusedByTreasury':
        case 'ExpenditureReversed':
        case 'AdvanceSettled':
        case 'AdvanceRecovered':
        case 'BudgetLineSealed':
        case 'BudgetLineUnsealed':
          // Spending moves money within a line (available ↔ committed), never in or out of it;
          // a lapsed commitment is released to lapse with the line's CarryOverLapsed; a seal
          // for the year's close moves no money at all.
          break;
      }
    }
    if (page.length < PAGE) break;
    after = page.at(-1)?.position;
  }

  const problems: string[] = [];
  let held = 0n;
  for (const [id, state] of lines) {
    const free = available(state.balances);
    held += free + state.balances.committed;
    if (free < 0n) problems.push(`line ${id}: available ${free} < 0`);
    if (state.balances.disbursed > state.balances.committed)
      problems.push(`line ${id}: disbursed exceeds committed`);
    problems.push(...advances.problems(id, state));
  }
  problems.push(...treasury.problems(lines));
  let inFlight = 0n;
  for (const [id, l] of legs) {
    if (l.reversed) {
      if (l.in !== 0n) problems.push(`transfer ${id}: reversed after its credit landed`);
      continue;
    }
    if (l.out === l.in) continue;
    if (l.in === 0n && settled.get(id) === undefined) {
      inFlight += l.out;
      continue;
    }
    problems.push(`transfer ${id}: debited ${l.out}, credited ${l.in}`);
  }
  if (held !== entered - left - inFlight) {
    problems.push(
      `lines hold ${held}, but ${entered} entered, ${left} left and ${inFlight} is in flight`,
    );
  }
  return { ok: problems.length === 0, lines: lines.size, entered, left, held, inFlight, problems };
}
