import { ApiProperty, OmitType } from '@nestjs/swagger';

/**
 * What the API answers, as classes the swagger plugin reads (types, optionality and these
 * comments become the schemas). Money is whole đồng as a decimal string; a log position
 * is a decimal string too (pass it back as `minPosition` to read your writes).
 */

/** What a recorded command answers. */
export class CommandAnswerDto {
  /** The id of what the command created or acted on (an expenditure, a transfer, a line…). */
  id!: string;
  /** Log position of the last event written (decimal); null when nothing was written. */
  position!: string | null;
}

/** A line's money on both sides, each whole đồng as a decimal string. */
export class AmountsDto {
  /** @example "1200000000" */
  allocated!: string;
  carriedIn!: string;
  carriedOut!: string;
  transferredIn!: string;
  transferredOut!: string;
  /** Approved spending, including what has since been disbursed. */
  committed!: string;
  disbursed!: string;
  /** Cancelled money, lapses included. */
  cancelled!: string;
  /** allocated + carriedIn + transferredIn − carriedOut − transferredOut − cancelled − committed. */
  available!: string;
}

/** A budget line: fiscal year, program part, fund source, source year and spending unit. */
export class BalanceLineDto extends AmountsDto {
  /** @example "2024.DA7.TDA1.central.2024.LDTBXH" */
  id!: string;
  fiscalYear!: number;
  /** @example "DA7.TDA1" */
  programPart!: string;
  /** @example "central" */
  fundSource!: string;
  sourceYear!: number;
  /** @example "LDTBXH" */
  unit!: string;
  /** Money carried over from an earlier year. */
  carriedOver!: boolean;
  /** The line's own deadline (YYYY-MM-DD): its carry-over decision's, or 31/12 of the year carried into, as extended; null for the year's own money. */
  carryOverDeadline!: string | null;
  /** "decision": the carry-over decision stated the deadline; "default": it stated none (31/12). */
  deadlineBasis!: 'decision' | 'default' | null;
  /** The carry-over decision that set the deadline (or stated none), e.g. 699/QĐ-UBND. */
  deadlineDecision!: string | null;
  /** The decisions that extended the deadline, oldest first. As of asOf, as known at knownAt. */
  deadlineExtensions!: string[];
}

export class BalancesAnswerDto {
  /** The business date the answer is as of; null: every entry recorded. */
  asOf!: string | null;
  /** The instant the books are shown as of; null: now. */
  knownAt!: string | null;
  lines!: BalanceLineDto[];
  totals!: AmountsDto;
}

/** One line's current balance, folded from its stream. */
export class LineBalanceDto extends OmitType(BalanceLineDto, ['carriedOver'] as const) {}

/** Who did something, as the token named them. */
export class ActorRefDto {
  id!: string;
  name!: string;
  role!: string;
  unit!: string | null;
}

/** The specimen-signature registration at the State Treasury a signature relies on. */
export class SpecimenDto {
  number!: string;
  registeredOn!: string;
}

/** One of the two signatures of a unit with registered signatories. */
export class SignatureDto {
  /** account_holder (chủ tài khoản) or chief_accountant (kế toán trưởng). */
  capacity!: string;
  /** The account that signed, and the person it stands for. */
  signedBy!: string;
  person!: string;
  name!: string;
  title!: string;
  /** head, deputy, chief_accountant or in_charge. */
  standing!: string;
  specimen!: SpecimenDto;
  signedOn!: string;
}

/** A line's budget classification (mục lục NSNN), as the Treasury books its estimate. */
export class LineClassificationDto {
  /** Chương. @example "622" */
  chapter!: string;
  /** Khoản of loại–khoản (mã ngành kinh tế). @example "398" */
  sector!: string;
  /** Mã CTMTQG. @example "0357" */
  program!: string;
  /** Mã nguồn NSNN. @example "12" */
  source!: string;
}

/** The approved plan's activity a proposal spends under, and the version that funded it. */
export class PlanActivityRefDto {
  fiscalYear!: number;
  leadUnit!: string;
  /** @example "DA7.TDA2-kiem-tra" */
  activityId!: string;
  version!: number;
  /** The decision that approved that version. @example "89/KH-UBND" */
  decision!: string;
}

/** One event on a line, with the balance that results from the entries shown up to it. */
export class HistoryEntryDto {
  id!: string;
  lineId!: string;
  /** The event type: FundsAllocated, ExpenditureApproved… */
  type!: string;
  effectiveDate!: string;
  recordedAt!: string;
  /** Log position (decimal). */
  position!: string;
  actor!: ActorRefDto;
  /** The approver's capacity and delegation, when the event needed one. */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  authority!: Record<string, unknown> | null;
  legalBasis!: string[];
  amount!: string | null;
  expenditureId!: string | null;
  transferId!: string | null;
  description!: string | null;
  payee!: string | null;
  category!: string | null;
  voucher!: string | null;
  reason!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  correction!: Record<string, unknown> | null;
  /** A signature's own; an approval by two signatures, both (account holder first). */
  signatures?: SignatureDto[];
  /** A proposal's tiểu mục (mục lục NSNN), when it gave one. @example "6702" */
  economicCode?: string;
  /** A proposal's line's codes, as classified when it was proposed. */
  classification?: LineClassificationDto;
  /** A proposal's plan activity (spending under the approved plan). */
  plan?: PlanActivityRefDto;
  balance!: AmountsDto;
  /** The balance the books showed right after the event was recorded. */
  balanceAsRecorded!: AmountsDto;
}

