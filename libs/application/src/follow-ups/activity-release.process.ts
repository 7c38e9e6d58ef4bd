import type { EventStore, RecordedEvent } from '@app/event-store';
import {
  activitySpendingDecider,
  activitySpendingStreamId,
  type BudgetLineEvent,
  type PlanActivityRef,
} from '@app/budgeting';
import { handle } from '../command-executor';
import { decodeEvent, textField } from '../event-codec';
import { SYSTEM_ACTOR } from '../transfers/transfer.process';
import { spendingEnded } from './spending-ended';

const PAGE = 200;

/**
 * A rejected or reversed expenditure, or one the Treasury refused releasing its commitment,
 * gives back what it held of its plan activity, so the
 * activity's planned amount counts only pending and approved spending. Runs off the
 * checkpointed follow-ups subscription, like the voucher release.
 */
export class ActivityReleaseProcess {
  constructor(private readonly store: EventStore) {}

  async handle(event: RecordedEvent): Promise<void> {
    const reason = spendingEnded(event);
    if (reason === null) return;
    const expenditureId = textField(event, 'expenditureId');
    const plan = await this.planOf(event, expenditureId);
    if (!plan) return;
    const { fiscalYear, leadUnit, activityId } = plan;
    await handle(
      this.store,
      {
        actor: SYSTEM_ACTOR,
        commandId: `activity-release:${event.id}`,
        correlationId: event.metadata.correlationId,
        causationId: event.id,
        recordedOn: event.metadata.effectiveDate,
        effectiveDate: event.metadata.effectiveDate,
      },
      activitySpendingStreamId(fiscalYear, leadUnit, activityId),
      activitySpendingDecider,
      {
        type: 'ReleaseActivitySpending',
        data: { fiscalYear, leadUnit, activityId, expenditureId, reason },
      },
    );
  }

  /** The plan the proposal cited: read back from the decision along its line's stream. */
  private async planOf(
    decision: RecordedEvent,
    expenditureId: string,
  ): Promise<PlanActivityRef | null> {
    let from = decision.revision;
    while (from >= 0n) {
      const page = await this.store.readStream(decision.streamId, {
        direction: 'backwards',
        fromRevision: from,
        maxCount: PAGE,
      });
      for (const recorded of page) {
        if (recorded.type !== 'ExpenditureProposed') continue;
        const proposal = decodeEvent<BudgetLineEvent>(recorded);
        if (proposal.type !== 'ExpenditureProposed') continue;
        if (proposal.data.expenditureId === expenditureId) return proposal.data.plan ?? null;
      }
      if (page.length < PAGE) return null;
      from -= BigInt(PAGE);
    }
    return null;
  }
}
