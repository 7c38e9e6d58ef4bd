import type {
  ActivityCategory,
  DocumentType,
  ExpenditureCategory,
  ExpenditureKind,
  NormClaimText,
  SigningCapacity,
  TreasuryCommitment,
  FundSource,
  LineClassification,
  OutputUnit,
  Role,
  UnitKind,
  UnitSignatory,
} from '@app/budgeting';

/**
 * A data set as people write it: a folder of YAML files, each checked against its JSON
 * Schema (./schemas). These types describe the files once they passed their schema.
 * Amounts are strings of whole đồng; dates are `YYYY-MM-DD` strings.
 */

/** The files of a data set and the part of it each holds. Every file is optional. */
export const DATA_FILES = {
  documents: 'documents.yaml',
  units: 'units.yaml',
  people: 'people.yaml',
  lines: 'budget-lines.yaml',
  plan: 'plan.yaml',
  payments: 'payments.yaml',
} as const;

export type DataFileKey = keyof typeof DATA_FILES;
export type DataFileName = (typeof DATA_FILES)[DataFileKey];

/** `true`: the whole item is made up; a list: only those fields are assumed. */
export type Illustrative = boolean | readonly string[];

interface Annotated {
  readonly note?: string;
  readonly illustrative?: Illustrative;
}

export interface UnitItem extends Annotated {
  readonly code: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly validFrom: string;
  readonly validTo?: string | null;
  /** The signatories of its Treasury account: then it approves by two signatures. */
  readonly signatories?: readonly SignatoryItem[];
  /** Its mã ĐVQHNS, each from a date (a change is a later one). */
  readonly budgetRelationshipCodes?: readonly BudgetRelationshipCodeItem[];
}

export interface BudgetRelationshipCodeItem extends Annotated {
  readonly budgetRelationshipCode: string;
  readonly validFrom: string;
  readonly certificate?: string | null;
}

export type SignatoryItem = Annotated &
  Omit<UnitSignatory, 'validTo' | 'appointment'> & {
    readonly validTo?: string | null;
    readonly appointment?: string | null;
  };

export interface DocumentItem extends Annotated {
  readonly number: string;
  readonly type: DocumentType;
  readonly issuer: string;
  readonly issuedOn: string;
  readonly signerName?: string | null;
  readonly signerCapacity?: string | null;
  readonly title: string;
}

export interface DelegationItem extends Annotated {
  readonly id: string;
  readonly capacity: string;
  readonly title: string;
  readonly programParts?: readonly string[];
  readonly units?: readonly string[];
  readonly validFrom: string;
  readonly validTo?: string | null;
  readonly legalBasis: readonly string[];
}

export interface PersonItem extends Annotated {
  readonly id: string;
  readonly name: string;
  readonly title?: string;
  readonly role: Role;
  readonly unit?: string | null;
  readonly registeredOn: string;
  readonly delegations?: readonly DelegationItem[];
}

export type LineKind = 'allocation' | 'carry_over';

export interface LineItem extends Annotated {
  readonly programPart: string;
  readonly fundSource: FundSource;
  readonly sourceYear: number;
  readonly unit: string;
  readonly kind: LineKind;
  readonly amount: string;
  readonly decision: string;
  readonly legalBasis?: readonly string[];
  readonly effectiveDate?: string;
  readonly requestedBy?: string;
  readonly approvedBy?: string;
  /** A carry-over's deadline as its decision states it (absent: the default, 31/12). */
  readonly deadline?: string;
  /** The decision permitting a second carry-over (or a move across fund sources). */
  readonly permittedBy?: string;
  /** The line's budget classification (mục lục NSNN); absent: unclassified. */
  readonly classification?: LineClassification;
}

/** A line named by its key within the file's fiscal year, as `lines` name theirs. */
export interface LineRef {
  readonly programPart: string;
  readonly fundSource: FundSource;
  readonly sourceYear: number;
  readonly unit: string;
}

/**
 * Gia hạn: a decision (in documents.yaml: its date of issue and issuer are read there)
 * moving the deadline of the carried-over lines it names.
 */
export interface ExtensionItem extends Annotated {
  readonly decision: string;
  readonly deadline: string;
  readonly lines: readonly LineRef[];
  /** Defaults to the decision's date of issue. */
  readonly effectiveDate?: string;
  /** The decision lets money that already lapsed be used again. */
  readonly coversLapsed?: boolean;
}

