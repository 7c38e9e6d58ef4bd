import type { RecordedEvent } from '@app/event-store';

/**
 * Why an expenditure stopped holding what its proposal reserved (its voucher, its plan
 * activity's room, its travellers' days), or null while it still holds them: rejected,
 * reversed, or refused by the Treasury with its commitment released (a refusal that keeps
 * the commitment keeps everything, as the dossier is sent again). One list, so every
 * release process gives back on the same events.
 */
export function spendingEnded(
  event: RecordedEvent,
): 'rejected' | 'reversed' | 'refused by the Treasury' | null {
  if (event.type === 'ExpenditureRejected') return 'rejected';
  if (event.type === 'ExpenditureReversed') return 'reversed';
  if (event.type === 'ExpenditureRefusedByTreasury' && event.data.commitment === 'released') {
    return 'refused by the Treasury';
  }
  return null;
}
