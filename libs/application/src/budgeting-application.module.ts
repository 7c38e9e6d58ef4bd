import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BUDGET_CONFIG, BudgetConfigModule, type BudgetConfig } from '@app/config';
import { EventStoreModule } from '@app/event-store';
import {
  ApproveExpenditureHandler,
  SignExpenditureHandler,
  DisburseExpenditureHandler,
  RejectExpenditureHandler,
  ReverseExpenditureHandler,
} from './expenditures/decide-expenditure.handlers';
import { ProposeExpenditureHandler } from './expenditures/propose-expenditure.handler';
import {
  RecordTreasuryAcceptanceHandler,
  RecordTreasuryRefusalHandler,
  SendExpenditureToTreasuryHandler,
} from './expenditures/treasury.handlers';
import { RecoverAdvanceHandler, SettleAdvanceHandler } from './advances/advance.handlers';
import { FollowUpRunner } from './follow-ups/follow-up.runner';
import { RetainCommitmentsHandler, ReturnFundsHandler } from './lines/lapse.handlers';
import { AllocateFundsHandler } from './lines/allocate-funds.handler';
import {
  ApproveFiscalYearCloseHandler,
  ProposeFiscalYearCloseHandler,
} from './fiscal-year/close-fiscal-year.handler';
import { ExtendCarryOverDeadlineHandler } from './lines/extend-deadline.handler';
import { ClassifyBudgetLineHandler } from './lines/classify-line.handler';
import { CancelFundsHandler } from './lines/cancel-funds.handler';
import { DecideOnStreamHandler } from './shared/decide-on-stream';
import {
  DesignateLeadAgencyHandler,
  RecordJointTripHandler,
} from './joint-work/joint-work.handlers';
import { LedgerClock, SystemClock } from './shared/ledger-clock';
import { LineCommands } from './shared/line-commands';
import { ProgramSettings } from './shared/program-settings';
import { DecideTransferHandler, RequestTransferHandler } from './transfers/transfer.handlers';

/** The application layer: command handlers over the event store, and the follow-up processes. */
@Module({
  imports: [BudgetConfigModule, CqrsModule.forRoot(), EventStoreModule],
  providers: [
    { provide: LedgerClock, useClass: SystemClock },
    {
      provide: ProgramSettings,
      inject: [BUDGET_CONFIG],
      useFactory: (config: BudgetConfig) => ProgramSettings.of(config),
    },
    LineCommands,
    ProposeExpenditureHandler,
    ApproveExpenditureHandler,
    SignExpenditureHandler,
    RejectExpenditureHandler,
    DisburseExpenditureHandler,
    ReverseExpenditureHandler,
    SendExpenditureToTreasuryHandler,
    RecordTreasuryAcceptanceHandler,
    RecordTreasuryRefusalHandler,
    SettleAdvanceHandler,
    RecoverAdvanceHandler,
    RequestTransferHandler,
    DecideTransferHandler,
    AllocateFundsHandler,
    RetainCommitmentsHandler,
    ReturnFundsHandler,
    ProposeFiscalYearCloseHandler,
    ApproveFiscalYearCloseHandler,
    ExtendCarryOverDeadlineHandler,
    ClassifyBudgetLineHandler,
    CancelFundsHandler,
    DecideOnStreamHandler,
    DesignateLeadAgencyHandler,
    RecordJointTripHandler,
    FollowUpRunner,
  ],
  exports: [CqrsModule, LineCommands, LedgerClock, FollowUpRunner, ProgramSettings],
})
export class BudgetingApplicationModule {}
