import type { RecordedEvent } from '@app/event-store';
import type { DocumentValue } from '../document-store.port';
import { lineEventOf } from './event-fields';

/**
 * What an advance adds to a line's history entry: the proposal's kind, a payment's mark,
 * a settlement's vouchers, a recovery's receipt and where its money went, and what of the
 * advance is still open after it.
 */
export function advanceFields(recorded: RecordedEvent): Record<string, DocumentValue> {
  const event = lineEventOf(recorded);
  if (event.type === 'ExpenditureProposed') {
    return event.data.kind === 'advance' ? { kind: 'advance' } : {};
  }
  if (event.type === 'ExpenditureDisbursed' || event.type === 'ExpenditureReversed') {
    return event.data.advance === true ? { advance: true } : {};
  }
  if (event.type === 'AdvanceSettled') {
    const { vouchers, openAfter } = event.data;
    return { advance: true, vouchers: vouchers.map((v) => ({ ...v })), openAfter };
  }
  if (event.type === 'AdvanceRecovered') {
    const { receipt, returnsTo, openAfter } = event.data;
    return { advance: true, receipt, returnsTo, openAfter };
  }
  return {};
}
