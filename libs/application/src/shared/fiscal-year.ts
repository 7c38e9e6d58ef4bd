import { fiscalYearStreamId } from '@app/budgeting';
import type { EventStore } from '@app/event-store';

export { fiscalYearStreamId };

/** A year is closed once its stream holds FiscalYearClosed (and no later reopening). */
export async function isFiscalYearClosed(store: EventStore, year: number): Promise<boolean> {
  const [last] = await store.readStream(fiscalYearStreamId(year), {
    direction: 'backwards',
    maxCount: 1,
  });
  return last?.type === 'FiscalYearClosed';
}
