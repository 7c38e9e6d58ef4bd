import type { Money } from '../shared/money';
import type { JointTripClaim } from '../joint-work/joint-trip';
import type { BudgetLineKey } from './budget-line-key';
import type { DeadlineBasis } from './carry-over-deadline';
import type { LineClassification } from '../classification/budget-classification';
import type {
  SignatoryStanding,
  SigningCapacity,
  SpecimenRegistration,
} from '../reference/signatory';
import type { NormClaim, NormsApplied } from '../norms/norm-claim';
import type { TreasuryAnswerOf, TreasuryCommitment } from './treasury';
import type { PlanActivityRef } from '../plan/activity-spending.decider';
import type { AdvanceEvent } from './advance.events';

export const EXPENDITURE_CATEGORIES = [
  'travel_allowance',
  'training',
  'communication',
  'printing',
  'meeting',
  'survey',
  'study_tour',
  'other',
] as const;
export type ExpenditureCategory = (typeof EXPENDITURE_CATEGORIES)[number];

/** Who signed, in what capacity, under which delegation: recorded with every approval. */
export interface ApprovalAuthority {
  readonly capacity: string;
  readonly title: string;
}

/** One of the two signatures on a payment, as recorded when it was given. */
export interface ExpenditureSignature {
  readonly capacity: SigningCapacity;
  /** The account that signed, and the person it stands for (segregation compares persons). */
  readonly signedBy: string;
  readonly person: string;
  readonly name: string;
  readonly title: string;
  readonly standing: SignatoryStanding;
  /** The specimen-signature registration at the Treasury the signature relies on. */
  readonly specimen: SpecimenRegistration;
  readonly signedOn: string;
}

/**
 * A correction names what it corrects and why: in a closed fiscal year, and for a late
 * entry on a lapsed carry-over, where `corrects` cites the lapse and `approvedBy` names
 * who approved reinstating its money (see budget-line.lapse.ts).
 */
export interface Correction {
  readonly corrects: string;
  readonly reason: string;
  readonly approvedBy?: string;
}

/**
 * A decision as an event cites it: its number, date of issue and issuer (as printed, e.g.
 * `UBND huyện Ba Tơ`, `QH15`).
 */
export interface DecisionCitation {
  readonly number: string;
  readonly issuedOn: string;
  readonly issuer: string;
}

/**
 * The deadline carried-over money keeps wherever a reallocation moves it: its date, its
 * basis, the carry-over decision that set it (or stated none; null when the line it left
 * did not record which) and the decisions that extended it, oldest first.
 */
export interface CarriedDeadline {
  readonly deadline: string;
  readonly deadlineBasis: DeadlineBasis;
  readonly decision: string | null;
  readonly extensions: readonly string[];
}

/** Levels a district's money can have come from, and so be returned to. */
export const HIGHER_LEVELS = ['central', 'provincial'] as const;
export type HigherLevel = (typeof HIGHER_LEVELS)[number];

interface Base {
  readonly budgetLineId: string;
}

/**
 * The events of a budget line, expenditures included: the line is the consistency
 * boundary of its money, so an approval and the commitment it makes are one append,
 * and no two approvals can both take the last đồng.
 */