export class HistoryAnswerDto {
  budgetLineId!: string;
  asOf!: string | null;
  knownAt!: string | null;
  entries!: HistoryEntryDto[];
}

/** One decision in the approval trail. */
export class ApprovalDto {
  id!: string;
  /** `expenditure:<id>`, `transfer:<id>` or `plan:<year>-<unit>`. */
  subject!: string;
  kind!: string;
  /** approved, rejected, or signed (one of a two-signature unit's signatures). */
  decision!: string;
  what!: string;
  amount!: string | null;
  budgetLineId!: string | null;
  askedBy!: ActorRefDto | null;
  decidedBy!: ActorRefDto;
  decidedById!: string;
  /** Signing capacity, e.g. "KT. Chủ tịch". */
  capacity!: string | null;
  title!: string | null;
  effectiveDate!: string;
  recordedAt!: string;
  /** Log position (decimal). */
  position!: string;
  legalBasis!: string[];
  reason!: string | null;
  /** A signature's own (decision `signed`); an approval by two signatures, both. */
  signatures?: SignatureDto[];
  /** For decision `signed`: account_holder or chief_accountant. */
  signingCapacity?: string;
}

export class ApprovalsAnswerDto {
  approvals!: ApprovalDto[];
}

/** One row of the disbursement report. */
export class DisbursementRowDto extends AmountsDto {
  programPart!: string | null;
  fundSource!: string | null;
  sourceYear!: number | null;
  carriedOver!: boolean | null;
  deadline!: string | null;
  /** The row's estimate: allocated + carried in + transferred in − out. */
  estimate!: string;
  /** Disbursed ÷ estimate, in hundredths of a percent (decimal); null when nothing to divide. */
  rateBasisPoints!: string | null;
  /** The same rate as Vietnamese write it: "8,16". */
  rate!: string;
}

export class DisbursementTotalsDto {
  current!: DisbursementRowDto;
  carriedOver!: DisbursementRowDto;
  all!: DisbursementRowDto;
}

export class DisbursementReportDto {
  fiscalYear!: number;
  asOf!: string | null;
  knownAt!: string | null;
  /** The year's own money. */
  current!: DisbursementRowDto[];
  /** Money carried over from earlier years. */
  carriedOver!: DisbursementRowDto[];
  totals!: DisbursementTotalsDto;
}

/** The period a report covers and what it stands on. */
export class ReportPeriodDto {
  /** As asked: "year", "Q2", "M7", "2024-04-01..2024-06-30"… */
  spec!: string;
  /** @example "2024-04-01" */
  from!: string;
  /** @example "2024-06-30" */
  to!: string;
  @ApiProperty({ type: 'object', properties: { vi: { type: 'string' }, en: { type: 'string' } } })
  label!: { vi: string; en: string };
}

/** The plan a report row belongs to (its number and date print under the title). */
export class ReportPlanDto {
  leadUnit!: string;
  title!: string | null;
  status!: string;
  draft!: boolean;
  number!: string | null;
  issuedOn!: string | null;
}

/**
 * One row of a report (program → sub-project → activity). Its amounts (estimate, disbursed
 * in the period and to date…) are decimal strings named as the form's columns.
 */
export class ReportRowDto {
  /** "total", "project", "part", "activity" or "unassigned". */
  level!: string;
  code!: string;
  /** The row's number as the form prints it ("I", "1", "1.1"). */
  no!: string;
  label!: string;
  /** In hundredths of a percent (decimal); null when nothing to divide. */
  rateBasisPoints!: string | null;
  /** The same rate as Vietnamese write it: "8,16". */
  rate!: string | null;
}

/** What both reports stand on: period, as-of and known-at dates, unit, plans. */
export class ReportBasisDto {
  fiscalYear!: number;
  period!: ReportPeriodDto;
  asOf!: string;
  knownAt!: string | null;
  unit!: string | null;
  unitName!: string | null;
  /** Set when the log holds events marked illustrative (the example data; the form says so). */
  @ApiProperty({
    type: 'object',
    nullable: true,
    properties: { count: { type: 'number' }, firstRecordedAt: { type: 'string' } },
  })
  illustrative!: { count: number; firstRecordedAt: string } | null;
  plans!: ReportPlanDto[];
}

/**
 * The disbursement progress report: its rows, and beside them the 0.3.0 answer (current
 * and carried-over money by part, fund source and source year).
 */
