import { parseBudgetLineId } from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import type { Doc, Write } from '../document-store.port';
import type { DocLookup, Projection } from '../projection';
import { str } from './event-fields';
import {
  addDeltas,
  amountsFromDoc,
  amountsToWire,
  lineDeltas,
  positionKey,
  ZERO_AMOUNTS,
} from './line-deltas';

export const LINES = 'lines';
export const MOVEMENTS = 'movements';

const LINE_EVENTS = new Set([
  'BudgetLineOpened',
  'FundsAllocated',
  'FundsCarriedIn',
  'FundsCarriedOut',
  'FundsTransferredIn',
  'FundsTransferredOut',
  'TransferOutReversed',
  'FundsCancelled',
  'CarryOverLapsed',
  'ExpenditureApproved',
  'ExpenditureDisbursed',
  'ExpenditureReversed',
]);

function lineKeyFields(lineId: string): Record<string, string | number | boolean> {
  const key = parseBudgetLineId(lineId);
  return { ...key, carriedOver: key.sourceYear < key.fiscalYear };
}

/**
 * Balances: the current balance of every line (`lines`), and one movement per money event
 * (`movements`) carrying both dates. A balance as of any effective date and as known at
 * any instant is then a sum over the movements those two dates select — no log replay.
 */
export const balancesProjection: Projection = {
  name: 'balances',
  version: 1,
  collections: {
    [LINES]: [['fiscalYear'], ['unit']],
    [MOVEMENTS]: [
      ['fiscalYear', 'effectiveDate', 'recordedAt'],
      ['lineId', 'effectiveDate'],
    ],
  },
  handles: LINE_EVENTS,
  reads: (event) => [{ collection: LINES, id: str(event, 'budgetLineId') }],
  evolve(lookup: DocLookup, event: RecordedEvent): Write[] {
    const lineId = str(event, 'budgetLineId');
    const current = lookup(LINES, lineId);
    const deltas = lineDeltas(event);
    const amounts = addDeltas(amountsFromDoc(current), deltas ?? {});
    const line: Doc = {
      ...(current ?? {
        id: lineId,
        ...lineKeyFields(lineId),
        carryOverDeadline: null,
        lapsed: false,
      }),
      id: lineId,
      ...amountsToWire(amounts),
      ...(event.type === 'FundsCarriedIn' ? { carryOverDeadline: str(event, 'deadline') } : {}),
      ...(event.type === 'CarryOverLapsed' ? { lapsed: true } : {}),
      lastPosition: positionKey(event.position),
      updatedAt: event.metadata.recordedAt,
    };
    const writes: Write[] = [{ op: 'put', collection: LINES, doc: line }];
    if (deltas) {
      writes.push({
        op: 'put',
        collection: MOVEMENTS,
        doc: {
          id: event.id,
          lineId,
          ...lineKeyFields(lineId),
          type: event.type,
          effectiveDate: event.metadata.effectiveDate,
          recordedAt: event.metadata.recordedAt,
          position: positionKey(event.position),
          ...Object.fromEntries(
            Object.entries(amountsToWire(addDeltas(ZERO_AMOUNTS, deltas))).filter(
              ([k]) => k !== 'available',
            ),
          ),
        },
      });
    }
    return writes;
  },
};