export type BudgetLineEvent =
  | { readonly type: 'BudgetLineOpened'; readonly data: Base & BudgetLineKey }
  | {
      readonly type: 'FundsAllocated';
      readonly data: Base & {
        readonly amount: Money;
        readonly decision: string;
        readonly legalBasis: readonly string[];
      };
    }
  | {
      readonly type: 'FundsCarriedIn';
      readonly data: Base & {
        readonly amount: Money;
        readonly decision: string;
        readonly transferId: string;
        readonly fromLine: string | null;
        readonly deadline: string;
        /** Absent on events recorded before 0.9.0: those deadlines were all the default. */
        readonly deadlineBasis?: DeadlineBasis;
      };
    }
  | {
      readonly type: 'CarryOverDeadlineExtended';
      readonly data: Base & {
        readonly decision: DecisionCitation;
        readonly previousDeadline: string;
        readonly deadline: string;
        /** Lapsed money the decision lets the line use again (0 when none had lapsed). */
        readonly restoredAmount: Money;
      };
    }
  | {
      readonly type: 'FundsCarriedOut';
      readonly data: Base & {
        readonly amount: Money;
        readonly decision: string;
        readonly transferId: string;
        readonly toLine: string;
      };
    }
  | {
      readonly type: 'FundsTransferredIn';
      readonly data: Base & {
        readonly amount: Money;
        readonly decision: string;
        readonly transferId: string;
        readonly fromLine: string;
        /**
         * The deadline the money keeps from the line it left, which this line now has
         * (absent: the money carried none, the rule released it, or it was recorded before
         * deadlines moved with reallocated money).
         */
        readonly carriedDeadline?: CarriedDeadline;
      };
    }
  | {
      readonly type: 'FundsTransferredOut';
      readonly data: Base & {
        readonly amount: Money;
        readonly decision: string;
        readonly transferId: string;
        readonly toLine: string;
        /** The deadline of the carried-over money leaving, which the money keeps. */
        readonly carriedDeadline?: CarriedDeadline;
      };
    }
  | {
      readonly type: 'TransferOutReversed';
      readonly data: Base & {
        readonly amount: Money;
        readonly transferId: string;
        /** The column the money left by, so readers need not look the transfer up. */
        readonly column: 'carriedOut' | 'transferredOut';
        readonly reason: string;
      };
    }
  | {
      readonly type: 'FundsCancelled';
      readonly data: Base & {
        readonly amount: Money;
        readonly decision: string;
        readonly reason: string;
      };
    }
  | {
      readonly type: 'CarryOverLapsed';
      readonly data: Base & { readonly amount: Money; readonly deadline: string };
    }
  | {
      /** Approved-but-unpaid money of a lapsed carry-over: lapses with the rest of the line. */
      readonly type: 'ExpenditureLapsed';
      readonly data: Base & {
        readonly expenditureId: string;
        readonly amount: Money;
        readonly deadline: string;
      };
    }
  | {
      /** A decision keeps approved-but-unpaid expenditures payable past the deadline, until a date. */
      readonly type: 'CommitmentRetained';
      readonly data: Base & {
        readonly decision: DecisionCitation;
        readonly expenditureIds: readonly string[];
        readonly amount: Money;
        readonly until: string;
      };
    }
  | {
      /**
       * A late entry reinstates part of a recorded lapse: the money of one expenditure
       * dated before the deadline. `recommits`: the expenditure's own approval had lapsed
       * and is committed again; otherwise the money is earmarked for its approval.
       */
      readonly type: 'LapseCorrected';
      readonly data: Base & {
        readonly lapse: string;
        /** The lapse's effective date: the money comes back on it, not on the entry's date. */
        readonly lapsedOn: string;
        readonly expenditureId: string;
        readonly amount: Money;
        readonly recommits: boolean;
        readonly reason: string;
        readonly approvedBy: string;
        readonly correctedBy: string;
      };
    }
  | {
      /** Hoàn trả: lapsed or unspent money given back to the budget level it came from. */
      readonly type: 'FundsReturned';
      readonly data: Base & {
        readonly amount: Money;
        readonly source: 'lapsed' | 'unspent';
        readonly toLevel: HigherLevel;
        readonly decision: DecisionCitation;
        readonly reason: string;
      };
    }
  | {
      /**
       * The year's close holds the line still (khóa sổ): ordinary commands are refused from
       * here, as in a closed year, so the settlement the close reads after sealing every
       * line is the one it records (no command decided on an open year can land after).
       * Written by the close's approval only, on each line of the year, before it is recorded.
       */
      readonly type: 'BudgetLineSealed';
      readonly data: Base & { readonly fiscalYear: number };
    }
  | {
      /** The close that sealed the line was refused after all: the line takes commands again. */
      readonly type: 'BudgetLineUnsealed';
      readonly data: Base & { readonly fiscalYear: number };
    }
  | {
      /**
       * The line's budget classification (mục lục NSNN), validated against the code table
       * on its effective date. Lines recorded before 0.9.0 have none: "unclassified".
       */
      readonly type: 'BudgetLineClassified';
      readonly data: Base & {
        readonly classification: LineClassification;
        /** The version of the code table (budget-code-table.json) it was checked against. */
        readonly codeTableVersion: string;
      };
    }
  | {
      readonly type: 'ExpenditureProposed';
      readonly data: Base & {
        readonly expenditureId: string;
        readonly amount: Money;
        readonly category: ExpenditureCategory;
        readonly description: string;
        readonly payee: string;
        readonly activity: string | null;
        readonly voucher: string | null;
        readonly personDays: number | null;
        readonly jointTeam: boolean;
        /** Tiểu mục of the payment (mục lục NSNN); absent on proposals before 0.9.0. */
        readonly economicCode?: string;
        /** The trip's or event's dates and normed costs as claimed (0.9.0; absent before). */
        readonly normClaim?: NormClaim;
        /** The norm rows the claim was checked against (0.9.0; absent before and when none). */
        readonly norms?: NormsApplied;
        /** A joint team's travel: the recorded trip and who travelled on which days (0.9.0). */
        readonly jointTrip?: JointTripClaim;
        /**
         * The approved plan, version and activity it spends under (0.9.0; absent before, and
         * for spending not tied to a plan: see README, "Spending under the approved plan").
         */
        readonly plan?: PlanActivityRef;
        readonly proposedBy: string;
        /** The proposer's person, when the account names one (segregation compares persons). */
        readonly proposedByPerson?: string;
        readonly correction: Correction | null;
        /** An advance (tạm ứng, 0.9.0); absent: an ordinary payment. */
        readonly kind?: 'advance';
      };
    }
  | {
      /** One signature of a unit with registered signatories; commits nothing by itself. */
      readonly type: 'ExpenditureSigned';
      readonly data: Base & ExpenditureSignature & { readonly expenditureId: string };
    }
  | {
      readonly type: 'ExpenditureApproved';
      readonly data: Base & {
        readonly expenditureId: string;
        readonly amount: Money;
        /** The account holder when signed twice; else the approver under a delegation. */
        readonly approvedBy: string;
        readonly authority: ApprovalAuthority;
        readonly legalBasis: readonly string[];
        /** The documents of the norms applied (`40/2017/TT-BTC`), null when none. */
        readonly normApplied: string | null;
        /**
         * Both signatures (account holder first) when the unit approves by two signatures.
         * Absent: a single approval under a delegation — every approval before 0.9.0, and
         * units with no registered signatories (the transitional path).
         */
        readonly signatures?: readonly ExpenditureSignature[];
        /** The norm rows applied, each with source, rate, quantity and ceiling (0.9.0). */
        readonly norms?: NormsApplied;
      };
    }
  | {
      readonly type: 'ExpenditureRejected';
      readonly data: Base & {
        readonly expenditureId: string;
        readonly rejectedBy: string;
        readonly authority: ApprovalAuthority;
        readonly reason: string;
      };
    }
  | {
      readonly type: 'ExpenditureDisbursed';
      readonly data: Base & {
        readonly expenditureId: string;
        readonly amount: Money;
        /** The payment's document: the Treasury's payment order (lệnh chi / ủy nhiệm chi). */
        readonly voucher: string;
        readonly paidOn: string;
        /**
         * The Treasury accepted the dossier sent to it (0.9.0): which dossier, sent when.
         * Absent: the unit recorded the Treasury's answer itself (the simple path, and
         * every payment before 0.9.0). Either way the payment is disbursed.
         */
        readonly treasury?: TreasuryAnswerOf;
        /** The payment of an advance (0.9.0): it also opens the advance. */
        readonly advance?: true;
      };
    }
  | {
      /** The payment dossier went to the State Treasury (KBNN): still committed, not paid. */
      readonly type: 'ExpenditureSentToTreasury';
      readonly data: Base & {
        readonly expenditureId: string;
        readonly amount: Money;
        /** The dossier's id (mã hồ sơ) as the Treasury's service gave it. */
        readonly dossier: string;
        /** The Treasury office it went to (e.g. `KBNN Ba Tơ`), null when not named. */
        readonly treasuryOffice: string | null;
        readonly sentOn: string;
        readonly sentBy: string;
      };
    }
  | {
      /**
       * The Treasury refused the dossier (Nghị định 11/2020/NĐ-CP): with `kept` the unit
       * corrects it and sends again, the money stays committed; with `released` the
       * payment ends here and its commitment (`releasedAmount`) is available again.
       */
      readonly type: 'ExpenditureRefusedByTreasury';
      readonly data: Base & {
        readonly expenditureId: string;
        /** The payment's amount: what the refused dossier asked and leaves the Treasury with. */
        readonly amount: Money;
        readonly dossier: string;
        readonly reason: string;
        readonly refusedOn: string;
        readonly commitment: TreasuryCommitment;
        /** The commitment given back: the approved amount when released, else 0. */
        readonly releasedAmount: Money;
        readonly recordedBy: string;
      };
    }
  | {
      readonly type: 'ExpenditureReversed';
      readonly data: Base & {
        readonly expenditureId: string;
        /** Commitment given back to the line. */
        readonly committedAmount: Money;
        /** Payment given back (0 when it was never paid). */
        readonly disbursedAmount: Money;
        readonly reason: string;
        /** The reversal of an advance's payment (0.9.0): its open advance goes too. */
        readonly advance?: true;
      };
    }
  | AdvanceEvent;

export type BudgetLineEventType = BudgetLineEvent['type'];

// Commands live beside the decider (budget-line.commands.ts); re-exported for older imports.
export type { BudgetLineCommand } from './budget-line.commands';
