import type { EventStore, RecordedEvent } from '@app/event-store';
import { activitySpendingDecider, activitySpendingStreamId } from '@app/budgeting';
import { handle } from '../command-executor';
import { textField } from '../event-codec';
import type { LineCommands } from '../shared/line-commands';
import { releaseContext, holdsEnded } from './spending-ended';

/**
 * A rejected or reversed expenditure, one the Treasury refused releasing its commitment, or
 * one whose approved money lapsed, gives back what it held of its plan activity, so the activity's planned amount counts
 * only pending and approved spending. Runs off the checkpointed follow-ups subscription,
 * like the voucher release, and finds the activity on the line as cached.
 */
export class ActivityReleaseProcess {
  constructor(
    private readonly store: EventStore,
    private readonly lines: LineCommands,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    const reason = holdsEnded(event);
    if (reason === null) return;
    const expenditureId = textField(event, 'expenditureId');
    const line = await this.lines.state(textField(event, 'budgetLineId'));
    const plan = line.expenditures.get(expenditureId)?.plan;
    if (!plan) return;
    const { fiscalYear, leadUnit, activityId } = plan;
    await handle(
      this.store,
      releaseContext('activity-release', event),
      activitySpendingStreamId(fiscalYear, leadUnit, activityId),
      activitySpendingDecider,
      {
        type: 'ReleaseActivitySpending',
        data: { fiscalYear, leadUnit, activityId, expenditureId, reason },
      },
    );
  }
}
