import type { EventStore, RecordedEvent } from '@app/event-store';
import {
  activitySpendingDecider,
  activitySpendingStreamId,
  recoveryFreesActivityRoom,
  type ActivitySpendingCommand,
  type BudgetLineEvent,
} from '@app/budgeting';
import { handle } from '../command-executor';
import { decodeEvent, textField } from '../event-codec';
import type { LineCommands } from '../shared/line-commands';
import { releaseContext, holdsEnded } from './spending-ended';

type Recovered = Extract<BudgetLineEvent, { type: 'AdvanceRecovered' }>;

/**
 * A rejected or reversed expenditure, one the Treasury refused releasing its commitment, or
 * one whose approved money lapsed, gives back what it held of its plan activity; a recovered
 * advance gives back what was recovered (ActivitySpendingGivenBack, once per recovery). So
 * the activity's planned amount counts only pending, approved and spent money. Runs off the
 * checkpointed follow-ups subscription, like the voucher release, and finds the activity on
 * the line as cached.
 */
export class ActivityReleaseProcess {
  constructor(
    private readonly store: EventStore,
    private readonly lines: LineCommands,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    const reason = holdsEnded(event);
    if (reason === null && event.type !== 'AdvanceRecovered') return;
    const expenditureId = textField(event, 'expenditureId');
    const line = await this.lines.state(textField(event, 'budgetLineId'));
    const plan = line.expenditures.get(expenditureId)?.plan;
    if (!plan) return;
    const { fiscalYear, leadUnit, activityId } = plan;
    const where = { fiscalYear, leadUnit, activityId, expenditureId };
    let command: ActivitySpendingCommand;
    if (reason !== null) {
      command = { type: 'ReleaseActivitySpending', data: { ...where, reason } };
    } else {
      const { data } = decodeEvent<Recovered>(event);
      if (!recoveryFreesActivityRoom(data.returnsTo)) return;
      const { receipt, recoveredOn, returnsTo } = data;
      const recovery = { eventId: event.id, receipt, recoveredOn, returnsTo };
      command = {
        type: 'GiveBackRecoveredSpending',
        data: { ...where, amount: data.amount, recovery },
      };
    }
    await handle(
      this.store,
      releaseContext('activity-release', event),
      activitySpendingStreamId(fiscalYear, leadUnit, activityId),
      activitySpendingDecider,
      command,
    );
  }
}