export interface LinesFile {
  readonly fiscalYear: number;
  readonly lines: readonly LineItem[];
  readonly extensions?: readonly ExtensionItem[];
}

export interface PlanOutputItem {
  readonly id: string;
  readonly description: string;
  readonly unit: OutputUnit;
  readonly target: number;
}

export interface PlanActivityItem {
  readonly id: string;
  readonly programPart: string;
  readonly name: string;
  readonly category: ActivityCategory;
  readonly plannedAmount?: string;
  readonly outputs?: readonly PlanOutputItem[];
  readonly note?: string;
}

export interface PlanPartItem {
  readonly code: string;
  readonly name: string;
  readonly budgetAmount: string;
}

export type PlanStatusItem = 'draft' | 'submitted' | 'approved';

export interface PlanFile extends Annotated {
  readonly fiscalYear: number;
  readonly leadUnit: string;
  readonly title: string;
  readonly status: PlanStatusItem;
  readonly number?: string | null;
  readonly issuedOn?: string | null;
  readonly draftedOn: string;
  readonly submittedOn?: string;
  readonly approval?: { readonly approvedBy: string } & Annotated;
  /**
   * The plan names its lead agency (cơ quan chủ trì) for the year: recorded once the plan
   * is approved, under the plan's number and date, from `validFrom` (default: its issue).
   */
  readonly leadAgency?: {
    readonly validFrom?: string;
    readonly validTo?: string | null;
  } & Annotated;
  readonly legalBasis: readonly string[];
  readonly fundingDecisions: readonly string[];
  readonly alsoCites?: readonly string[];
  readonly parts: readonly PlanPartItem[];
  readonly activities: readonly PlanActivityItem[];
}

/** One signature on a payment: who, in which capacity (absent: the one they hold), when. */
export interface PaymentSignatureItem extends Annotated {
  readonly by: string;
  readonly capacity?: SigningCapacity;
  readonly on: string;
}

/** A step of the payment at the State Treasury, in the order it happened. */
export type TreasuryStepItem = Annotated & { readonly by: string; readonly on: string } & (
    | { readonly step: 'sent'; readonly dossier: string; readonly office?: string | null }
    | {
        readonly step: 'accepted';
        readonly paymentOrder: string;
        readonly dossier?: string | null;
      }
    | {
        readonly step: 'refused';
        readonly reason: string;
        readonly commitment: TreasuryCommitment;
        readonly dossier?: string | null;
      }
  );

export interface SettlementItem extends Annotated {
  readonly by: string;
  readonly on: string;
  readonly amount: string;
  readonly vouchers: readonly { readonly number: string; readonly date: string }[];
}

export interface RecoveryItem extends Annotated {
  readonly by: string;
  readonly on: string;
  readonly amount: string;
  readonly receipt: string;
}

/**
 * A payment as the unit made it: proposed, signed twice, sent to the Treasury and
 * answered, and (an advance) settled — each step by its person, on its date, through the
 * command the API sends for it.
 */
export interface PaymentItem extends Annotated {
  /** The item's key within the file: the commands' ids derive from it. */
  readonly id: string;
  readonly line: LineRef;
  readonly kind?: ExpenditureKind;
  readonly amount: string;
  readonly category: ExpenditureCategory;
  readonly description: string;
  readonly payee: string;
  readonly activity?: string;
  readonly planUnit?: string;
  readonly economicCode?: string;
  readonly voucher?: string;
  readonly normClaim?: NormClaimText;
  readonly proposedBy: string;
  readonly proposedOn: string;
  readonly signatures?: readonly PaymentSignatureItem[];
  readonly treasury?: readonly TreasuryStepItem[];
  readonly settlements?: readonly SettlementItem[];
  readonly recoveries?: readonly RecoveryItem[];
}

export interface PaymentsFile {
  readonly fiscalYear: number;
  readonly payments: readonly PaymentItem[];
}

export interface DataSet {
  /** The folder's name, e.g. `ba-to-2024`: recorded with every imported event. */
  readonly name: string;
  readonly folder: string;
  readonly documents: readonly DocumentItem[];
  readonly units: readonly UnitItem[];
  readonly people: readonly PersonItem[];
  readonly lines: LinesFile | null;
  readonly plan: PlanFile | null;
  readonly payments?: PaymentsFile | null;
  /** The line of a path in its file, when the set was read from files. */
  readonly lineOf?: (file: DataFileName, path: readonly (string | number)[]) => number | null;
}
