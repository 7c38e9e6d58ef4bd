import type { RecordedEvent } from '@app/event-store';
import type { CommandContext } from '../command-executor';
import { SYSTEM_ACTOR } from '../transfers/transfer.process';

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

/**
 * Why an expenditure stopped holding its plan activity's room and its travellers' days: as
 * spendingEnded, and also when its approved money lapsed with its carry-over
 * (ExpenditureLapsed): it can no longer be paid, so it must not keep the cap's room or a
 * person's days from another claim. Its voucher stays claimed: the invoice was real, and a
 * late entry correcting the lapse pays it. Such a correction does not take the room back
 * (see the README, "Spending under the approved plan").
 */
export function holdsEnded(
  event: RecordedEvent,
): ReturnType<typeof spendingEnded> | 'lapsed with its carry-over' {
  if (event.type === 'ExpenditureLapsed') return 'lapsed with its carry-over';
  return spendingEnded(event);
}

/**
 * The system's context for the release `kind` caused by `event`: one command id per
 * event, so a redelivered event releases nothing twice.
 */
export function releaseContext(kind: string, event: RecordedEvent): CommandContext {
  return {
    actor: SYSTEM_ACTOR,
    commandId: `${kind}:${event.id}`,
    correlationId: event.metadata.correlationId,
    causationId: event.id,
    recordedOn: event.metadata.effectiveDate,
    effectiveDate: event.metadata.effectiveDate,
  };
}
