import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { TreasuryCommitment } from '@app/budgeting';
import type { CommandAnswer, CommandContext } from '../command-executor';
import { LineCommands } from '../shared/line-commands';
import { onExpenditure } from './decide-expenditure.handlers';

/*
 * The payment's life at the State Treasury (see @app/budgeting treasury.ts). Each step
 * takes effect on its own date (sent, paid, refused): the context's effective date is it.
 */
type DatedContext = Omit<CommandContext, 'effectiveDate'>;

/** The payment dossier sent to the Treasury on `sentOn`. */
export class SendExpenditureToTreasuryCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: DatedContext,
    readonly expenditureId: string,
    readonly dossier: string,
    readonly sentOn: string,
    readonly treasuryOffice: string | null,
  ) {
    super();
  }
}

/** The Treasury paid: its payment order (lệnh chi / ủy nhiệm chi) and the day paid. */
export class RecordTreasuryAcceptanceCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: DatedContext,
    readonly expenditureId: string,
    readonly paymentOrder: string,
    readonly paidOn: string,
    readonly dossier: string | null,
  ) {
    super();
  }
}

/** The Treasury refused, with its reason; the commitment kept (to resend) or released. */
export class RecordTreasuryRefusalCommand extends Command<CommandAnswer> {
  constructor(
    readonly context: DatedContext,
    readonly expenditureId: string,
    readonly reason: string,
    readonly refusedOn: string,
    readonly commitment: TreasuryCommitment,
    readonly dossier: string | null,
  ) {
    super();
  }
}

@CommandHandler(SendExpenditureToTreasuryCommand)
export class SendExpenditureToTreasuryHandler implements ICommandHandler<SendExpenditureToTreasuryCommand> {
  constructor(private readonly lines: LineCommands) {}

  execute(c: SendExpenditureToTreasuryCommand): Promise<CommandAnswer> {
    const { expenditureId, dossier, treasuryOffice } = c;
    return onExpenditure(
      this.lines,
      expenditureId,
      { ...c.context, effectiveDate: c.sentOn },
      { type: 'SendExpenditureToTreasury', data: { expenditureId, dossier, treasuryOffice } },
    );
  }
}

@CommandHandler(RecordTreasuryAcceptanceCommand)
export class RecordTreasuryAcceptanceHandler implements ICommandHandler<RecordTreasuryAcceptanceCommand> {
  constructor(private readonly lines: LineCommands) {}

  execute(c: RecordTreasuryAcceptanceCommand): Promise<CommandAnswer> {
    const { expenditureId, paymentOrder, dossier } = c;
    return onExpenditure(
      this.lines,
      expenditureId,
      { ...c.context, effectiveDate: c.paidOn },
      { type: 'RecordTreasuryAcceptance', data: { expenditureId, paymentOrder, dossier } },
    );
  }
}

@CommandHandler(RecordTreasuryRefusalCommand)
export class RecordTreasuryRefusalHandler implements ICommandHandler<RecordTreasuryRefusalCommand> {
  constructor(private readonly lines: LineCommands) {}

  execute(c: RecordTreasuryRefusalCommand): Promise<CommandAnswer> {
    const { expenditureId, reason, commitment, dossier } = c;
    return onExpenditure(
      this.lines,
      expenditureId,
      { ...c.context, effectiveDate: c.refusedOn },
      { type: 'RecordTreasuryRefusal', data: { expenditureId, reason, commitment, dossier } },
    );
  }
}