/** Where a carried-over line's deadline comes from, in effect at the report's end date. */
export class DeadlineSourceDto {
  /** @example "2025-06-30" */
  deadline!: string;
  /** "decision": the carry-over decision stated it; "default": it stated none (31/12). */
  basis!: 'decision' | 'default';
  /** The carry-over decision, e.g. 699/QĐ-UBND. */
  decision!: string | null;
  /** The decisions that extended it, oldest first. */
  extensions!: string[];
}

export class ProgressRowDto extends ReportRowDto {
  /** The deadlines of the money in the row, as ISO dates (yyyy-mm-dd); the report files print them dd/mm/yyyy. */
  deadlines!: string[];
  /** Where those deadlines come from (column D), one per distinct source. */
  deadlineSources!: DeadlineSourceDto[];
}

export class ProgressReportDto extends ReportBasisDto {
  rows!: ProgressRowDto[];
  /** The year's own money (0.3.0). */
  current!: DisbursementRowDto[];
  /** Money carried over from earlier years (0.3.0). */
  carriedOver!: DisbursementRowDto[];
  totals!: DisbursementTotalsDto;
}

/** An activity's output: planned, in the period, to date. */
export class ReportOutputDto {
  /** @example "cái" */
  unit!: string;
  target!: number;
  inPeriod!: number;
  toDate!: number;
  rateBasisPoints!: string | null;
  rate!: string | null;
}

export class OutputsRowDto extends ReportRowDto {
  output!: ReportOutputDto | null;
}

/** The outputs report: each output planned, in the period and to date, beside the money. */
export class OutputsReportDto extends ReportBasisDto {
  rows!: OutputsRowDto[];
}

/** A plan as its read model keeps it: status, the draft, approvals, amendments, progress. */
export class PlanDto {
  /** @example "2024-LDTBXH" */
  id!: string;
  fiscalYear!: number;
  leadUnit!: string;
  /** draft, submitted, approved, rejected… */
  status!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the plan as drafted or last amended: title, legal basis, parts, activities',
  })
  draft!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'output progress by activity and output',
  })
  progress!: Record<string, unknown>;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'per activity of the version in force: planned (null when the plan gives none), reserved (pending and approved: what the planned amount caps), committed (approved), disbursed, remaining, and each output with its recorded progress; spending on an activity the version does not list follows with unplanned: true',
  })
  activities!: Record<string, unknown>[];
}

/** The first event whose content, link or order does not check out. */
export class BrokenEventDto {
  position!: string;
  streamId?: string;
  revision?: string;
  eventId?: string;
  reason!: string;
  source!: string;
  code!: string;
  exact!: boolean;
  verifiedUpTo?: string | null;
  @ApiProperty({ type: 'object', properties: { vi: { type: 'string' }, en: { type: 'string' } } })
  message!: { vi: string; en: string };
}

/** The whole log checked: hash chains and signed Merkle checkpoints. */
export class LedgerVerificationDto {
  ok!: boolean;
  eventsChecked!: number;
  /** Last position checked (decimal); null for an empty log. */
  lastPosition!: string | null;
  firstBroken?: BrokenEventDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'the signed checkpoints: how many, how many valid, how far the log is proven, the latest',
  })
  audit?: Record<string, unknown>;
}

/** A signed checkpoint as an auditor keeps it (`budget verify --against FILE` checks it). */
export class ExportedCheckpointDto {
  /** @example "budget-ledger-audit-checkpoint" */
  format!: string;
  version!: number;
  position!: string;
  eventCount!: string;
  /** Merkle root of every event up to `position`. */
  root!: string;
  createdAt!: string;
  previousRoot!: string | null;
  /** @example "Ed25519" */
  algorithm!: string;
  keyFingerprint!: string;
  publicKey!: string;
  signature!: string;
  tree!: string;
}

/** One projection rebuilt beside the serving one, compared, and switched to. */
export class RebuildReportDto {
  projection!: string;
  version!: number;
  fromGeneration!: string;
  toGeneration!: string;
  eventsReplayed!: number;
  durationMs!: number;
  position!: string | null;
  /** Whether the rebuilt documents equal the ones they replace. */
  equal!: boolean;
  differenceCount!: number;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  differences!: Record<string, unknown>[];
  versionChanged!: boolean;
  resumed!: boolean;
}

export class RebuildAnswerDto {
  reports!: RebuildReportDto[];
}

/** One advance paid and not yet wholly settled or recovered, as of the date asked. */
export class OpenAdvanceDto {
  expenditureId!: string;
  budgetLineId!: string;
  unit!: string;
  programPart!: string;
  payee!: string | null;
  description!: string | null;
  /** The day the Treasury paid it. */
  paidOn!: string;
  /** Whole đồng as decimal strings. @example "30000000" */
  paid!: string;
  settled!: string;
  recovered!: string;
  /** paid − settled − recovered. */
  open!: string;
}

/** The year-end list of open advances (GET /advances), oldest payment first. */
export class OpenAdvancesAnswerDto {
  fiscalYear!: number;
  /** Open on this business date (default 31/12 of the fiscal year). */
  asOf!: string;
  /** The open amounts added up. */
  total!: string;
  advances!: OpenAdvanceDto[];
}
