import type { Actor, Authority } from '../shared/actor';
import type { JointTripClaim } from '../joint-work/joint-trip';
import type { Money } from '../shared/money';
import type { DecisionFacts, UnitFacts } from './allocation-basis.rules';
import type { BudgetLineKey } from './budget-line-key';
import type { LineClassification } from '../classification/budget-classification';
import type { SigningCapacity, UnitSignatory } from '../reference/signatory';
import type { NormClaim } from '../norms/norm-claim';
import type { PlanActivityRef } from '../plan/activity-spending.decider';
import type {
  CarriedDeadline,
  Correction,
  DecisionCitation,
  ExpenditureCategory,
  HigherLevel,
} from './budget-line.events';
import type { TreasuryCommitment } from './treasury';
import type { AdvanceCommand } from './advance.commands';

/** What a budget line is asked to do: decided by decideBudgetLine (budget-line.decide.ts). */
export interface CommandBase {
  readonly actor: Actor;
  /** The business date the command takes effect on (YYYY-MM-DD). */
  readonly on: string;
  /**
   * The business day the command is recorded (made) on: an approver's delegation must be
   * in force on it too. The application always sets it (the server's day for the API, the
   * document's day for an import of decisions made earlier); absent, `on` stands for it.
   */
  readonly recordedOn?: string;
  /** Whether the line's fiscal year is closed (the handler reads it from the fiscal-year stream). */
  readonly fiscalYearClosed?: boolean;
  readonly correction?: Correction | null;
}

