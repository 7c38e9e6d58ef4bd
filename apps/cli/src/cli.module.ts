import { Module } from '@nestjs/common';
import { AdvancesCommand } from './advances/advances.command';
import { ApprovalsCommand } from './approvals/approvals.command';
import { BalancesCommand } from './balances/balances.command';
import { CliProgram } from './cli-program';
import { HistoryCommand } from './history/history.command';
import { ImportCommand } from './import/import.command';
import { RebuildCommand } from './rebuild/rebuild.command';
import { ReconcileCommand } from './reconcile/reconcile.command';
import { ByCodeCommand } from './reconcile/by-code.command';
import { ReportCommand } from './report/report.command';
import { UsersCommand } from './users/users.command';
import { VerifyCommand } from './verify/verify.command';

/**
 * Every `budget` command, one file each. A new command (import, balances, history,
 * rebuild, report…) is a class extending BudgetCommand, listed here. Commands open what
 * they need (credential store, event store) when they run, with the `--data` they were
 * given, so nothing is opened at start-up.
 */
@Module({
  providers: [
    CliProgram,
    ...UsersCommand.registerWithSubCommands(),
    ImportCommand,
    BalancesCommand,
    HistoryCommand,
    ApprovalsCommand,
    AdvancesCommand,
    RebuildCommand,
    ReportCommand,
    VerifyCommand,
    ReconcileCommand,
    ByCodeCommand,
  ],
})
export class CliModule {}
