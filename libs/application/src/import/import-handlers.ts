import type { Command } from '@nestjs/cqrs';
import { transferStreamId } from '@app/budgeting';
import type { EventStore } from '@app/event-store';
import { AllocateFundsCommand, AllocateFundsHandler } from '../lines/allocate-funds.handler';
import {
  ClassifyBudgetLineCommand,
  ClassifyBudgetLineHandler,
} from '../lines/classify-line.handler';
import {
  ExtendCarryOverDeadlineCommand,
  ExtendCarryOverDeadlineHandler,
} from '../lines/extend-deadline.handler';
import {
  RecoverAdvanceCommand,
  RecoverAdvanceHandler,
  SettleAdvanceCommand,
  SettleAdvanceHandler,
} from '../advances/advance.handlers';
import {
  SignExpenditureCommand,
  SignExpenditureHandler,
} from '../expenditures/decide-expenditure.handlers';
import {
  ProposeExpenditureCommand,
  ProposeExpenditureHandler,
} from '../expenditures/propose-expenditure.handler';
import {
  RecordTreasuryAcceptanceCommand,
  RecordTreasuryAcceptanceHandler,
  RecordTreasuryRefusalCommand,
  RecordTreasuryRefusalHandler,
  SendExpenditureToTreasuryCommand,
  SendExpenditureToTreasuryHandler,
} from '../expenditures/treasury.handlers';
import {
  DesignateLeadAgencyCommand,
  DesignateLeadAgencyHandler,
} from '../joint-work/joint-work.handlers';
import { DecideOnStreamCommand, DecideOnStreamHandler } from '../shared/decide-on-stream';
import { LineCommands } from '../shared/line-commands';
import type { ProgramSettings } from '../shared/program-settings';
import {
  DecideTransferCommand,
  DecideTransferHandler,
  RequestTransferCommand,
  RequestTransferHandler,
} from '../transfers/transfer.handlers';
import { TransferProcess } from '../transfers/transfer.process';

/** What a step sends its command to: the command bus's `execute`. */
export interface CommandSender {
  execute<R>(command: Command<R>): Promise<R>;
}

interface Handler {
  execute(command: never): Promise<unknown>;
}

/** The import's commands, run by the API's own handlers, and the transfer process. */
export interface ImportHandlers {
  readonly store: EventStore;
  readonly commands: CommandSender;
  /** Runs the transfer process on an approved transfer (credit, completion). */
  moveMoney(transferId: string): Promise<void>;
}

/**
 * The handlers the command bus runs for the import's commands, built over `store`: the
 * log for a real import, a ScratchStore for its dry run. Built here, not taken from the
 * bus, because Nest builds its handlers over the one store of the module. `settings` are
 * the deployment's (the province whose norms apply, the lead agency's fallback), as the
 * API's handlers have them.
 */
export function importHandlers(store: EventStore, settings: ProgramSettings): ImportHandlers {
  const lines = new LineCommands(store);
  const table = new Map<abstract new (...args: never[]) => unknown, Handler>([
    [ProposeExpenditureCommand, new ProposeExpenditureHandler(store, lines, settings)],
    [SignExpenditureCommand, new SignExpenditureHandler(lines)],
    [SendExpenditureToTreasuryCommand, new SendExpenditureToTreasuryHandler(lines)],
    [RecordTreasuryAcceptanceCommand, new RecordTreasuryAcceptanceHandler(lines)],
    [RecordTreasuryRefusalCommand, new RecordTreasuryRefusalHandler(lines)],
    [SettleAdvanceCommand, new SettleAdvanceHandler(store, lines)],
    [RecoverAdvanceCommand, new RecoverAdvanceHandler(store, lines)],
    [DesignateLeadAgencyCommand, new DesignateLeadAgencyHandler(store)],
    [AllocateFundsCommand, new AllocateFundsHandler(store, lines)],
    [ClassifyBudgetLineCommand, new ClassifyBudgetLineHandler(lines)],
    [ExtendCarryOverDeadlineCommand, new ExtendCarryOverDeadlineHandler(store, lines)],
    [DecideOnStreamCommand, new DecideOnStreamHandler(store)],
    [RequestTransferCommand, new RequestTransferHandler(store)],
    [DecideTransferCommand, new DecideTransferHandler(store)],
  ]);
  const process = new TransferProcess(store, lines);
  return {
    store,
    commands: {
      execute: async <R>(command: Command<R>): Promise<R> => {
        const handler = table.get(command.constructor as new () => unknown);
        if (!handler) throw new Error(`no import handler for ${command.constructor.name}`);
        return (await handler.execute(command as never)) as R;
      },
    },
    moveMoney: async (transferId) => {
      const stream = await store.readStream(transferStreamId(transferId));
      const approval = stream.find((e) => e.type === 'TransferApproved');
      if (!approval) throw new Error(`transfer ${transferId} is not approved`);
      // A refused credit stops the import with the refusal, not a failed transfer.
      await process.handle(approval, { refusals: 'throw' });
    },
  };
}
