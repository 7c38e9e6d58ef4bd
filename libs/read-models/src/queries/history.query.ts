import type { Doc } from '../document-store.port';
import { HISTORY } from '../projections/history.projection';
import {
  addDeltas,
  amountsFromDoc,
  amountsToWire,
  ZERO_AMOUNTS,
  positionText,
} from '../projections/line-deltas';
import type { ReadModels } from './read-models';
import { windowFilter, type TimeWindow } from './time-window';

export interface HistoryAnswer {
  readonly budgetLineId: string;
  readonly asOf: string | null;
  readonly knownAt: string | null;
  readonly entries: readonly Record<string, unknown>[];
}

/**
 * A line's events in effective-date order (then recorded time), each with the balance
 * that results from the entries shown up to it; `balanceAsRecorded` is the balance the
 * books showed right after the event was recorded.
 */
export async function queryHistory(
  models: ReadModels,
  budgetLineId: string,
  window: TimeWindow,
): Promise<HistoryAnswer> {
  const docs = await models.find(
    'history',
    HISTORY,
    { lineId: budgetLineId, ...windowFilter(window) },
    {
      sort: [
        ['effectiveDate', 1],
        ['recordedAt', 1],
        ['position', 1],
      ],
    },
  );
  let running = { ...ZERO_AMOUNTS };
  const entries = docs.map((doc: Doc) => {
    running = addDeltas(running, amountsFromDoc(doc.deltas as Record<string, unknown>));
    const { balanceAfter, deltas: _deltas, ...rest } = doc;
    return {
      ...rest,
      position: positionText(rest.position),
      balance: amountsToWire(running),
      // Stored with its nonzero columns only (history v6); every column on the wire.
      balanceAsRecorded: amountsToWire(
        amountsFromDoc(
          balanceAfter && typeof balanceAfter === 'object' && !Array.isArray(balanceAfter)
            ? balanceAfter
            : null,
        ),
      ),
    };
  });
  return { budgetLineId, asOf: window.asOf ?? null, knownAt: window.knownAt ?? null, entries };
}
