import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  voucherDecider,
  voucherStreamId,
  type AdvanceCommand,
  type Correction,
  type Money,
  type SettlementVoucher,
} from '@app/budgeting';
import { handle, type CommandAnswer, type CommandContext } from '../command-executor';
import { LineCommands } from '../shared/line-commands';

type AdvanceContext = Omit<CommandContext, 'effectiveDate'>;

/** Thanh toán tạm ứng: vouchers settle part or all of a paid advance, on `settledOn`. */
export class SettleAdvanceCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: AdvanceContext,
    readonly expenditureId: string,
    readonly amount: Money,
    readonly vouchers: readonly SettlementVoucher[],
    readonly settledOn: string,
    readonly correction: Correction | null = null,
  ) {
    super();
  }
}

/** Thu hồi tạm ứng: what the advance did not spend is paid back, on `recoveredOn`. */
export class RecoverAdvanceCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: AdvanceContext,
    readonly expenditureId: string,
    readonly amount: Money,
    readonly receipt: string,
    readonly recoveredOn: string,
    readonly correction: Correction | null = null,
  ) {
    super();
  }
}

type Bare<C> = C extends unknown
  ? Omit<C, 'actor' | 'on' | 'recordedOn' | 'fiscalYearClosed'>
  : never;

/**
 * Checks the command on the advance's line first (a refusal records nothing), then claims
 * each settlement voucher program-wide (the same voucher never pays two costs), then
 * appends to the line with the revision it was checked on.
 */
async function onAdvance(
  lines: LineCommands,
  store: EventStore,
  context: CommandContext,
  command: Bare<AdvanceCommand>,
  vouchers: readonly SettlementVoucher[],
): Promise<CommandAnswer> {
  const { expenditureId } = command.data;
  const found = await lines.expenditure(expenditureId);
  await lines.check(found.budgetLineId, context, command, found.line);
  for (const v of vouchers) {
    const claim = { voucher: v.number, expenditureId, budgetLineId: found.budgetLineId };
    await handle(
      store,
      context,
      voucherStreamId(v.number),
      voucherDecider,
      { type: 'ClaimVoucher', data: claim },
      { cache: false },
    );
  }
  const result = await lines.run(found.budgetLineId, context, command, found.line);
  return { id: expenditureId, position: result.position?.toString() ?? null };
}

@CommandHandler(SettleAdvanceCommand)
export class SettleAdvanceHandler implements ICommandHandler<SettleAdvanceCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly lines: LineCommands,
  ) {}

  execute(c: SettleAdvanceCommand): Promise<CommandAnswer> {
    const vouchers = c.vouchers.map((v) => ({ number: v.number, date: v.date }));
    return onAdvance(
      this.lines,
      this.store,
      { ...c.context, effectiveDate: c.settledOn },
      {
        type: 'SettleAdvance',
        correction: c.correction,
        data: { expenditureId: c.expenditureId, amount: c.amount, vouchers },
      },
      vouchers,
    );
  }
}

@CommandHandler(RecoverAdvanceCommand)
export class RecoverAdvanceHandler implements ICommandHandler<RecoverAdvanceCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly lines: LineCommands,
  ) {}

  execute(c: RecoverAdvanceCommand): Promise<CommandAnswer> {
    return onAdvance(
      this.lines,
      this.store,
      { ...c.context, effectiveDate: c.recoveredOn },
      {
        type: 'RecoverAdvance',
        correction: c.correction,
        data: { expenditureId: c.expenditureId, amount: c.amount, receipt: c.receipt },
      },
      [],
    );
  }
}
