import type { DocumentValue } from '../document-store.port';
import type { RecordedEvent } from '@app/event-store';
import { lineEventOf } from './event-fields';

/**
 * What a payment's life at the State Treasury adds to an entry (history, approval trail):
 * the dossier sent and to which office; the Treasury's answer — paid under a payment order
 * (the payment's voucher) on a date, or refused with a reason and what became of the
 * commitment. A payment the unit recorded directly carries none of it.
 */
export function treasuryFields(recorded: RecordedEvent): Record<string, DocumentValue> {
  const event = lineEventOf(recorded);
  if (event.type === 'ExpenditureSentToTreasury') {
    const { dossier, treasuryOffice, sentOn } = event.data;
    return { treasury: { step: 'sent', dossier, office: treasuryOffice ?? null, sentOn } };
  }
  if (event.type === 'ExpenditureDisbursed') {
    const answer = event.data.treasury;
    if (!answer) return {};
    const { voucher, paidOn } = event.data;
    const { dossier, sentOn } = answer;
    return { treasury: { step: 'accepted', dossier, sentOn, paymentOrder: voucher, paidOn } };
  }
  if (event.type !== 'ExpenditureRefusedByTreasury') return {};
  const { dossier, refusedOn, commitment, releasedAmount, reason } = event.data;
  return { treasury: { step: 'refused', dossier, refusedOn, commitment, releasedAmount, reason } };
}
