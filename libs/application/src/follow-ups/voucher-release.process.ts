import type { EventStore, RecordedEvent } from '@app/event-store';
import { voucherDecider, voucherStreamId } from '@app/budgeting';
import { handle } from '../command-executor';
import { textField } from '../event-codec';
import { LineCommands } from '../shared/line-commands';
import { releaseContext, spendingEnded } from './spending-ended';

/**
 * A rejected or reversed expenditure, or one whose refusal by the Treasury released its
 * commitment, gives its voucher back, so a corrected claim can use the same invoice; until
 * then the voucher stays claimed (no double funding).
 */
export class VoucherReleaseProcess {
  constructor(
    private readonly store: EventStore,
    private readonly lines: LineCommands,
  ) {}

  async handle(event: RecordedEvent): Promise<void> {
    const reason = spendingEnded(event);
    if (reason === null) return;
    const expenditureId = textField(event, 'expenditureId');
    // The line as cached (caught up past this event), not read whole for each release.
    const line = await this.lines.state(textField(event, 'budgetLineId'));
    const voucher = line.expenditures.get(expenditureId)?.voucher;
    if (typeof voucher !== 'string') return;
    await handle(
      this.store,
      releaseContext('voucher-release', event),
      voucherStreamId(voucher),
      voucherDecider,
      { type: 'ReleaseVoucher', data: { voucher, expenditureId, reason } },
      { cache: false },
    );
  }
}