export type BudgetLineCommand =
  | (CommandBase & {
      readonly type: 'AllocateFunds';
      readonly data: {
        readonly key: BudgetLineKey;
        readonly amount: Money;
        readonly decision: string;
        readonly legalBasis: readonly string[];
        /** The decision as the document register holds it (null: not registered). */
        readonly decisionDocument: DecisionFacts | null;
        /** The line's unit as the unit register holds it (null: not registered). */
        readonly unitRegistration: UnitFacts | null;
      };
    })
  | (CommandBase & {
      readonly type: 'CarryIn';
      readonly data: {
        readonly key: BudgetLineKey;
        readonly amount: Money;
        readonly decision: string;
        readonly transferId: string;
        readonly fromLine: string | null;
        /** The deadline the carry-over decision states; absent: 31/12 of the receiving year. */
        readonly deadline?: string | null;
      };
    })
  | (CommandBase & {
      readonly type: 'ExtendCarryOverDeadline';
      readonly data: {
        readonly decision: DecisionCitation;
        /** The decision as the register holds it (null: not registered), looked up by the application. */
        readonly decisionDocument: DecisionFacts | null;
        readonly deadline: string;
        /**
         * The decision lets money that already lapsed be used again (as Nghị quyết
         * 108/2023/QH15 and 111/2024/QH15 did for NTP money): required when the extension
         * is dated after the line's deadline.
         */
        readonly coversLapsed: boolean;
      };
    })
  | (CommandBase & {
      readonly type: 'TransferOut';
      readonly data: {
        readonly kind: 'carry_over' | 'reallocation';
        readonly amount: Money;
        readonly decision: string;
        readonly transferId: string;
        readonly toLine: string;
      };
    })
  | (CommandBase & {
      readonly type: 'TransferIn';
      readonly data: {
        readonly key: BudgetLineKey;
        readonly amount: Money;
        readonly decision: string;
        readonly transferId: string;
        readonly fromLine: string;
        /** The deadline the money keeps, as the debit on the line it left recorded it. */
        readonly carriedDeadline?: CarriedDeadline | null;
      };
    })
  | (CommandBase & {
      readonly type: 'ReverseTransferOut';
      readonly data: { readonly transferId: string; readonly reason: string };
    })
  | (CommandBase & {
      readonly type: 'CancelFunds';
      readonly data: {
        readonly amount: Money;
        readonly decision: string;
        readonly reason: string;
        /** The decision as the register holds it (null: not registered), looked up by the application. */
        readonly decisionDocument: DecisionFacts | null;
      };
    })
  | (CommandBase & {
      readonly type: 'ClassifyBudgetLine';
      readonly data: { readonly classification: LineClassification };
    })
  | (CommandBase & { readonly type: 'LapseCarryOver'; readonly data: { readonly today: string } })
  | (CommandBase & {
      readonly type: 'RetainCommitments';
      readonly data: {
        readonly decision: DecisionCitation;
        readonly expenditureIds: readonly string[];
        readonly until: string;
      };
    })
  | (CommandBase & {
      readonly type: 'ReturnFunds';
      readonly data: {
        readonly amount: Money;
        readonly source: 'lapsed' | 'unspent';
        readonly toLevel: HigherLevel;
        readonly decision: DecisionCitation;
        readonly reason: string;
      };
    })
  | (CommandBase & {
      readonly type: 'ProposeExpenditure';
      readonly data: {
        readonly expenditureId: string;
        readonly amount: Money;
        readonly category: ExpenditureCategory;
        readonly description: string;
        readonly payee: string;
        readonly activity: string | null;
        readonly voucher: string | null;
        readonly personDays: number | null;
        readonly jointTeam: boolean;
        /** The lead agency of the program in this district (pays joint teams' travel). */
        readonly leadAgency: string;
        /** The decision that names it, for the refusal (null: the deployment's fallback setting). */
        readonly leadAgencyBasis?: string | null;
        /** A joint team's travel: its recorded trip and travellers (checked against the trip by the handler). */
        readonly jointTrip?: JointTripClaim | null;
        /** Tiểu mục of the payment (mục lục NSNN), optional. */
        readonly economicCode?: string | null;
        /** The trip's dates and normed costs with their quantities (see norms/norm-claim.ts). */
        readonly normClaim?: NormClaim | null;
        /** The province whose own norms apply within the central ceilings (deployment setting). */
        readonly province?: string | null;
        /** The approved plan's activity it spends under, as reserved (plan/activity-spending). */
        readonly plan?: PlanActivityRef | null;
        /** `advance`: a tạm ứng, settled later by vouchers; absent or `payment`: a payment. */
        readonly kind?: 'payment' | 'advance';
      };
    })
  | (CommandBase & {
      readonly type: 'ApproveExpenditure';
      readonly data: {
        readonly expenditureId: string;
        readonly authority: Authority | null;
        readonly legalBasis: readonly string[];
        /** The proposal's effective date: the approval may not precede it. */
        readonly proposedOn?: string;
        /**
         * The line's unit's account signatories (the handler reads them): a unit with one in
         * force on the date approves by two signatures only. Absent: read as none.
         */
        readonly signatories?: readonly UnitSignatory[];
      };
    })
  | (CommandBase & {
      /** One of the two signatures; the second, of the other capacity, commits the money. */
      readonly type: 'SignExpenditure';
      readonly data: {
        readonly expenditureId: string;
        /** Null: the one capacity the signer is registered in on the date (never both at once). */
        readonly capacity: SigningCapacity | null;
        /** The line's unit's register of account signatories, read by the handler. */
        readonly signatories: readonly UnitSignatory[];
        readonly legalBasis: readonly string[];
        /** The proposal's effective date: a signature may not precede it. */
        readonly proposedOn?: string;
      };
    })
  | (CommandBase & {
      readonly type: 'RejectExpenditure';
      readonly data: {
        readonly expenditureId: string;
        readonly authority: Authority | null;
        readonly reason: string;
        /** The proposal's effective date: the rejection may not precede it. */
        readonly proposedOn?: string;
      };
    })
  | (CommandBase & {
      readonly type: 'DisburseExpenditure';
      readonly data: {
        readonly expenditureId: string;
        readonly voucher: string;
        readonly paidOn: string;
      };
    })
  | (CommandBase & {
      /** The payment dossier sent to the State Treasury; `on` is the day it was sent. */
      readonly type: 'SendExpenditureToTreasury';
      readonly data: {
        readonly expenditureId: string;
        readonly dossier: string;
        readonly treasuryOffice: string | null;
      };
    })
  | (CommandBase & {
      /** The Treasury paid: `on` is the day paid, `paymentOrder` its lệnh chi / ủy nhiệm chi. */
      readonly type: 'RecordTreasuryAcceptance';
      readonly data: {
        readonly expenditureId: string;
        readonly paymentOrder: string;
        /** The dossier the answer is for; when given it must be the one at the Treasury. */
        readonly dossier: string | null;
      };
    })
  | (CommandBase & {
      /** The Treasury refused: `on` is the day refused. */
      readonly type: 'RecordTreasuryRefusal';
      readonly data: {
        readonly expenditureId: string;
        readonly reason: string;
        readonly commitment: TreasuryCommitment;
        readonly dossier: string | null;
      };
    })
  | (CommandBase & {
      readonly type: 'ReverseExpenditure';
      readonly data: { readonly expenditureId: string; readonly reason: string };
    })
  | AdvanceCommand;
